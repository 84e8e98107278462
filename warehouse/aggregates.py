"""The carer measures' sums per wave (`carer_wave_sums`), kept by each batch inside its own transaction.

Why: the carer marts used to aggregate every response on every page view, which at millions of responses
takes seconds. The sums are whole numbers (usable answers, their sum, the sum of their squares), so a batch
can add what it lands and take away what it replaces exactly, and the marts read a few thousand rows.
The definition stays in one place, `carer_sums()` (warehouse/marts/int_carer_aggregates.sql): the table is
always what that macro gives over the current responses, which `tests/test_carer_wave_sums.py` checks on
random batches and `warehouse/checks/carer_wave_sums_match.sql` checks on a live database.

Who keeps it:
- `land()` takes away each response a new version replaces (`take_away`, before the flag moves) and adds
  what the batch leaves current (`add_batch`, at its end), in the batch's transaction;
- a deletion (retention, the demo's removal) recomputes the waves it touched (`recompute`);
- a start whose mart definitions changed recomputes everything (`warehouse.marts.create_marts`), since the
  indicators themselves may have changed.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SURVEY = "carer_experience"  # the one survey with millions of rows; the others are a few hundred per wave
SQL = Path(__file__).parent / "aggregates_sql"


def take_away(con: duckdb.DuckDBPyConnection, superseded: str, batch_id: int) -> None:
    """Take away the sums of the current responses listed (by `response_id`) in the table `superseded`,
    before they stop being current. Rows of this batch are left alone: `add_batch` never counted them."""
    _start(con)
    con.execute(
        "create or replace temp view _carer_leaving as select r.* from response_carer_experience as r "
        f"semi join {superseded} as s on s.response_id = r.response_id where r.batch_id <> {int(batch_id)}"
    )
    con.execute(
        "insert into _carer_delta select wave_id, breakdown, group_code, measure, -n, -x, -xx "
        "from carer_sums('_carer_leaving')"
    )


def add_batch(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """Add the sums of what batch `batch_id` left current, then write every change of the batch."""
    _start(con)
    con.execute(
        "create or replace temp view _carer_arriving as "
        f"select * from response_carer_experience where batch_id = {int(batch_id)}"
    )
    con.execute("insert into _carer_delta select * from carer_sums('_carer_arriving')")
    con.execute((SQL / "merge_delta.sql").read_text(encoding="utf-8"))


def recompute(con: duckdb.DuckDBPyConnection, waves: list[int] | None = None) -> None:
    """Make the sums of `waves` (every wave when None) afresh from the current responses."""
    if waves is None:
        con.execute("delete from carer_wave_sums")
        con.execute("insert into carer_wave_sums select * from carer_sums('response_carer_experience')")
        return
    con.execute("delete from carer_wave_sums where list_contains(?, wave_id)", [waves])
    con.execute(
        "insert into carer_wave_sums select * from carer_sums('response_carer_experience') "
        "where list_contains(?, wave_id)",
        [waves],
    )


def _start(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create temp table if not exists _carer_delta as select * from carer_wave_sums with no data")
