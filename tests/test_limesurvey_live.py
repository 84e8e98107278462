"""Optional: the whole round trip against a real LimeSurvey server (runs only with LIMESURVEY_URL/USER/PASSWORD).

Imports our `.lss`, activates it, adds responses through the API, syncs them, checks the figures,
and deletes the survey it made. See docs/limesurvey.md and tests/fixtures/limesurvey/LIVE_SERVER.md.
"""

from __future__ import annotations

import io
import os
import secrets

import citric
import pytest

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


@pytest.mark.parametrize("code", surveys.CODES)
def test_our_lss_imports_with_our_codes_mandatory_flags_and_conditions(code):
    survey = surveys.load(code)
    with live_client() as lime:
        sid = lime.import_survey(io.BytesIO(lss(code).encode()), "lss")
        try:
            top = {q["title"]: q for q in lime.list_questions(sid) if int(q["parent_qid"]) == 0}
        finally:
            lime.delete_survey(sid)
    assert sorted(top) == sorted(q.code for q in survey.questions)
    for question in survey.questions:
        assert top[question.code]["mandatory"] == ("Y" if question.required else "N")
        assert top[question.code]["relevance"] == relevance(survey, question)


def test_our_lss_imports_runs_and_syncs_back_on_a_real_server(con, monkeypatch):
    monkeypatch.setattr("pipelines.sources.limesurvey.sync.PAGE_SIZE", 2)  # 5 participants: three pages
    ensure_wave(con, SURVEY, "2026-Q1")
    with live_client() as lime:
        sid = lime.import_survey(io.BytesIO(lss(SURVEY).encode()), "lss")
        try:
            lime.activate_survey(sid)
            lime.activate_tokens(sid)
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
            fieldmap = lime.get_fieldmap(sid)
            columns = {
                (f"{v['title']}[{v['aid']}]" if v.get("aid") else v["title"]): k
                for k, v in fieldmap.items()
                if v.get("title")
            }
            for token in tokens[:3]:
                lime.add_response(sid, {"token": token, **{columns[f]: v for f, v in answers().items()}})
            conn = Connection(
                SURVEY, LIVE["URL"], LIVE["USER"], LIVE["PASSWORD"], sid, wave="2026-Q1", org=AREA, timeout=60
            )
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
            lime.add_response(sid, {**{columns[f]: v for f, v in answers().items()}, columns["RELATION"]: "99"})
            second = sync(con, conn)
            assert second.responses_read == 1 and second.landed is not None and second.landed.quarantined == 1
            assert sync(con, conn).responses_read == 0
            lime.update_response(sid, {"id": 1, columns["DIFFERENCE"]: "More breaks."})
            edited = sync(con, conn, full=True)
            assert edited.landed is not None
            assert edited.landed.new_versions == 1 and edited.landed.already_present == 3
            lime.update_response(
                sid, {"id": 2, columns["DIFFERENCE"]: "Less paperwork.", "datestamp": "2026-02-01 09:00:00"}
            )  # as a save on the web pages does
            stamped = sync(con, conn)
            assert stamped.responses_read == 1 and stamped.landed is not None and stamped.landed.new_versions == 1
        finally:
            lime.delete_survey(sid)


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
        sid = lime.import_survey(io.BytesIO(lss(SURVEY).encode()), "lss")
        try:
            conn = Connection(
                SURVEY, LIVE["URL"], LIVE["USER"], password or LIVE["PASSWORD"], survey_id or sid, timeout=60
            )
            with pytest.raises(LimeSurveyProblem, match=words):
                sync(con, conn)
        finally:
            lime.delete_survey(sid)
    assert scalar(con, "select count(*) from raw_submissions") == 0
