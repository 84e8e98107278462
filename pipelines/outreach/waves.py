"""Waves: one survey's collection period (a quarter), found or created by survey and period;
opened by an administrator with a scope (who is asked) and closed, after which web answers are refused."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from accounts import audit
from pipelines.errors import PipelineError, UnknownWave
from pipelines.outreach.periods import Period, parse_period

SQL = Path(__file__).parent / "sql"


class WaveScopeError(PipelineError):
    """A wave's dates or scope that cannot be right (an unknown organisation, closing before opening)."""


def quarter_dates(period: str) -> tuple[date, date]:
    """The first and last day of a period: '2011-Q3' -> (2011-07-01, 2011-09-30); '2011-12' -> April to March."""
    found = parse_period(period)
    return found.start, found.end


def ensure_wave(con: duckdb.DuckDBPyConnection, survey_code: str, period: str | Period, *, demo: bool = False) -> int:
    """The wave of this survey and period, created (open for the period) if it does not exist."""
    period = period if isinstance(period, Period) else parse_period(period)
    found = con.execute(
        "select wave_id from waves where survey_code = ? and period = ?", [survey_code, period.label]
    ).fetchall()
    if found:
        return found[0][0]
    wave_id = con.execute(
        "insert into waves (survey_code, period, title, opens, closes, is_demo) values (?, ?, ?, ?, ?, ?) "
        "returning wave_id",
        [survey_code, period.label, period.title, period.start, period.end, demo],
    ).fetchall()[0][0]
    # a rating wave rates the return wave of the same period unless told otherwise, whichever came first
    con.execute(
        "update waves as r set rates_wave_id = c.wave_id from waves as c "
        "where r.survey_code = 'org_rating' and c.survey_code = 'commissioner_return' "
        "and r.period = c.period and r.rates_wave_id is null and ? in (r.wave_id, c.wave_id)",
        [wave_id],
    )
    return wave_id


def organisations_in(con: duckdb.DuckDBPyConnection, org_type: str, period: Period) -> list[str]:
    """The codes of every organisation of this type that existed at some time in the period."""
    return [
        r[0]
        for r in con.execute(
            "select code from organisations where type = ? and coalesce(valid_from, ?) <= ? "
            "and coalesce(valid_to, ?) >= ? order by code",
            [org_type, period.start, period.end, period.end, period.start],
        ).fetchall()
    ]


def return_wave_for(con: duckdb.DuckDBPyConnection, period: str) -> int | None:
    """The commissioner-return wave a rating wave of this period would rate: the one of the same period."""
    found = con.execute(
        "select wave_id from waves where survey_code = 'commissioner_return' and period = ?", [period]
    ).fetchall()
    return found[0][0] if found else None


def find_wave(con: duckdb.DuckDBPyConnection, survey_code: str, period: str) -> int:
    found = con.execute(
        "select wave_id from waves where survey_code = ? and period = ?", [survey_code, period]
    ).fetchall()
    if not found:
        raise UnknownWave(f"There is no {survey_code} wave for {period}; an administrator opens waves.")
    return found[0][0]


def open_wave(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    period: str,
    opens: date,
    closes: date,
    scope,
    *,
    title: str | None = None,
    rates_wave_id: int | None = None,
    opened_by: str | None = None,
    demo: bool = False,
) -> int:
    """Open (or reopen) a wave for these dates and set who is asked to answer.

    `scope` is a list of organisation codes (commissioners, carers' organisations), or a carer sample:
    a DataFrame (or list of dicts) with `sample_ref` and optionally `area`, `age_band`, `sex`.
    The scope replaces any earlier scope of the wave, so an administrator can correct it. A rating
    wave rates `rates_wave_id` (a commissioner-return wave), by default the one of the same period.
    """
    if closes < opens:
        raise WaveScopeError("A wave cannot close before it opens.")
    wave_id = ensure_wave(con, survey_code, parse_period(period, opens, closes), demo=demo)
    con.execute(
        "update waves set opens = ?, closes = ?, closed_at = null, title = coalesce(?, title), "
        "rates_wave_id = coalesce(?, rates_wave_id) where wave_id = ?",
        [opens, closes, title, rates_wave_id if survey_code == "org_rating" else None, wave_id],
    )
    con.execute("delete from wave_scope where wave_id = ?", [wave_id])
    sample = _as_sample(scope)
    if sample is None:
        _add_org_scope(con, wave_id, list(scope), demo)
    else:
        _add_sample_scope(con, wave_id, sample, demo)
    _audit(con, opened_by, "open_wave", {"wave_id": wave_id, "survey": survey_code, "period": period})
    return wave_id


def close_wave(con: duckdb.DuckDBPyConnection, wave_id: int, *, closed_by: str | None = None) -> None:
    """Close now: web answers and revisions are refused from here on; paper still lands, flagged late."""
    con.execute("update waves set closed_at = current_timestamp where wave_id = ? and closed_at is null", [wave_id])
    _audit(con, closed_by, "close_wave", {"wave_id": wave_id})


def reopen_wave(con: duckdb.DuckDBPyConnection, wave_id: int, closes: date, *, reopened_by: str) -> None:
    """Take answers again until `closes` (a closed wave, or one past its closing date); audited with the
    dates it had, so the log says how long it was closed."""
    found = con.execute("select closed_at, closes, opens from waves where wave_id = ?", [wave_id]).fetchall()
    if not found:
        raise UnknownWave(f"There is no wave {wave_id}.")
    closed_at, was_closing, opens = found[0]
    if closed_at is None and was_closing >= date.today():
        raise WaveScopeError("This wave is open already, so there is nothing to reopen.")
    if closes < date.today() or closes < opens:
        raise WaveScopeError("Choose a closing date from today on, so the reopened wave can take answers.")
    con.execute("update waves set closed_at = null, closes = ? where wave_id = ?", [closes, wave_id])
    audit.record(
        con,
        reopened_by,
        "reopen_wave",
        wave_id=wave_id,
        was_closed_at=closed_at,
        was_closing=was_closing,
        closes=closes,
    )


def wave_answers(con: duckdb.DuckDBPyConnection, wave_ids: list[int]) -> pd.DataFrame:
    """Per wave: how many were asked and how many have answered, when it closed and was published."""
    return con.execute(
        (SQL / "wave_answers.sql").read_text(encoding="utf-8"), {"wave_ids": list(map(int, wave_ids))}
    ).df()


def not_answered(con: duckdb.DuckDBPyConnection, wave_id: int) -> pd.DataFrame:
    """The organisations a wave asked that have not answered it (mart_non_response)."""
    return con.execute(
        "select org_code, org_name, org_type from mart_non_response where wave_id = ? and not responded "
        "order by org_name, org_code",
        [wave_id],
    ).df()


def wave_scope(con: duckdb.DuckDBPyConnection, wave_id: int) -> list[str]:
    """The organisation codes (or sample references) a wave asks."""
    return [
        r[0]
        for r in con.execute(
            "select coalesce(org_code, sample_ref) from wave_scope where wave_id = ? order by 1", [wave_id]
        ).fetchall()
    ]


def _as_sample(scope) -> pd.DataFrame | None:
    if isinstance(scope, pd.DataFrame):
        frame = scope
    elif scope and isinstance(next(iter(scope)), dict):
        frame = pd.DataFrame(list(scope))
    else:
        return None
    if "sample_ref" not in frame.columns:
        raise WaveScopeError("A carer sample needs a sample_ref column (the carer's reference).")
    frame = frame.astype("string")
    for column in ("area", "age_band", "sex"):
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), dtype="string")
    return frame[["sample_ref", "area", "age_band", "sex"]]


def _add_org_scope(con, wave_id: int, codes: list[str], demo: bool) -> None:
    known = {
        r[0] for r in con.execute("select code from organisations where code in (select unnest(?))", [codes]).fetchall()
    }
    unknown = sorted(set(codes) - known)
    if unknown:
        raise WaveScopeError(f"Unknown organisation code(s): {', '.join(unknown[:10])}. Use real codes only.")
    if not codes:
        return  # a carers' wave whose sample arrives with its letters
    con.executemany(
        "insert into wave_scope (wave_id, org_code, is_demo) values (?, ?, ?)",
        [[wave_id, code, demo] for code in sorted(set(codes))],
    )


def _add_sample_scope(con, wave_id: int, sample: pd.DataFrame, demo: bool) -> None:
    con.register("_sample", sample)
    try:
        con.execute(
            "insert into wave_scope (wave_id, sample_ref, area, age_band, sex, is_demo) "
            "select distinct ?, trim(sample_ref), nullif(trim(area), ''), nullif(trim(age_band), ''), "
            "nullif(trim(sex), ''), ? from _sample where nullif(trim(sample_ref), '') is not null",
            [wave_id, demo],
        )
    finally:
        con.unregister("_sample")


def _audit(con, username: str | None, action: str, detail: dict) -> None:
    con.execute(
        "insert into audit_log (username, action, detail) values (?, ?, ?)",
        [username, action, json.dumps(detail)],
    )


def overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every wave: its dates, whether it is closed, and how many organisations and carers it asks."""
    return con.execute((SQL / "waves_overview.sql").read_text(encoding="utf-8")).df()


# a period's waves the public results page shows: the returns, the ratings and the carers' figures
# (the carers' only after suppression, through mart_published_carer_experience)
PUBLISHED_SURVEYS = ("commissioner_return", "org_rating", "carer_experience")


def publishable(con: duckdb.DuckDBPyConnection, period: str) -> list[int]:
    """The period's waves that publishing makes public."""
    return [
        row[0]
        for row in con.execute(
            "select wave_id from waves where period = ? and list_contains(?, survey_code) order by wave_id",
            [period, list(PUBLISHED_SURVEYS)],
        ).fetchall()
    ]


def publish(con: duckdb.DuckDBPyConnection, period: str, username: str) -> None:
    """Make a period's results public (the Board's decision), with an audit entry: the commissioners'
    returns, the ratings, and the carers' survey figures (which the public page shows after suppression)."""
    con.execute(
        "update waves set published_at = current_timestamp where period = ? and published_at is null "
        "and list_contains(?, survey_code)",
        [period, list(PUBLISHED_SURVEYS)],
    )
    audit.record(con, username, "publish", period=period)


def unpublish(con: duckdb.DuckDBPyConnection, period: str, username: str) -> None:
    """Take a period's results off the public page again (a mistake found, a return corrected), audited
    with the time they had been published."""
    was = published_at(con, period)
    if was is None:
        raise PipelineError("These results are not published, so there is nothing to take down.")
    con.execute(
        "update waves set published_at = null where period = ? and list_contains(?, survey_code)",
        [period, list(PUBLISHED_SURVEYS)],
    )
    audit.record(con, username, "unpublish", period=period, was_published_at=was)


def published_at(con: duckdb.DuckDBPyConnection, period: str) -> datetime | None:
    return con.execute(
        "select max(published_at) from waves where period = ? and survey_code = 'commissioner_return'", [period]
    ).fetchall()[0][0]
