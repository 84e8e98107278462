"""Optional: the whole round trip against a real LimeSurvey server (runs only with LIMESURVEY_URL/USER/PASSWORD).

Imports our `.lss`, activates it, adds responses through the API, syncs them, checks the figures,
and deletes the survey it made. See docs/limesurvey.md and shared/limesurvey-fixtures/LIVE_SERVER.md.
"""

from __future__ import annotations

import io
import os

import citric
import pytest

import surveys
from pipelines.limesurvey import sync
from pipelines.limesurvey_client import Connection, TimeoutSession
from pipelines.lss_export import lss
from pipelines.waves import ensure_wave

LIVE = {key: os.environ.get(f"LIMESURVEY_{key}") for key in ("URL", "USER", "PASSWORD")}
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


def test_our_lss_imports_runs_and_syncs_back_on_a_real_server(con):
    ensure_wave(con, SURVEY, "2026-Q1")
    with citric.Client(LIVE["URL"], LIVE["USER"], LIVE["PASSWORD"], requests_session=TimeoutSession(60)) as lime:
        sid = lime.import_survey(io.BytesIO(lss(SURVEY).encode()), "lss")
        try:
            lime.activate_survey(sid)
            fieldmap = lime.get_fieldmap(sid)
            columns = {(f"{v['title']}[{v['aid']}]" if v.get("aid") else v["title"]): k
                       for k, v in fieldmap.items() if v.get("title")}
            for _ in range(3):
                lime.add_response(sid, {columns[field]: value for field, value in answers().items()})
            conn = Connection(SURVEY, LIVE["URL"], LIVE["USER"], LIVE["PASSWORD"], sid, wave="2026-Q1",
                              org=AREA, timeout=60)
            first = sync(con, conn)
            assert first.responses_read == 3 and first.unmapped == []
            assert first.landed.landed == 3, first.landed.problems
            assert sync(con, conn).responses_read == 0
        finally:
            lime.delete_survey(sid)
