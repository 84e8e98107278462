"""The web forms' source without a browser: answers to fields, one landing per submission, saved journeys."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

import surveys
from pipelines.errors import InvitationRefused, WaveClosed
from pipelines.landing.answers import check_section, plain, to_row
from pipelines.outreach.tokens import find_invitation, issue_invitation
from pipelines.sources import form_sessions, web_forms
from tests.conftest import scalar
from tests.form_filling import CARER, open_current_waves
from warehouse.connection import connect


def test_answers_become_the_text_fields_land_takes_and_hidden_answers_are_dropped():
    survey = surveys.load("carer_experience")
    row = to_row(survey, {**CARER, "PERSBUDGET": "N", "ASSESSDAYS": "21"})
    assert row["CONDITIONS[DEM]"] == "Y" and row["CONDITIONS[MH]"] == ""
    assert "BUDGETLIMITS" not in row
    assert to_row(
        surveys.load("commissioner_return"),
        {"PLANSTATUS": "PUB", "PUBDATE": date(2011, 9, 30), "WORKSWITH": "Y", "WORKSWITHORGS": ["DEMO01", "DEMO02"]},
    ) == {"PLANSTATUS": "PUB", "PUBDATE": "2011-09-30", "WORKSWITH": "Y", "WORKSWITHORGS": "DEMO01;DEMO02"}


@pytest.mark.parametrize(
    "question, value, message",
    [
        pytest.param("BUDGETEXIST", "£1,250,000", None, id="pounds_with_commas"),
        pytest.param("BUDGETEXIST", "-5", "Enter £0 or more", id="negative_money"),
        pytest.param("BUDGETEXIST", "lots", "Enter an amount in pounds, like £1,250,000", id="words_for_money"),
        pytest.param("BUDGETEXIST", "1.4m", None, id="millions_as_people_write_them"),
        pytest.param("PUBURL", "www.example.org", "Enter the full web address", id="url_without_scheme"),
        pytest.param("PLANSTATUS", None, "Select an answer", id="required_blank"),
    ],
)
def test_each_screen_checks_answers_in_plain_english(question, value, message):
    survey = surveys.load("commissioner_return")
    answers = {"PLANSTATUS": "PUB", "WORKSWITH": "N", question: value}
    section = next(s for s in survey.sections if any(q.code == question for q in s.questions))
    problems = check_section(survey, section, answers)
    if message is None:
        assert question not in problems
    else:
        assert problems[question].startswith(message)


def test_land_problems_are_said_plainly_beside_their_question():
    assert (
        plain("PUBURL 'abc' is not a web address; it should start with https://", "PUBURL")
        == "This is not a web address; it should start with https://"
    )
    assert plain("AREA is required but was left blank", "AREA") == "Answer this question"


def test_a_double_submission_lands_once_and_gives_the_same_reference(con):
    waves = open_current_waves(con)
    source_id = str(uuid.uuid4())
    first = web_forms.submit(con, "carer_experience", CARER, source_id=source_id, wave_id=waves["carer_experience"])
    second = web_forms.submit(con, "carer_experience", CARER, source_id=source_id, wave_id=waves["carer_experience"])
    assert first.landed and not second.landed and second.already_present
    assert first.reference == second.reference
    assert scalar(con, "select count(*) from response_carer_experience") == 1
    assert scalar(con, "select count(*) from audit_log where action = 'submission'") == 1


def test_answers_land_refuses_come_back_by_question_and_land_nothing(con):
    waves = open_current_waves(con)
    result = web_forms.submit(
        con,
        "commissioner_return",
        {
            "COMMISSIONER": "5J9",
            "PLANSTATUS": "PUB",
            "PUBDATE": date(2011, 9, 30),
            "PUBURL": "not a url",
            "WORKSWITH": "Y",
        },
        source_id="x:5J9",
        wave_id=waves["commissioner_return"],
    )
    assert result.reference is None and "PUBURL" in result.errors
    assert scalar(con, "select count(*) from response_commissioner_return") == 0


def test_web_answers_to_a_closed_wave_are_refused_and_the_invitation_stays_unused(con):
    waves = open_current_waves(con)
    token = issue_invitation(con, waves["carer_experience"], channel="post")
    invitation = web_forms.invitation_for(con, token)
    con.execute("update waves set closed_at = current_timestamp")
    with pytest.raises(WaveClosed):
        web_forms.submit(
            con,
            "carer_experience",
            CARER,
            source_id="s",
            wave_id=invitation.wave_id,
            invitation_id=invitation.invitation_id,
        )
    unused = find_invitation(con, token)
    assert unused is not None and unused.completed is False
    with pytest.raises(InvitationRefused, match="This survey closed on"):
        web_forms.invitation_for(con, token)


def test_a_used_or_unknown_token_is_refused_kindly(con):
    waves = open_current_waves(con)
    token = issue_invitation(con, waves["carer_experience"], channel="post")
    invitation = web_forms.invitation_for(con, token)
    web_forms.submit(
        con,
        "carer_experience",
        CARER,
        source_id="a",
        wave_id=invitation.wave_id,
        invitation_id=invitation.invitation_id,
    )
    with pytest.raises(InvitationRefused, match="already been sent"):
        web_forms.invitation_for(con, token)
    with pytest.raises(InvitationRefused, match="already been used"):
        web_forms.submit(
            con,
            "carer_experience",
            CARER,
            source_id="b",
            wave_id=invitation.wave_id,
            invitation_id=invitation.invitation_id,
        )
    with pytest.raises(InvitationRefused, match="could not find"):
        web_forms.invitation_for(con, "NOPE")
    assert scalar(con, "select count(*) from response_carer_experience") == 1


def test_a_journey_saved_under_a_return_code_comes_back_for_30_days_and_is_never_a_response(con):
    wave = open_current_waves(con)["commissioner_return"]
    answers = {"PLANSTATUS": "PUB", "PUBDATE": date(2011, 9, 30)}
    secret = form_sessions.start(con, "commissioner_return", wave, source_id="s", answers=answers)
    session = form_sessions.find(con, "commissioner_return", secret)
    assert session is not None and session.answers == answers
    form_sessions.keep(con, session, step="money")
    code = form_sessions.return_code(con, session)
    resumed = form_sessions.resume(con, code.lower().replace("-", ""))
    assert resumed is not None and resumed[1].answers == answers and resumed[1].step == "money"
    assert form_sessions.find(con, "commissioner_return", secret) is None  # the old browser's cookie is retired
    expires = scalar(con, "select expires_at from form_sessions")
    assert 29 <= (expires.date() - date.today()).days <= 30
    assert scalar(con, "select count(*) from response_commissioner_return") == 0
    assert scalar(con, "select count(*) from raw_submissions") == 0
    con.execute("update form_sessions set expires_at = current_timestamp - interval 1 day")
    assert form_sessions.resume(con, code) is None
    form_sessions.start(con, "commissioner_return", wave, source_id="t")  # the next journey clears the old one
    assert scalar(con, "select count(*) from form_sessions where source_id = 's'") == 0


@pytest.mark.slow
def test_32_threads_of_200_carer_submissions_land_exactly_6400_without_duplicates(db_path, capsys):
    """Same path as the page: one shared connection, a cursor per thread (per session), submit()."""
    shared = connect(db_path)
    wave_id = open_current_waves(shared)["carer_experience"]
    threads, each = 32, 200

    def carer(thread: int) -> list[str | None]:
        cursor = shared.cursor()
        references: list[str | None] = []
        for number in range(each):
            source_id = str(uuid.uuid4())
            answers = {**CARER, "ASSESSDAYS": str(number % 60), "DIFFERENCE": f"thread {thread} carer {number}"}
            result = web_forms.submit(cursor, "carer_experience", answers, source_id=source_id, wave_id=wave_id)
            if number % 50 == 0:  # a double click now and then must not land twice
                web_forms.submit(cursor, "carer_experience", answers, source_id=source_id, wave_id=wave_id)
            references.append(result.reference)
        cursor.close()
        return references

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        references = [r for batch in pool.map(carer, range(threads)) for r in batch]
    seconds = time.perf_counter() - started
    assert len(references) == len(set(references)) == threads * each
    assert scalar(shared, "select count(*) from response_carer_experience") == threads * each
    assert scalar(shared, "select count(distinct source_id) from response_carer_experience") == threads * each
    assert scalar(shared, "select count(distinct DIFFERENCE) from response_carer_experience") == threads * each
    shared.close()
    with capsys.disabled():
        print(f"\n{threads * each} carer submissions in {seconds:.1f} s: {threads * each / seconds:.0f} per second")
