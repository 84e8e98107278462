"""Deleting one person's response, and purging what is kept no longer than the retention rules allow.

Why here, in the sources layer: a response is found by the reference the web forms gave (`web_forms.reference_for`)
and its drafts live in `form_sessions`, both sources; invitations belong to outreach, below.

DuckDB does not wipe a deleted row: it marks it deleted, and a checkpoint writes changed row groups to new blocks
but leaves the old blocks, still holding the text, as free space in the file. So a deletion blanks the row's text
first (its row group is rewritten at the checkpoint), deletes it, checkpoints, and then fills every free block
with random filler that is dropped again (`scrub`): afterwards neither the file nor its WAL holds the words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
from apscheduler.schedulers.background import BackgroundScheduler

import settings
from accounts import audit
from pipelines.errors import PipelineError
from pipelines.landing.sql_names import quote
from pipelines.sources.web_forms import PREFIX
from warehouse import aggregates, backup

logger = logging.getLogger(__name__)

SQL = Path(__file__).parent / "sql"
SURVEY_OF_PREFIX = {prefix: survey for survey, prefix in PREFIX.items()}
_REFERENCE = re.compile(r"^([A-Z]{2})-?([0-9A-F]{5})-?([0-9A-F]{5})$")
DEFAULT_RETENTION_YEARS = 6
_FILLER_ROW = "||".join(["md5(cast(random() as varchar))"] * 64)  # 2,048 hex digits that do not compress
_TEXT_TYPES = ("VARCHAR", "JSON", "VARCHAR[]")


class ResponseNotFound(PipelineError):
    """No stored row carries the reference given."""


@dataclass
class Deleted:
    reference: str
    survey_code: str
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows removed


def survey_and_digest(reference: str) -> tuple[str, str]:
    """The survey and the hash digits of a reference as a person typed it ('ce-1a2b3-c4d5e' works too)."""
    match = _REFERENCE.match(reference.strip().upper().replace(" ", ""))
    if not match or match.group(1) not in SURVEY_OF_PREFIX:
        raise ResponseNotFound(
            f"{reference.strip()} is not a reference: a reference looks like CE-1A2B3-C4D5E, as on the confirmation "
            "page or the receipt."
        )
    return SURVEY_OF_PREFIX[match.group(1)], (match.group(2) + match.group(3)).lower()


def normalised(reference: str) -> str:
    survey, digest = survey_and_digest(reference)
    return f"{PREFIX[survey]}-{digest[:5].upper()}-{digest[5:].upper()}"


def delete_response(con: duckdb.DuckDBPyConnection, reference: str, *, by: str | None, reason: str) -> Deleted:
    """Remove every row holding the response behind `reference` (all versions, raw rows, quarantine, drafts),
    write who, when and why to the audit log (never the answers), then scrub the file of the deleted text."""
    if not reason.strip():
        raise PipelineError("Give a reason for the deletion, for example the carer's request and its date.")
    survey_code, digest = survey_and_digest(reference)
    reference = normalised(reference)
    source_ids = [
        row[0]
        for row in con.execute(
            (SQL / "response_source_ids.sql").read_text(encoding="utf-8"),
            {"survey": survey_code, "digest": digest.upper(), "reference": reference},
        ).fetchall()
    ]
    if not source_ids:
        raise ResponseNotFound(f"No response with the reference {reference} is stored, so nothing was deleted.")
    raw_ids = [
        row[0]
        for row in con.execute(
            "select raw_id from raw_submissions where survey_code = ? and list_contains(?, source_id)",
            [survey_code, source_ids],
        ).fetchall()
    ]
    outcome = Deleted(reference, survey_code)
    responses = f"response_{survey_code}"
    targets = [
        (responses, "list_contains($raws, raw_id) or list_contains($ids, source_id)"),
        ("rejections", "list_contains($raws, raw_id)"),
        ("quarantine_outcomes", "list_contains($raws, raw_id) or list_contains($raws, new_raw_id)"),
        ("raw_submissions", "list_contains($raws, raw_id)"),
        ("form_sessions", "survey_code = $survey and (reference = $reference or list_contains($ids, source_id))"),
        ("paper_keyings", "survey_code = $survey and list_contains($ids, paper_ref)"),
    ]
    params = {"raws": raw_ids, "ids": source_ids, "survey": survey_code, "reference": reference}
    con.begin()
    try:
        waves = [  # whose carers' sums (warehouse/aggregates.py) are made again without the response
            row[0]
            for row in con.execute(
                f"select distinct wave_id from {responses} where {targets[0][1]}", {"raws": raw_ids, "ids": source_ids}
            ).fetchall()
        ]
        for table, where in targets:
            used = {name: value for name, value in params.items() if f"${name}" in where}
            outcome.rows[table] = _erase(con, table, where, used)
        if survey_code == aggregates.SURVEY:
            aggregates.recompute(con, waves)
        audit.record(
            con, by, "response deleted", reference=reference, survey=survey_code, reason=reason.strip(), **outcome.rows
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    scrub(con)
    return outcome


def _erase(con: duckdb.DuckDBPyConnection, table: str, where: str, params: dict) -> int:
    """Delete the rows `where` picks, their text overwritten first so the checkpoint rewrites their blocks without
    it; the rows are fixed by rowid beforehand, because blanking changes the columns `where` reads."""
    rowids = [r[0] for r in con.execute(f"select rowid from {quote(table)} where {where}", params).fetchall()]
    if not rowids:
        return 0
    _blank(con, table, "list_contains($rowids, rowid)", {"rowids": rowids})
    con.execute(f"delete from {quote(table)} where list_contains($rowids, rowid)", {"rowids": rowids})
    _rewrite(con, table)
    return len(rowids)


def _rewrite(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Write the table's remaining rows afresh, so its next checkpoint stores them in new blocks and frees every
    old one (a row group with a deleted row keeps the row's bytes until it is rewritten whole)."""
    con.execute(f"create or replace temp table _retention_keep as select * from {quote(table)}")
    con.execute(f"delete from {quote(table)}")
    con.execute(f"insert into {quote(table)} select * from _retention_keep")
    con.execute("drop table _retention_keep")


def _blank(con: duckdb.DuckDBPyConnection, table: str, where: str, params: dict) -> None:
    columns = con.execute(
        "select column_name, data_type, is_nullable = 'YES' from information_schema.columns "
        "where table_schema = 'main' and table_name = ? and data_type in ?",
        [table, list(_TEXT_TYPES)],
    ).fetchall()
    blank = {"VARCHAR": "''", "JSON": "'null'", "VARCHAR[]": "[]"}
    sets = [f"{quote(name)} = {'null' if nullable else blank[kind]}" for name, kind, nullable in columns]
    if sets:
        con.execute(f"update {quote(table)} set {', '.join(sets)} where {where}", params)


def scrub(con: duckdb.DuckDBPyConnection) -> None:
    """Checkpoint, then fill every free block of the file with random filler and drop it, so no block that held
    deleted rows keeps their text; the checkpoint also empties the WAL."""
    _checkpoint(con)
    con.execute("create or replace table _retention_filler (x varchar)")
    try:
        for _ in range(5):  # each round fills what is free now; a round's own checkpoint may free a block or two
            free, block_size = con.execute("select free_blocks, block_size from pragma_database_size()").fetchall()[0]
            if not free:
                break
            rows = free * block_size // 2048 + 16
            con.execute(f"insert into _retention_filler select {_FILLER_ROW} from range(?)", [rows])
            _checkpoint(con)
    finally:
        con.execute("drop table if exists _retention_filler")
        _checkpoint(con)


def _checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("checkpoint")
    except duckdb.TransactionException:
        raise PipelineError(
            "The database is busy with other work, so the deleted rows could not be wiped from the file yet; "
            "try again in a minute."
        ) from None


@dataclass
class Purged:
    raw_rows: int = 0
    drafts: int = 0
    sample_refs: int = 0
    tokens: int = 0

    def sentence(self) -> str:
        return (
            f"Purged {self.raw_rows} raw row(s) of waves closed beyond the retention period, {self.drafts} expired "
            f"draft(s), and the tokens ({self.tokens}) and sample references ({self.sample_refs}) of closed waves."
        )


def purge(
    con: duckdb.DuckDBPyConnection,
    *,
    retention_years: int = DEFAULT_RETENTION_YEARS,
    now: datetime | None = None,
    by: str | None = "schedule",
) -> Purged:
    """Apply the retention rules once and write the run to the audit log: raw rows (with their rejections and
    quarantine outcomes) of waves closed more than `retention_years` ago; drafts past their expiry; and, once a
    wave has closed, its invitation tokens and the council's sample references (replaced by stand-ins, so the
    response rates still count)."""
    now = now or datetime.now()
    cutoff = now.replace(year=now.year - retention_years, day=min(now.day, 28) if now.month == 2 else now.day)
    done = Purged()
    con.begin()
    try:
        raws = [
            r[0]
            for r in con.execute(
                (SQL / "purge_closed_raw.sql").read_text(encoding="utf-8"), {"cutoff": cutoff}
            ).fetchall()
        ]
        if raws:
            con.execute(
                "insert into retention_purged_waves (wave_id, raw_purged_at) select distinct wave_id, ? "
                "from raw_submissions where list_contains(?, raw_id) on conflict do nothing",
                [now, raws],
            )
            for table, where in (
                ("rejections", "list_contains($raws, raw_id)"),
                ("quarantine_outcomes", "list_contains($raws, raw_id) or list_contains($raws, new_raw_id)"),
                ("raw_submissions", "list_contains($raws, raw_id)"),
            ):
                count = _erase(con, table, where, {"raws": raws})
                done.raw_rows += count if table == "raw_submissions" else 0
        done.drafts = con.execute("delete from form_sessions where expires_at <= ?", [now]).fetchall()[0][0]
        done.tokens, done.sample_refs = _purge_invitations(con, now)
        audit.record(con, by, "retention purge", **done.__dict__, retention_years=retention_years)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    if done.raw_rows or done.drafts or done.sample_refs:
        scrub(con)
    return done


def _purge_invitations(con: duckdb.DuckDBPyConnection, now: datetime) -> tuple[int, int]:
    closed = "select wave_id from waves where coalesce(closed_at, cast(closes + interval 1 day as timestamp)) < $now"
    tokens = con.execute(
        f"update invitations set token_hash = null where token_hash is not null and wave_id in ({closed})",
        {"now": now},
    ).fetchall()[0][0]
    con.execute(
        "create or replace temp table _stand_ins as "
        + (SQL / "invitation_refs_to_purge.sql").read_text(encoding="utf-8"),
        {"now": now},
    )
    try:
        refs = con.execute("select count(*) from _stand_ins").fetchall()[0][0]
        for table, column in (
            ("wave_scope", "sample_ref"),
            ("invitations", "sample_ref"),
            ("message_log", "sample_ref"),
            ("response_carer_experience", "source_id"),  # a keyed paper return carries the sample reference
        ):
            con.execute(
                f"update {table} as t set {column} = s.stand_in from _stand_ins as s "
                f"where t.wave_id = s.wave_id and t.{column} = s.sample_ref"
            )
    finally:
        con.execute("drop table if exists _stand_ins")
    return tokens, refs


DAILY_JOB = "retention_and_backup"


def daily(con: duckdb.DuckDBPyConnection, config: settings.Settings) -> None:
    """The day's data protection work while the app serves: the retention purge, then (when CARERS_MONITOR_BACKUP_DIR
    is set) a backup into a new dated folder there, keeping the newest `backup_keep`; each logged to the audit log.
    Here, in the app, because the app holds the only read-write connection, so cron could not do it meanwhile."""
    purge(con, retention_years=config.retention_years, by="schedule")
    if config.backup_dir:
        parent = Path(config.backup_dir)
        folder = backup.dated_folder(parent)
        backup.backup(con, folder)
        gone = backup.rotate(parent, config.backup_keep)
        audit.record(con, "schedule", "backup", folder=str(folder), deleted=[p.name for p in gone])


def start_daily(open_cursor: Callable[[], duckdb.DuckDBPyConnection]) -> BackgroundScheduler:
    """Run `daily` once a day in a background thread (first an hour after the app starts); nothing raises out."""

    def run() -> None:
        try:
            con = open_cursor()
        except Exception:
            logger.exception("The daily retention purge could not open the database.")
            return
        try:
            daily(con, settings.read())
        except Exception:
            logger.exception("The daily retention purge or backup stopped with an unexpected error.")
        finally:
            con.close()

    scheduler = BackgroundScheduler(daemon=True)
    scheduler.add_job(
        run,
        "interval",
        days=1,
        id=DAILY_JOB,
        name="purge by the retention rules and back up",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=datetime.now().astimezone() + timedelta(hours=1),
    )
    scheduler.start()
    return scheduler
