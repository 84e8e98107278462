"""The benchmark's database at a size: every real PCT, CCG and ICB asked for its return and rated over 8 waves,
and N carers, landed through the real import and then spread over the 8 waves."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np

import settings
from pipelines.demo.dataset import add_carers_orgs, commissioner_returns, org_ratings
from pipelines.landing.land import land
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave, organisations_in
from pipelines.reference import load_reference
from warehouse import aggregates
from warehouse.connection import connect
from warehouse.prepare import prepare

# two waves of PCTs, four of CCGs, two of ICBs: each organisation asked while it existed
PERIODS = ("2011-Q3", "2012-Q3", "2014-Q3", "2016-Q3", "2018-Q3", "2020-Q3", "2023-Q3", "2025-Q3")
IMPORT_WAVE = PERIODS[0]
SURVEYS = ("commissioner_return", "org_rating", "carer_experience")


def commissioners_db(folder: Path) -> Path:
    """Reference data, the 8 waves of each survey, and every commissioner's returns and ratings (made once)."""
    path = folder / "commissioners.duckdb"
    if path.exists():
        return path
    con = connect(path)
    prepare(con)
    load_reference(con, settings.read().reference_dir)
    rng = np.random.default_rng(2011)
    shas = con.execute("select code, name from organisations where type = 'SHA' order by code").fetchall()
    raters = add_carers_orgs(con, shas)
    for period in PERIODS:
        waves = {code: ensure_wave(con, code, period) for code in SURVEYS}
        codes = [c for kind in ("PCT", "CCG", "ICB") for c in organisations_in(con, kind, parse_period(period))]
        returns = commissioner_returns(rng, codes, 1)[0]
        land(con, "commissioner_return", returns, source="demo", wave_id=waves["commissioner_return"])
        parents = {code: raters[i % len(raters)][1] for i, code in enumerate(codes)}
        ratings = org_ratings(rng, raters, codes, parents, set(codes[::3]), returns, 0)
        land(con, "org_rating", ratings, source="demo", wave_id=waves["org_rating"])
        con.execute(
            "insert into wave_scope (wave_id, org_code) select ?, unnest(?)",
            [waves["commissioner_return"], codes],
        )
    con.close()
    return path


def fresh_copy(template: Path, path: Path) -> Path:
    for leftover in (path, Path(f"{path}.wal")):
        leftover.unlink(missing_ok=True)
    shutil.copy(template, path)
    return path


def councils_of_import_wave(template: Path) -> list[str]:
    """The councils that existed in the import wave: a carer's AREA names one of them."""
    con = duckdb.connect(str(template), read_only=True)
    codes = organisations_in(con, "LA", parse_period(IMPORT_WAVE))
    con.close()
    return codes


def spread_over_waves(path: Path) -> None:
    """Move the imported carers (all in the first wave) round-robin into the 8 waves, raw rows with them:
    a benchmark's shortcut to 8 waves of N/8 carers without importing the file eight times."""
    con = connect(path)
    con.execute((Path(__file__).parent / "spread_over_waves.sql").read_text(encoding="utf-8"))
    aggregates.recompute(con)  # the carers moved behind the landing's back: their kept sums are made again
    con.execute("checkpoint")
    con.close()
