"""Optional: the whole round trip against a real LimeSurvey server (runs only with LIMESURVEY_URL/USER/PASSWORD).

Each test imports our `.lss` under a survey id of its own, activates it, adds responses through the API
(and, for a returning participant, through the survey's own pages), syncs, checks the figures, and deletes
the survey it made. See docs/limesurvey.md and tests/fixtures/limesurvey/LIVE_SERVER.md.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import citric
import pytest
import requests

import surveys
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.limesurvey.client import Connection, LimeSurveyProblem, TimeoutSession
from pipelines.sources.limesurvey.lss_export import lss, relevance
from pipelines.sources.limesurvey.sync import sync
from tests.conftest import scalar

LIVE = {key: os.environ.get(f"LIMESURVEY_{key}", "") for key in ("URL", "USER", "PASSWORD")}
pytestmark = pytest.mark.skipif(not all(LIVE.values()), reason="set LIMESURVEY_URL, _USER and _PASSWORD to run")
SURVEY = "carer_experience"
AREA = "E08000035"  # Leeds


def answers() -> dict[str, str]:
    """A plausible response: the first answer to every question shown without conditions."""
    found = {}
    for question in surveys.load(SURVEY).questions:
        if question.show_if:
            continue
        if question.type == "single":
            found[question.code] = question.options[0].code
        elif question.type == "multi":
            found[question.fields[0]] = "Y"
        elif question.type == "array":
            found.update({field: question.options[0].code for field in question.fields})
        elif question.type == "number":
            found[question.code] = f"{question.minimum or 1:g}"
        elif question.type == "date":
            found[question.code] = "2026-01-15"
        elif question.type == "org":
            found[question.code] = AREA
    return found


def unused_sid() -> int:
    """A survey id of our own for each import: parallel workers importing one `.lss` (one sid) at once race
    for it inside LimeSurvey, and the loser fails with "Failed to import survey language settings" (issue 19)."""
    return secrets.randbelow(800_000) + 100_000


def columns_of(lime: citric.Client, sid: int) -> dict[str, str]:
    """Our field name (`CODE`, `CODE[SQ]`) -> the survey's response-table column, for `add_response`."""
    return {
        (f"{v['title']}[{v['aid']}]" if v.get("aid") else v["title"]): k
        for k, v in lime.get_fieldmap(sid).items()
        if v.get("title")
    }


def live_client() -> citric.Client:
    return citric.Client(LIVE["URL"], LIVE["USER"], LIVE["PASSWORD"], requests_session=TimeoutSession(60))


@contextmanager
def live_survey(lime: citric.Client, code: str = SURVEY, *, persistent: bool = True) -> Iterator[int]:
    """Our survey imported, active, with a participant table; deleted afterwards. `persistent=False` is the
    `.lss` before issue 19 (token answers not persistent), to show what a returning participant did then."""
    text = lss(code, unused_sid())
    if not persistent:
        text = text.replace("<tokenanswerspersistence><![CDATA[Y]]>", "<tokenanswerspersistence><![CDATA[N]]>")
    sid = lime.import_survey(io.BytesIO(text.encode()), "lss")
    try:
        lime.activate_survey(sid)
        lime.activate_tokens(sid)
        yield sid
    finally:
        lime.delete_survey(sid)


def respond(lime: citric.Client, sid: int, **given: str | None) -> int:
    """Add a response through the API: `answers()` with our field names, `token`/`submitdate` as given."""
    columns = columns_of(lime, sid)
    fixed = {k: v for k, v in given.items() if k in ("token", "submitdate", "datestamp")}
    return int(
        lime.add_response(sid, {**{columns[f]: v for f, v in {**answers(), **given}.items() if f in columns}, **fixed})
    )


def participant(lime: citric.Client, sid: int, **more: str) -> str:
    return lime.add_participants(sid, participant_data=[{"firstname": "A", "email": "a@example.invalid", **more}])[0][
        "token"
    ]


def hidden_fields(html: str) -> Iterator[tuple[str, str]]:
    """The hidden inputs of a LimeSurvey page (the CSRF token, the step), their attributes in any order."""
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            yield name.group(1), value.group(1) if value else ""


def return_with_link(sid: int, token: str) -> None:
    """What a participant does with their invitation link: open it and press Next past the first two pages."""
    base = LIVE["URL"].removesuffix("/admin/remotecontrol")
    with requests.Session() as browser:
        page = browser.get(f"{base}/{sid}", params={"token": token, "lang": "en"}, timeout=60)
        for _ in range(2):
            form = dict(hidden_fields(page.text))
            page = browser.post(f"{base}/{sid}", data={**form, "move": "movenext"}, timeout=60)
            page.raise_for_status()


def saved_at(lime: citric.Client, sid: int, response_id: int) -> str:
    """The response's last-save stamp as LimeSurvey exports it."""
    exported = json.loads(lime.export_responses(sid, file_format="json"))["responses"]
    return next(r["datestamp"] for r in exported if int(r["id"]) == response_id)


def connection(sid: int, **options) -> Connection:
    settings = {"wave": "2026-Q1", "org": AREA, "timeout": 60, **options}
    return Connection(SURVEY, LIVE["URL"], LIVE["USER"], LIVE["PASSWORD"], sid, **settings)


def versions(con, sid: int) -> list[tuple]:
    """(response id in the key, version, current, complete, DIFFERENCE) of every landed row of survey `sid`."""
    return con.execute(
        "select cast(split_part(source_id, '/', -1) as integer), version, is_current, is_complete, DIFFERENCE "
        "from response_carer_experience where source_id like ? order by 1, 2",
        [f"%/{sid}/%"],
    ).fetchall()


@pytest.mark.parametrize("code", surveys.CODES)
def test_our_lss_imports_with_our_codes_mandatory_flags_and_conditions(code):
    survey = surveys.load(code)
    with live_client() as lime, live_survey(lime, code) as sid:
        top = {q["title"]: q for q in lime.list_questions(sid) if int(q["parent_qid"]) == 0}
        assert lime.get_survey_properties(sid, ["tokenanswerspersistence", "alloweditaftercompletion"]) == {
            "tokenanswerspersistence": "Y",
            "alloweditaftercompletion": "Y",
        }
    assert sorted(top) == sorted(q.code for q in survey.questions)
    for question in survey.questions:
        assert top[question.code]["mandatory"] == ("Y" if question.required else "N")
        assert top[question.code]["relevance"] == relevance(survey, question)


def test_our_lss_imports_runs_and_syncs_back_on_a_real_server(con, monkeypatch):
    monkeypatch.setattr("pipelines.sources.limesurvey.sync.PAGE_SIZE", 2)  # 5 participants: three pages
    ensure_wave(con, SURVEY, "2026-Q1")
    with live_client() as lime, live_survey(lime) as sid:
        people = [
            {
                "firstname": f"P{i}",
                "email": f"p{i}@example.invalid",
                "sent": "2026-01-10 10:00",
                "completed": "2026-01-21 12:00" if i == 1 else "N",
            }
            for i in range(5)
        ]
        tokens = [p["token"] for p in lime.add_participants(sid, participant_data=people)]
        for token in tokens[:3]:
            respond(lime, sid, token=token)
        conn = connection(sid)
        first = sync(con, conn)
        assert first.responses_read == 3 and first.unmapped == []
        assert first.landed is not None
        assert first.landed.landed == 3, first.landed.problems
        assert first.participants_read == 5 and first.participants_added == 5
        assert scalar(con, "select count(*) from invitations where sent_at = '2026-01-10 10:00'") == 5
        # P1 marked completed in LimeSurvey; P0..P2 each have a submitted response with their token
        assert scalar(con, "select count(*) from invitations where completed_at is not null") == 3
        assert scalar(con, "select count(*) from invitations where completed_at = '2026-01-21 12:00'") == 1
        assert "P0" not in str(con.execute("select * from invitations").fetchall())
        respond(lime, sid, RELATION="99")
        second = sync(con, conn)
        assert second.responses_read == 1 and second.landed is not None and second.landed.quarantined == 1
        assert sync(con, conn).responses_read == 0
        columns = columns_of(lime, sid)
        # as LimeSurvey's admin "edit response" page saves: the answers change, the stamp stays (issue 19)
        stamp = saved_at(lime, sid, 1)
        lime.update_response(sid, {"id": 1, columns["DIFFERENCE"]: "More breaks."})
        assert saved_at(lime, sid, 1) == stamp
        edited = sync(con, conn)
        assert edited.responses_read == 1 and edited.landed is not None and edited.landed.new_versions == 1
        full = sync(con, conn, full=True)
        assert full.landed is not None and full.landed.landed == 0 and full.landed.already_present == 3
        assert full.landed.quarantined == 1  # the answer outside our codes, checked again


def test_two_surveys_synced_into_one_wave_keep_apart(con):
    # issue 19: both surveys number their responses 1, 2 ...; keyed by server and survey they never collide
    ensure_wave(con, SURVEY, "2026-Q1")
    with live_client() as lime, live_survey(lime) as first, live_survey(lime) as second:
        for sid, words in ((first, "first survey"), (second, "second survey")):
            respond(lime, sid, DIFFERENCE=f"{words}, 1")
            respond(lime, sid, DIFFERENCE=f"{words}, 2")
        for sid in (first, second):
            done = sync(con, connection(sid))
            assert done.landed is not None and done.landed.landed == 2 and done.landed.new_versions == 0
        assert versions(con, first) == [(1, 1, True, True, "first survey, 1"), (2, 1, True, True, "first survey, 2")]
        assert versions(con, second) == [(1, 1, True, True, "second survey, 1"), (2, 1, True, True, "second survey, 2")]


def test_a_participant_returning_with_their_link_finds_their_own_response(con):
    # issue 19: before, our `.lss` let the same link start a second, empty response
    ensure_wave(con, SURVEY, "2026-Q1")
    with live_client() as lime:
        with live_survey(lime) as sid:
            token = participant(lime, sid)
            respond(lime, sid, token=token, DIFFERENCE="My answer")
            return_with_link(sid, token)
            assert lime.get_response_ids(sid, token) == [1]
        with live_survey(lime, persistent=False) as old:
            token = participant(lime, old)
            respond(lime, old, token=token, DIFFERENCE="My answer")
            return_with_link(old, token)
            assert lime.get_response_ids(old, token) == [1, 2]  # what the old settings did
            synced = sync(con, connection(old), include_incomplete=True)
            assert synced.responses_read == 2
            # one response: the empty new start kept as an earlier, unfinished version; the answer current
            assert versions(con, old) == [(1, 1, False, False, None), (1, 2, True, True, "My answer")]


def test_two_submissions_with_one_token_are_one_response_the_latest_current(con):
    ensure_wave(con, SURVEY, "2026-Q1")
    with live_client() as lime, live_survey(lime) as sid:
        token = participant(lime, sid)
        respond(lime, sid, token=token, DIFFERENCE="First go")
        sync(con, connection(sid))
        respond(lime, sid, token=token, DIFFERENCE="Second go")
        again = sync(con, connection(sid))
        assert again.landed is not None and again.landed.new_versions == 1
        assert versions(con, sid) == [(1, 1, False, True, "First go"), (1, 2, True, True, "Second go")]


def test_an_incomplete_response_lands_marked_empty_and_counts_nowhere(con):
    ensure_wave(con, SURVEY, "2026-Q1")
    with live_client() as lime, live_survey(lime) as sid:
        empty = lime.add_response(sid, {"token": participant(lime, sid), "submitdate": None, "lastpage": 1})
        respond(lime, sid, submitdate=None, DIFFERENCE="Half done")
        assert sync(con, connection(sid)).responses_read == 0  # without --incomplete: submitted ones only
        result = sync(con, connection(sid), include_incomplete=True)
        assert result.landed is not None
        assert result.landed.landed == 2, result.landed.problems
        rows = con.execute(
            "select split_part(source_id, '/', -1), is_complete, is_current, AREA from response_carer_experience "
            "order by 1"
        ).fetchall()
        assert rows == [(str(empty), False, False, None), (str(empty + 1), False, False, AREA)]


@pytest.mark.parametrize(
    ("password", "inactive", "survey_id", "words"),
    [
        ("not-the-password", False, None, "refused user"),
        (None, False, 987654321, "has no survey 987654321"),
        (None, True, None, "is not active"),
    ],
    ids=["wrong password", "unknown survey", "inactive survey"],
)
def test_a_real_servers_refusals_are_one_clear_line(con, password, inactive, survey_id, words):
    with live_client() as lime:
        sid = lime.import_survey(io.BytesIO(lss(SURVEY, unused_sid()).encode()), "lss")  # not activated
        try:
            conn = Connection(
                SURVEY, LIVE["URL"], LIVE["USER"], password or LIVE["PASSWORD"], survey_id or sid, timeout=60
            )
            with pytest.raises(LimeSurveyProblem, match=words):
                sync(con, conn)
        finally:
            lime.delete_survey(sid)
    assert scalar(con, "select count(*) from raw_submissions") == 0
