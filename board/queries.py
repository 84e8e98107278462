"""Reads for the quarterly review and the board pack: SQL in board/sql/, parameters always bound."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from board.summary import Headlines
from pipelines.outreach.periods import PeriodRefused, parse_period
from presentation.formats import period_name

SQL = Path(__file__).parent / "sql"


@cache
def sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def mart(con: duckdb.DuckDBPyConnection, query: str, quarter: str, *, named: bool = False) -> pd.DataFrame:
    """A quarter's rows of a mart; `named` queries take `$quarter`, the others one `?`."""
    return con.execute(query, {"quarter": quarter} if named else [quarter]).df()


def wave_days(con: duckdb.DuckDBPyConnection, quarter: str) -> tuple:
    """The period's first and last days as its waves hold them: a wave with a name of its own
    ("Winter 2026 check-in") has no dates in its label."""
    found = con.execute(f"select opens, closes from ({sql('wave_names')}) where period = ?", [quarter]).fetchall()
    if found:
        return found[0]
    try:  # an action plan may run ahead of any wave: a quarter's label still gives its days
        period = parse_period(quarter)
    except PeriodRefused:
        return (None, None)
    return (period.start, period.end)


def wave_name(con: duckdb.DuckDBPyConnection, quarter: str) -> str:
    """'2011-12 Q3 (October to December 2011)', or a named period with its days."""
    return period_name(quarter, *wave_days(con, quarter))


def action_status(con: duckdb.DuckDBPyConnection, quarter: str) -> pd.DataFrame:
    return con.execute(sql("action_status"), {"quarter": quarter, "quarter_end": wave_days(con, quarter)[1]}).df()


def rag_counts(actions: pd.DataFrame) -> dict[str, int]:
    """Actions per RAG status (red, amber, green) and how many are overdue."""
    counts = {rag: int((actions["rag"] == rag).sum()) for rag in ("red", "amber", "green")}
    counts["overdue"] = int(actions["overdue"].sum())
    return counts


def kpis(con: duckdb.DuckDBPyConnection, quarter: str) -> pd.DataFrame:
    """Every KPI's values up to the quarter, for small multiples against target."""
    return con.execute("select * from mart_kpi_rag where period <= ? order by kpi_code, period", [quarter]).df()


def previous_quarter(con: duckdb.DuckDBPyConnection, quarter: str) -> str | None:
    """The wave before this one in its series (int_wave_series), or None for the first."""
    rows = con.execute(sql("previous_wave"), {"quarter": quarter}).fetchall()
    return rows[0][0] if rows else None


def headlines(con: duckdb.DuckDBPyConnection, quarter: str) -> Headlines:
    result = con.execute(sql("headlines"), {"quarter": quarter})
    names = [column[0] for column in result.description]
    return Headlines(quarter=quarter, **dict(zip(names, result.fetchall()[0], strict=False)))
