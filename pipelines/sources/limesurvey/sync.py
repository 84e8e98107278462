"""Sync responses and participants from LimeSurvey into Carers Monitor (RemoteControl 2 through citric).

Everything is read from the server first, then landed: a failure while reading (wrong password, a
server that is down or switched off, an unknown or inactive survey, a missing permission, the wrong
survey) lands nothing. Each sync exports every response in one call and lands, through `land()` with
source 'limesurvey', those new or changed since the last sync (`responses.py` says which, under which
key and in which order); `full` hands them all to `land()`, which reports the unchanged as already
present. What a sync asks of LimeSurvey, and so the only permissions it needs: `export_responses`
(Responses: export) and, with a wave set, `list_participants` (Participants: read).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
from citric.exceptions import LimeSurveyStatusError

from pipelines.errors import PipelineError
from pipelines.landing.land import COMPLETE, SOURCE_ID, Landed, land
from pipelines.outreach.tokens import hash_token
from pipelines.outreach.waves import find_wave
from pipelines.sources.limesurvey.client import EXPORT, PARTICIPANTS, Connection, LimeSurveyProblem, call, client
from pipelines.sources.limesurvey.mapping import FIXED, Mapping, load_mapping, map_response
from pipelines.sources.limesurvey.responses import Exported, keyed, to_land

SQL = Path(__file__).parent / "sql"
PAGE_SIZE = 100
Progress = Callable[[float, str], None]


@dataclass
class SyncResult:
    survey_code: str
    responses_read: int = 0
    last_response_id: int = 0
    landed: Landed | None = None
    participants_read: int = 0
    participants_added: int = 0
    unmapped: list[str] = field(default_factory=list)
    message: str = ""


def sync(
    con: duckdb.DuckDBPyConnection,
    conn: Connection,
    *,
    include_incomplete: bool = False,
    full: bool = False,
    progress: Progress = lambda done, stage: None,
) -> SyncResult:
    """One instrument's sync; raises LimeSurveyProblem (recorded as a failed run) with nothing landed."""
    try:
        return _sync(con, conn, include_incomplete, full, progress)
    except PipelineError as problem:  # LimeSurveyProblem, or land() refusing the batch
        record(con, conn, "failed", str(problem), _last_id(con, conn), None)
        raise


def _sync(con, conn: Connection, include_incomplete: bool, full: bool, progress: Progress) -> SyncResult:
    wave_id = find_wave(con, conn.survey_code, conn.wave) if conn.wave else None
    result = SyncResult(conn.survey_code)
    progress(0.1, f"connecting to {conn.url}")
    with client(conn) as lime:
        progress(0.3, "reading responses")
        exported = read_responses(conn, lime)
        progress(0.5, "reading participants")
        participants = read_participants(conn, lime) if wave_id else []
    mapping = load_mapping(conn.survey_code)
    check_questions(conn, mapping, exported)
    server = con.execute("select limesurvey_server(?)", [conn.url]).fetchall()[0][0]
    responses = to_land(
        keyed(exported, server, conn.survey_id), seen(con, conn), incomplete=include_incomplete, full=full
    )
    unmapped: set[str] = set()
    rows = [
        {
            **map_response(r.answers, mapping, unmapped, conn.org),
            SOURCE_ID: r.key,
            COMPLETE: "true" if r.complete else "false",
        }
        for r in responses
    ]
    result.unmapped = sorted(unmapped)
    result.responses_read = len(rows)
    result.last_response_id = max([_last_id(con, conn)] + [int(r["id"]) for r in exported])
    progress(0.7, f"landing {len(rows)} responses")
    if rows:
        result.landed = land(con, conn.survey_code, rows, source="limesurvey", wave_id=wave_id)
    result.participants_read = len(participants)
    result.participants_added = store_participants(con, wave_id, conn.org, participants)
    mark_completed(con, [r.answers for r in responses])
    remember(con, conn, responses)
    result.message = summary(result, wave_id is not None)
    record(con, conn, "ok", result.message, result.last_response_id, result)
    progress(1.0, "done")
    return result


def read_responses(conn: Connection, lime) -> list[dict]:
    """Every response, submitted or not (a token's responses are keyed together, `responses.keyed`).

    One export: 20,000 responses take seconds. An active survey without responses is an empty list.
    """
    raw = call(conn, _export, lime, conn.survey_id, permission=EXPORT)
    return json.loads(raw)["responses"] if raw else []


def _export(lime, survey_id: int) -> bytes | None:
    try:
        return lime.export_responses(
            survey_id, file_format="json", completion_status="all", heading_type="code", response_type="short"
        )
    except LimeSurveyStatusError as error:
        # "No Data, could not get max id." is what an active survey without responses answers
        if str(error).startswith("No Data, could not get max id"):
            return None
        if str(error) == "No permission":
            _raise_if_no_such_survey(lime, survey_id)
        raise


def _raise_if_no_such_survey(lime, survey_id: int) -> None:
    """LimeSurvey refuses an export of a survey that does not exist as "No permission", even to its superadmin;
    `list_participants` checks that the survey exists before any permission, so it tells the two apart."""
    try:
        lime.list_participants(survey_id, start=0, limit=1)
    except LimeSurveyStatusError as error:
        if str(error) == "Error: Invalid survey ID":
            raise


def check_questions(conn: Connection, mapping: Mapping, exported: list[dict]) -> None:
    """Refuse a survey none of whose questions is one we map: most likely the wrong survey id."""
    if not exported:
        return
    headings = [h for h in exported[0] if h not in FIXED]
    if not any(mapping.renames.get(h) or h in mapping.ours for h in headings):
        shown = ", ".join(headings[:3]) + (" ..." if len(headings) > 3 else "")
        raise LimeSurveyProblem(
            f"LimeSurvey survey {conn.survey_id} at {conn.url} has none of the questions of {conn.survey_code} "
            f"(its questions are {shown or 'none'}): check the survey id in the settings."
        )


def seen(con, conn: Connection) -> dict[int, str | None]:
    """The answers' hash of each response remembered at earlier syncs (None: remembered before issue 19)."""
    statement = (SQL / "limesurvey_seen.sql").read_text()
    return dict(con.execute(statement, [conn.survey_code, conn.url, conn.survey_id]).fetchall())


def remember(con, conn: Connection, responses: list[Exported]) -> None:
    """What each response handed to `land()` looked like, in one statement (one a row took most of a sync)."""
    if not responses:
        return
    frame = pd.DataFrame(
        {
            "response_id": [r.id for r in responses],
            "datestamp": [r.answers.get("datestamp") for r in responses],
            "answers_hash": [r.hash for r in responses],
        }
    )
    _with_frame(con, "_seen_now", frame, "limesurvey_remember.sql", [conn.survey_code, conn.url, conn.survey_id])


def read_participants(conn: Connection, lime) -> list[dict]:
    """Every participant, page by page: `start` is the lowest tid wanted, not a row offset."""
    rows: list[dict] = []
    start = 0
    while True:
        page = call(conn, _participants_page, lime, conn.survey_id, start, permission=PARTICIPANTS)
        rows.extend(page)
        if len(page) < PAGE_SIZE:
            return rows
        start = max(int(p["tid"]) for p in page) + 1


def _participants_page(lime, survey_id: int, start: int) -> list[dict]:
    try:
        return lime.list_participants(
            survey_id, start=start, limit=PAGE_SIZE, attributes=["sent", "remindersent", "completed"]
        )
    except LimeSurveyStatusError as error:
        if str(error).startswith("No survey participants found"):
            return []
        if str(error).startswith("Error: No survey participants table"):
            return []  # a survey without a participant table: nothing to count
        raise


def store_participants(con, wave_id: int | None, org: str | None, participants: list[dict]) -> int:
    """Invitations from participants: only the token's hash, the dates and the organisation, in one statement."""
    people = [person for person in participants if person.get("token")]
    if wave_id is None or not people:
        return 0
    frame = pd.DataFrame(
        {
            "token_hash": [hash_token(person["token"]) for person in people],
            **{key: [_when(person.get(key)) for person in people] for key in ("sent", "remindersent", "completed")},
        }
    ).drop_duplicates("token_hash")
    before = con.execute("select count(*) from invitations").fetchall()[0][0]
    _with_frame(con, "_participants", frame, "limesurvey_add_invitation.sql", [wave_id, org])
    return con.execute("select count(*) from invitations").fetchall()[0][0] - before


def mark_completed(con, responses: list[dict]) -> None:
    """Count a submitted response with a participant's token as that invitation's completion."""
    done = [(hash_token(r["token"]), r["submitdate"]) for r in responses if r.get("token") and r.get("submitdate")]
    if done:
        frame = pd.DataFrame(done, columns=["token_hash", "submitted_at"])
        _with_frame(con, "_submitted", frame, "limesurvey_mark_completed.sql", [])


def _with_frame(con, name: str, frame: pd.DataFrame, statement: str, params: list) -> None:
    """Run one set-based statement of sql/ that reads `frame` as the table `name`."""
    con.register(name, frame)
    try:
        con.execute((SQL / statement).read_text(), params)
    finally:
        con.unregister(name)


def _when(value) -> datetime | None:
    """LimeSurvey marks these 'N' (not yet), a 'YYYY-MM-DD HH:MM' date, or 'Y' (done, date not kept)."""
    if not value or value == "N":
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.now() if value == "Y" else None


def summary(result: SyncResult, with_wave: bool) -> str:
    landed = result.landed
    parts = [f"{result.responses_read} responses read"]
    if landed:
        parts.append(
            f"{landed.landed} landed ({landed.new_versions} as new versions), {landed.quarantined} "
            f"quarantined, {landed.already_present} already present"
        )
    parts.append(
        f"{result.participants_added} new participants of {result.participants_read}"
        if with_wave
        else "participants not read (no wave set)"
    )
    if result.unmapped:
        parts.append("not mapped: " + ", ".join(result.unmapped))
    return f"{result.survey_code}: " + "; ".join(parts)


def _last_id(con, conn: Connection) -> int:
    statement = (SQL / "limesurvey_last_id.sql").read_text()
    return con.execute(statement, [conn.survey_code, conn.url, conn.survey_id]).fetchall()[0][0]


def record(con, conn: Connection, outcome: str, message: str, last_id: int, result: SyncResult | None) -> None:
    landed = result.landed if result else None
    counts = (
        [landed.received, landed.landed, landed.new_versions, landed.quarantined, landed.already_present]
        if landed
        else [0, 0, 0, 0, 0]
    )
    con.execute(
        (SQL / "limesurvey_record_sync.sql").read_text(),
        [
            conn.survey_code,
            conn.url,
            conn.survey_id,
            outcome,
            message,
            last_id,
            *counts,
            result.participants_added if result else 0,
            landed.batch_id if landed else None,
        ],
    )


def last_run(con, survey_code: str) -> dict | None:
    rows = con.execute((SQL / "limesurvey_last_run.sql").read_text(), [survey_code]).df()
    return rows.iloc[0].to_dict() if len(rows) else None
