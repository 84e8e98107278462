"""Waves: one survey's collection period (a quarter), found or created by survey and period."""

from __future__ import annotations

from datetime import date

import duckdb

from pipelines.errors import UnknownWave


def quarter_dates(period: str) -> tuple[date, date]:
    """'2011-Q3' -> (2011-07-01, 2011-09-30)."""
    year, quarter = int(period[:4]), int(period[-1])
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def quarter_title(period: str) -> str:
    start, end = quarter_dates(period)
    return f"{start:%B} to {end:%B %Y}"


def ensure_wave(con: duckdb.DuckDBPyConnection, survey_code: str, period: str, *, demo: bool = False) -> int:
    """The wave of this survey and quarter, created (open for the quarter) if it does not exist."""
    found = con.execute(
        "select wave_id from waves where survey_code = ? and period = ?", [survey_code, period]
    ).fetchall()
    if found:
        return found[0][0]
    opens, closes = quarter_dates(period)
    return con.execute(
        "insert into waves (survey_code, period, title, opens, closes, is_demo) values (?, ?, ?, ?, ?, ?) returning wave_id",
        [survey_code, period, quarter_title(period), opens, closes, demo],
    ).fetchall()[0][0]


def find_wave(con: duckdb.DuckDBPyConnection, survey_code: str, period: str) -> int:
    found = con.execute(
        "select wave_id from waves where survey_code = ? and period = ?", [survey_code, period]
    ).fetchall()
    if not found:
        raise UnknownWave(f"There is no {survey_code} wave for {period}; an administrator opens waves.")
    return found[0][0]
