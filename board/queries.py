"""Reads for the quarterly review and the board pack: SQL in board/sql/, parameters always bound."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from board.summary import Headlines
from pipelines.outreach.waves import quarter_dates

SQL = Path(__file__).parent / "sql"


@cache
def sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def mart(con: duckdb.DuckDBPyConnection, query: str, quarter: str, *, named: bool = False) -> pd.DataFrame:
    """A quarter's rows of a mart; `named` queries take `$quarter`, the others one `?`."""
    return con.execute(query, {"quarter": quarter} if named else [quarter]).df()


def action_status(con: duckdb.DuckDBPyConnection, quarter: str) -> pd.DataFrame:
    return con.execute(sql("action_status"), {"quarter": quarter, "quarter_end": quarter_dates(quarter)[1]}).df()


def rag_counts(actions: pd.DataFrame) -> dict[str, int]:
    """Actions per RAG status (red, amber, green) and how many are overdue."""
    counts = {rag: int((actions["rag"] == rag).sum()) for rag in ("red", "amber", "green")}
    counts["overdue"] = int(actions["overdue"].sum())
    return counts


def kpis(con: duckdb.DuckDBPyConnection, quarter: str) -> pd.DataFrame:
    """Every KPI's values up to the quarter, for small multiples against target."""
    return con.execute("select * from mart_kpi_rag where period <= ? order by kpi_code, period", [quarter]).df()


def previous_quarter(con: duckdb.DuckDBPyConnection, quarter: str) -> str | None:
    """The latest quarter before this one that has any wave."""
    rows = con.execute("select max(period) from waves where period < ?", [quarter]).fetchall()
    return rows[0][0]


def headlines(con: duckdb.DuckDBPyConnection, quarter: str) -> Headlines:
    result = con.execute(sql("headlines"), {"quarter": quarter})
    names = [column[0] for column in result.description]
    return Headlines(quarter=quarter, **dict(zip(names, result.fetchall()[0], strict=False)))
