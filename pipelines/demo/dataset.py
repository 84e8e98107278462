"""A reproducible synthetic data set over the real 2011 PCTs and councils, landed like any other source.

Shaped on the 2011 carers' breaks findings: of responding PCTs about 9% had published updated
plans, 54% would during the year and 37% would not; about 82% claimed to work with carers'
organisations, while carers' organisations judged about 40% not to have engaged at all.
Everything made here is marked `is_demo` and `remove_demo()` takes it all away.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from pipelines.demo.board import seed_board
from pipelines.demo.carers import carer_answers
from pipelines.demo.waves import scope_demo_waves
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from warehouse import aggregates

PERIODS = ("2011-Q2", "2011-Q3", "2011-Q4", "2012-Q1")  # the four quarters of 2011/12
DEMO_TABLES = (
    "response_carer_experience",
    "response_org_rating",
    "response_commissioner_return",
    "raw_submissions",
    "rejections",
    "import_batches",
    "invitations",
    "users",
    "action_updates",
    "action_plan",
    "kpi_values",
    "kpis",
    "wave_scope",
    "org_contacts",
    "message_log",
    "waves",
    "organisations",
)
EVIDENCE = (
    "Invited to the breaks planning group; minutes of the March meeting name us.",
    "One phone call from the commissioning manager, no follow-up.",
    "We asked for a meeting three times (emails of 4 May, 1 June and 12 July); no reply.",
    "Co-wrote the breaks plan with the PCT and the council; signed off jointly.",
    "Consulted on the draft budget by email from Jane Smith (jane.smith@example.org).",
    "Small grant for a sitting service, no say in the plan.",
    "",
)


def generate(con: duckdb.DuckDBPyConnection, *, carers: int = 5000, seed: int = 2011) -> dict[str, int]:
    """Land the demo data set; running it again with the same seed adds nothing."""
    rng = np.random.default_rng(seed)
    pcts = [r[0] for r in con.execute("select code from organisations where type = 'PCT' order by code").fetchall()]
    shas = con.execute("select code, name from organisations where type = 'SHA' order by code").fetchall()
    councils = [
        r[0]
        for r in con.execute(
            "select code from organisations where type = 'LA' and valid_from is null order by code"
        ).fetchall()
    ]
    carers_orgs = add_carers_orgs(con, shas)
    waves = {
        code: [ensure_wave(con, code, period, demo=True) for period in PERIODS]
        for code in ("commissioner_return", "org_rating", "carer_experience")
    }
    returns = commissioner_returns(rng, pcts, len(PERIODS))
    counts = {"commissioner_return": 0, "org_rating": 0, "carer_experience": 0}
    parents = dict(con.execute("select code, parent_code from organisations where type = 'PCT'").fetchall())
    disengaged = set(rng.choice(pcts, size=round(0.40 * len(pcts)), replace=False))
    for index, wave_id in enumerate(waves["commissioner_return"]):
        counts["commissioner_return"] += _land(con, "commissioner_return", returns[index], wave_id)
        ratings = org_ratings(rng, carers_orgs, pcts, parents, disengaged, returns[index], index)
        counts["org_rating"] += _land(con, "org_rating", ratings, waves["org_rating"][index])
    per_wave = np.array_split(np.arange(carers), len(PERIODS))
    for index, wave_id in enumerate(waves["carer_experience"]):
        frame = carer_answers(
            rng, len(per_wave[index]), councils, start=int(per_wave[index][0]) if len(per_wave[index]) else 0, seed=seed
        )
        counts["carer_experience"] += _land(con, "carer_experience", frame, wave_id)
    scope_demo_waves(con)
    counts["board actions"] = seed_board(con)
    return counts


def _land(con, survey_code: str, frame: pd.DataFrame, wave_id: int) -> int:
    return land(con, survey_code, frame, source="demo", wave_id=wave_id, demo=True).landed


def add_carers_orgs(con, shas: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Two fictional carers' organisations per Strategic Health Authority, named as fictional."""
    made = []
    for number, (sha, name) in enumerate(shas):
        for second in (1, 2):
            code = f"DEMO{2 * number + second:02d}"
            made.append((code, sha))
            con.execute(
                "insert into organisations (code, name, type, parent_code, is_demo) "
                "values (?, ?, 'carers_org', ?, true) on conflict do nothing",
                [code, f"{name} Carers Centre {second} (fictional, demo)", sha],
            )
    return made


def commissioner_returns(rng: np.random.Generator, pcts: list[str], waves: int) -> list[pd.DataFrame]:
    """One frame of returns per wave; about a quarter of PCTs silent each wave, some twice running."""
    n = len(pcts)
    silent_always = set(rng.choice(pcts, size=12, replace=False))
    status = {}
    frames = []
    for wave in range(waves):
        silent = silent_always | set(rng.choice(pcts, size=26, replace=False))
        answering = [p for p in pcts if p not in silent]
        if wave == 0:
            shuffled = list(rng.permutation(answering))
            published, will = round(0.09 * len(shuffled)), round(0.54 * len(shuffled))
            for i, code in enumerate(shuffled):
                status[code] = "PUB" if i < published else "WILL" if i < published + will else "NOUPD"
            claims = set(rng.choice(answering, size=round(0.82 * len(answering)), replace=False))
        else:
            for code in answering:
                current = status.get(code, "WILL")
                status[code] = "PUB" if current == "WILL" and rng.random() < 0.3 else current
        rows = []
        for code in answering:
            rows.append(_return_row(rng, code, status.get(code, "WILL"), code in claims, wave))
        frames.append(pd.DataFrame(rows, dtype="string"))
    assert n == len(pcts)
    return frames


def _return_row(rng: np.random.Generator, code: str, status: str, claims: bool, wave: int) -> dict:
    existing = float(np.round(rng.lognormal(13.6, 0.5), -3))
    reports_money = rng.random() > 0.12
    month = 3 * wave + 4 + int(rng.integers(0, 3))
    year = 2011 + (month > 12)
    return {
        "_source_id": f"DEMO-RETURN-{code}-{wave + 1}",
        "COMMISSIONER": code,
        "PLANSTATUS": status,
        "PUBDATE": f"{year}-{(month - 1) % 12 + 1:02d}-15" if status == "PUB" else "",
        "PUBURL": f"https://www.example.org/demo/{code.lower()}/carers-breaks-plan" if status == "PUB" else "",
        "JOINTPLAN": "Y" if rng.random() < 0.5 else "N",
        "BUDGETEXIST": f"{existing:.0f}" if reports_money else "",
        "BUDGETADD": f"£{existing * 0.4:,.0f}" if reports_money else "",
        "SPENDPLAN": f"{existing * 1.2:.0f}" if reports_money else "",
        "SPENDACTUAL": f"{existing * rng.uniform(0.3, 1.1) * (wave + 1) / 4:.0f}" if reports_money else "",
        "WORKSWITH": "Y" if claims else "N",
    }


def org_ratings(rng, carers_orgs, pcts, parents, disengaged, returns: pd.DataFrame, wave: int) -> pd.DataFrame:
    """Each fictional organisation rates the PCTs of its SHA; 'disengaged' PCTs get 0 from everyone."""
    claims = set(returns.loc[returns["WORKSWITH"] == "Y", "COMMISSIONER"])
    rows = []
    for org, sha in carers_orgs:
        for pct in (p for p in pcts if parents[p] == sha):
            level = (
                0
                if pct in disengaged
                else int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25] if pct in claims else [0.6, 0.3, 0.1]))
            )
            funded = level >= 2 and rng.random() < 0.6
            rows.append(
                {
                    "_source_id": f"DEMO-RATING-{org}-{pct}-{wave + 1}",
                    "RATER": org,
                    "COMMISSIONER": pct,
                    "ENGAGEMENT": str(level),
                    "INPLAN": "Y" if level >= 2 else "N",
                    "INBUDGET": "Y" if level == 3 else "N",
                    "FUNDED": "Y" if funded else "N",
                    "FUNDAMOUNT": f"{rng.integers(5, 80) * 1000}" if funded else "",
                    "EVIDENCE": EVIDENCE[min(level * 2 + int(rng.integers(0, 2)), len(EVIDENCE) - 1)],
                }
            )
    return pd.DataFrame(rows, dtype="string")


def remove_demo(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Delete everything marked demo, in one transaction."""
    removed = {}
    con.begin()
    try:
        for table in DEMO_TABLES:
            removed[table] = con.execute(f"delete from {table} where is_demo").fetchall()[0][0]
        aggregates.recompute(con)  # the carers' sums without the demo's answers
        con.commit()
    except Exception:
        con.rollback()
        raise
    return removed
