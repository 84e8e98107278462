"""Sync responses and participants from LimeSurvey into Carers Monitor (RemoteControl 2 through citric).

Everything is read from the server first, then landed: a failure while reading (wrong password, a
server that is down or switched off, an unknown or inactive survey, no permission) lands nothing.
Responses go through `land()` with source 'limesurvey' and the response id as source id, so a
re-sync adds nothing and an edited response lands as a new version. Only responses after the last
synced id are read in full, plus earlier ones whose last-save stamp (`datestamp`) changed since they
were synced (found with a two-column export); `full` re-reads them all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
from citric.exceptions import LimeSurveyStatusError

from pipelines.errors import PipelineError
from pipelines.landing.land import Landed, land
from pipelines.outreach.tokens import hash_token
from pipelines.outreach.waves import find_wave
from pipelines.sources.limesurvey.client import Connection, LimeSurveyProblem, call, client, status_message
from pipelines.sources.limesurvey.mapping import load_mapping, map_response

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
        check_active(conn, lime)
        progress(0.3, "reading responses")
        responses = read_responses(con, conn, lime, _last_id(con, conn), include_incomplete, full)
        progress(0.5, "reading participants")
        participants = read_participants(conn, lime) if wave_id else []
    mapping = load_mapping(conn.survey_code)
    unmapped: set[str] = set()
    rows = [map_response(response, mapping, unmapped, conn.org) for response in responses]
    result.unmapped = sorted(unmapped)
    result.responses_read = len(rows)
    result.last_response_id = max([_last_id(con, conn)] + [int(r["id"]) for r in responses])
    progress(0.7, f"landing {len(rows)} responses")
    if rows:
        result.landed = land(con, conn.survey_code, rows, source="limesurvey", wave_id=wave_id)
    result.participants_read = len(participants)
    result.participants_added = store_participants(con, wave_id, conn.org, participants)
    mark_completed(con, responses)
    remember(con, conn, responses)
    result.message = summary(result, wave_id is not None)
    record(con, conn, "ok", result.message, result.last_response_id, result)
    progress(1.0, "done")
    return result


def check_active(conn: Connection, lime) -> None:
    props = call(conn, lime.get_survey_properties, conn.survey_id, ["active"])
    if props.get("active") != "Y":
        raise LimeSurveyProblem(status_message(conn, "No Data, survey table does not exist."))


def read_responses(con, conn: Connection, lime, after: int, include_incomplete: bool, full: bool) -> list[dict]:
    """New responses (ids above `after`) and earlier ones saved again since they were synced.

    An active survey without responses is an empty list, not an error.
    """
    completion = "all" if include_incomplete else "complete"
    if full or not after:
        return _exported(conn, lime, completion)
    rows = _exported(conn, lime, completion, first=after + 1)
    changed = changed_ids(con, conn, lime, completion, after)
    if changed:
        again = _exported(conn, lime, completion, first=min(changed), last=max(changed))
        rows += [row for row in again if int(row["id"]) in changed]
    return sorted(rows, key=lambda r: int(r["id"]))


def changed_ids(con, conn: Connection, lime, completion: str, after: int) -> set[int]:
    """Ids up to `after` whose last-save stamp differs from the one synced, or never synced (completed since).

    One cheap export of two columns; LimeSurvey updates `datestamp` when a response is saved again.
    """
    stamps = _exported(conn, lime, completion, last=after, fields=["id", "datestamp"])
    seen = dict(
        con.execute((SQL / "limesurvey_seen.sql").read_text(), [conn.survey_code, conn.url, conn.survey_id]).fetchall()
    )
    return {int(r["id"]) for r in stamps if int(r["id"]) not in seen or seen[int(r["id"])] != r.get("datestamp")}


def _exported(conn: Connection, lime, completion: str, *, first=None, last=None, fields=None) -> list[dict]:
    raw = call(conn, _export, lime, conn.survey_id, completion, first, last, fields)
    return json.loads(raw)["responses"] if raw else []


def _export(lime, survey_id: int, completion: str, first, last, fields) -> bytes | None:
    try:
        return lime.export_responses(
            survey_id,
            file_format="json",
            completion_status=completion,
            heading_type="code",
            response_type="short",
            from_response_id=first,
            to_response_id=last,
            fields=fields,
        )
    except LimeSurveyStatusError as error:
        # "No Data, could not get max id." is what an active survey without responses answers
        if str(error).startswith("No Data, could not get max id"):
            return None
        raise


def remember(con, conn: Connection, responses: list[dict]) -> None:
    rows = [[conn.survey_code, conn.url, conn.survey_id, int(r["id"]), r.get("datestamp")] for r in responses]
    if rows:
        con.executemany((SQL / "limesurvey_remember.sql").read_text(), rows)


def read_participants(conn: Connection, lime) -> list[dict]:
    """Every participant, page by page: `start` is the lowest tid wanted, not a row offset."""
    rows: list[dict] = []
    start = 0
    while True:
        page = call(conn, _participants_page, lime, conn.survey_id, start)
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
    """Invitations from participants: only the token's hash, the dates and the organisation."""
    if wave_id is None or not participants:
        return 0
    known = {h for (h,) in con.execute("select token_hash from invitations").fetchall()}
    rows = [
        [
            wave_id,
            hash_token(person["token"]),
            org,
            *[_when(person.get(key)) for key in ("sent", "remindersent", "completed")],
        ]
        for person in participants
        if person.get("token")
    ]
    con.executemany((SQL / "limesurvey_add_invitation.sql").read_text(), rows)
    return len({row[1] for row in rows} - known)


def mark_completed(con, responses: list[dict]) -> None:
    """Count a submitted response with a participant's token as that invitation's completion."""
    rows = [[r["submitdate"], hash_token(r["token"])] for r in responses if r.get("token") and r.get("submitdate")]
    if rows:
        con.executemany((SQL / "limesurvey_mark_completed.sql").read_text(), rows)


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
