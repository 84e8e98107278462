"""Bring a database up to date: pending migrations, the redacted copy of answers that landed before
it was kept (once: nothing is pending after), then the mart views. Run on every start."""

from __future__ import annotations

import duckdb

from warehouse.marts import create_marts
from warehouse.migrate import migrate
from warehouse.redaction import fill_missing


def prepare(con: duckdb.DuckDBPyConnection, suppress_below: int = 5) -> None:
    migrate(con)
    con.begin()
    try:
        fill_missing(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    create_marts(con, suppress_below)
