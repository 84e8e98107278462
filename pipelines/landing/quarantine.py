"""Quarantine review: the rows still waiting, trying a batch again, a person's correction, rejection for good.

The raw row is never edited. Trying again lands the same payload anew (now that an organisation is
registered or a wave opened, it may pass); a correction lands a corrected copy as a new raw payload,
with who made it and why; a rejection records who and why. Each is a row of `quarantine_outcomes`,
so the review page lists only what is still open and a re-import of the original file adds nothing twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from accounts import audit
from pipelines.errors import PipelineError
from pipelines.landing.land import ROW, Landed, land

SQL = Path(__file__).parent / "sql"


class QuarantineError(PipelineError):
    """A quarantined row or batch that cannot be acted on as asked."""


def open_rows(con: duckdb.DuckDBPyConnection, batch_id: int | None = None) -> pd.DataFrame:
    """One line per problem of each row still in quarantine: batch, file, row, field, value, reason."""
    return con.execute((SQL / "open_quarantine.sql").read_text(encoding="utf-8"), {"batch": batch_id}).df()


def retry(con: duckdb.DuckDBPyConnection, batch_id: int, *, by: str | None = None) -> Landed:
    """Land a batch's open quarantined rows again, as they came; those that pass now land."""
    raw_ids = [
        r[0]
        for r in con.execute(
            "select distinct raw_id from raw_submissions where batch_id = ? "
            "and raw_id in (select raw_id from rejections) "
            "and raw_id not in (select raw_id from quarantine_outcomes) order by raw_id",
            [batch_id],
        ).fetchall()
    ]
    if not raw_ids:
        raise QuarantineError(f"Batch {batch_id} has no rows waiting in quarantine.")
    batch = _batch(con, raw_ids[0])
    rows = [_payload(con, raw_id) for raw_id in raw_ids]
    result = land(con, batch["survey_code"], rows, source=batch["source"], wave_id=batch["wave_id"], submitted_by=by)
    audit.record(con, by, "quarantine_retried", batch=batch_id, landed=result.landed, still=result.quarantined)
    return result


def correct(con: duckdb.DuckDBPyConnection, raw_id: int, changes: dict[str, str], *, by: str, why: str) -> Landed:
    """Land a corrected copy of a quarantined row: `changes` maps a question code to the value it should have."""
    if not why.strip():
        raise QuarantineError("Say why the value is corrected; the reason is kept with the correction.")
    batch = _open(con, raw_id)
    row = _payload(con, raw_id)
    for field, value in changes.items():
        column = next((c for c in row if c.strip().lower() == field.lower()), field)
        row[column] = value
    result = land(con, batch["survey_code"], [row], source=batch["source"], wave_id=batch["wave_id"], submitted_by=by)
    new_raw = con.execute("select max(raw_id) from raw_submissions where batch_id = ?", [result.batch_id]).fetchall()
    con.execute(
        "insert into quarantine_outcomes (raw_id, outcome, new_raw_id, decided_by, reason) "
        "values (?, 'corrected', ?, ?, ?)",
        [raw_id, new_raw[0][0], by, why.strip()],
    )
    audit.record(con, by, "quarantine_corrected", raw_id=raw_id, fields=sorted(changes), why=why.strip())
    return result


def reject(con: duckdb.DuckDBPyConnection, raw_id: int, *, by: str, reason: str) -> None:
    """Reject a quarantined row for good; it leaves the review list and a re-import does not bring it back."""
    if not reason.strip():
        raise QuarantineError("Give the reason the row is rejected for good.")
    _open(con, raw_id)
    con.execute(
        "insert into quarantine_outcomes (raw_id, outcome, decided_by, reason) values (?, 'rejected', ?, ?)",
        [raw_id, by, reason.strip()],
    )
    audit.record(con, by, "quarantine_rejected", raw_id=raw_id, reason=reason.strip())


def _open(con, raw_id: int) -> dict:
    still = con.execute(
        "select count(*) from rejections where raw_id = ? and raw_id not in (select raw_id from quarantine_outcomes)",
        [raw_id],
    ).fetchall()[0][0]
    if not still:
        raise QuarantineError(f"Row {raw_id} is not waiting in quarantine (it landed, or was decided on already).")
    return _batch(con, raw_id)


def _batch(con, raw_id: int) -> dict:
    survey, source, wave = con.execute(
        "select survey_code, source, wave_id from raw_submissions where raw_id = ?", [raw_id]
    ).fetchall()[0]
    return {"survey_code": survey, "source": source, "wave_id": wave}


def _payload(con, raw_id: int) -> dict[str, str]:
    """The row as it came: its batch's column names with the raw payload's values, and the row number it
    came on, so that what is said of it again still names the row of the person's file."""
    columns, payload, number = con.execute(
        "select b.columns, r.payload, r.row_number from raw_submissions as r join import_batches as b "
        "using (batch_id) where r.raw_id = ?",
        [raw_id],
    ).fetchall()[0]
    given = zip(columns, json.loads(payload), strict=True)
    return {**{column: value for column, value in given if value is not None}, ROW: str(number)}
