"""Bring a database up to date: pending migrations, then the mart views. Run on every start."""

from __future__ import annotations

import duckdb

from warehouse.marts import create_marts
from warehouse.migrate import migrate


def prepare(con: duckdb.DuckDBPyConnection, suppress_below: int = 5) -> None:
    migrate(con)
    create_marts(con, suppress_below)
