"""The mart queries the pages and the pack run, one wave and all waves, cold and warm; and the same headline
figures computed in plain pandas from a frame already in memory, as an analyst's notebook would."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bench.measure import timed
from warehouse.connection import connect

ONE = "period = $period"
ALL = "true"
# (name, SQL with {wave} standing for the wave filter): what dashboards/queries.py and board/ read
QUERIES = {
    "plan status": "select * from mart_plan_status where {wave}",
    "league table": "select * from mart_plan_status_by_commissioner where {wave}",
    "repeat non-responders": "select * from mart_repeat_non_responders where {wave}",
    "co-production headlines": "select * from mart_coproduction_headlines where {wave}",
    "co-production gap": "select * from mart_coproduction_gap where {wave}",
    "breaks money": "select * from mart_breaks_money where {wave}",
    "carer measures": "select * from mart_carer_experience where {wave} and breakdown = 'all'",
    "carer measures by area": "select * from mart_carer_experience where {wave} and breakdown = 'area'",
    "carer measures by age band": "select * from mart_carer_experience where {wave} and breakdown = 'age_band'",
    "carer benchmarks": "select * from mart_carer_experience_benchmarks where {wave}",
    "response bias": "select b.* from mart_carer_response_bias as b join waves as w using (wave_id) where {wave}",
    "comment themes": "select * from mart_comment_themes where {wave}",
    "comment search": "select comment from mart_carer_comments where {wave} and comment ilike '%break%' limit 500",
}


def mart_times(path: Path, period: str, runs: int) -> dict[str, tuple[float, list[float]]]:
    """{query (one wave | all waves): (cold seconds on a new connection, warm seconds of `runs` repeats)}."""
    found = {}
    for name, sql in QUERIES.items():
        for scope, wave in (("one wave", ONE), ("all waves", ALL)):
            query = sql.format(wave=wave)
            params = {"period": period} if wave == ONE else {}
            con = connect(path, read_only=True)
            cold = timed(lambda: con.execute(query, params).fetchall(), 1)[0]  # noqa: B023
            warm = timed(lambda: con.execute(query, params).fetchall(), runs)  # noqa: B023
            con.close()
            found[f"{name}, {scope}"] = (cold, warm)
    return found


def carer_frame(path: Path) -> pd.DataFrame:
    """Every current carer response with its wave's period, as an analyst would load it once."""
    con = duckdb.connect(str(path), read_only=True)
    frame = con.execute(
        "select w.period, r.AREA, r.SATISFIED, r.CONSULTED, r.INFOEASY, r.QOLTIME, r.QOLCONTROL, r.QOLSELFCARE, "
        "r.QOLSAFETY, r.QOLSOCIAL, r.QOLSUPPORT from response_carer_experience as r "
        "join waves as w using (wave_id) where r.is_current"
    ).df()
    con.close()
    return frame


def pandas_headlines(frame: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """% satisfied, % consulted, % finding information easy and the mean quality-of-life score per period, as
    NATIONAL_MEASURES.md defines them, in pandas (`period` None: every wave)."""
    rows = frame if period is None else frame[frame["period"] == period]
    qol = ["QOLTIME", "QOLCONTROL", "QOLSELFCARE", "QOLSAFETY", "QOLSOCIAL", "QOLSUPPORT"]
    scores = (3 - rows[qol].apply(pd.to_numeric)).sum(axis=1, min_count=6)

    def indicator(column: str, yes: list[str], no: list[str]) -> np.ndarray:
        values = rows[column]
        return np.where(values.isin(yes), 1.0, np.where(values.isin(no), 0.0, np.nan))

    measures = pd.DataFrame(
        {
            "period": rows["period"],
            "satisfied": indicator("SATISFIED", ["1", "2"], ["3", "4", "5", "6", "7"]),
            "consulted": indicator("CONSULTED", ["1", "2"], ["3", "4"]),
            "information_easy": indicator("INFOEASY", ["1", "2"], ["3", "4"]),
            "carer_quality_of_life": scores,
        }
    )
    return measures.groupby("period").mean()
