"""The carers' sums kept per wave (`carer_wave_sums`, warehouse/aggregates.py) are always exactly what the
definition gives afresh over the current responses (`carer_sums('response_carer_experience')`), whatever
lands: new carers, new versions of some (across chunks and within one), blanked answers, three waves (one
of them named), a form's submissions, a batch that fails half way, a deletion, and the demo's removal."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from pipelines.demo.carers import carer_answers
from pipelines.demo.dataset import remove_demo
from pipelines.landing import land as landing
from pipelines.landing.land import land
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave
from pipelines.sources import retention
from pipelines.sources.web_forms import submit
from tests.form_filling import CARER, open_current_waves
from warehouse import aggregates
from warehouse.prepare import prepare

ORDER = "order by wave_id, breakdown, group_code, measure"


def kept(con) -> list[tuple]:
    return con.execute(f"select * from carer_wave_sums {ORDER}").fetchall()


def afresh(con) -> list[tuple]:
    return con.execute(f"select * from carer_sums('response_carer_experience') {ORDER}").fetchall()


def councils(con, n: int) -> list[str]:
    rows = con.execute(
        "select code from organisations where type = 'LA' and valid_to is null order by code limit ?", [n]
    )
    return [r[0] for r in rows.fetchall()]


def carers(rng: np.random.Generator, areas: list[str], refs: range, blank: float = 0.0) -> pd.DataFrame:
    """Carers with the references `refs`, some answers blanked at random (a new version may drop an answer)."""
    frame = carer_answers(rng, len(refs), areas, start=refs.start, seed=5)
    if blank:
        for column in ("SATISFIED", "QOLTIME", "AGEBAND", "SEX", "AREA", "BREAK12"):
            frame.loc[rng.random(len(frame)) < blank, column] = ""
    return frame


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kept_sums_equal_the_sums_made_afresh_after_every_kind_of_change(con, monkeypatch, seed):
    rng = np.random.default_rng(seed)
    monkeypatch.setattr(landing, "CHUNK_ROWS", 70)  # several chunks per batch: versions across chunks too
    areas = councils(con, 6)  # few areas: small groups, some below the threshold
    first = ensure_wave(con, "carer_experience", parse_period("2030-Q1"))
    named = ensure_wave(con, "carer_experience", parse_period("Spring check-in", date(2030, 1, 1), date(2030, 3, 31)))
    later = ensure_wave(con, "carer_experience", parse_period("2030-Q2"))

    land(con, "carer_experience", carers(rng, areas, range(0, 200)), source="file", wave_id=first)
    assert kept(con) == afresh(con) != []
    # new versions of 120 carers and 80 new ones, each new version twice in the batch (versions within it)
    again = carers(rng, areas, range(120, 320), blank=0.3)
    land(
        con,
        "carer_experience",
        pd.concat([again, again.sample(frac=0.5, random_state=seed)]),
        source="file",
        wave_id=first,
    )
    assert kept(con) == afresh(con)
    land(con, "carer_experience", carers(rng, areas, range(0, 90), blank=0.5), source="file", wave_id=named)
    land(con, "carer_experience", carers(rng, areas, range(0, 50)), source="file", wave_id=later)
    assert kept(con) == afresh(con)
    before = kept(con)

    def fail(stage: str) -> None:
        if stage == "landing accepted rows":  # after every chunk's versions moved and the sums were kept
            raise RuntimeError("the power went")

    with pytest.raises(RuntimeError):
        land(
            con,
            "carer_experience",
            carers(rng, areas, range(100, 400), blank=0.2),
            source="file",
            wave_id=first,
            progress=fail,
        )
    assert kept(con) == before == afresh(con)

    today = open_current_waves(con)["carer_experience"]  # the forms take answers only while a wave is open
    sent = submit(con, "carer_experience", {**CARER, "AREA": areas[0]}, source_id="form-1", wave_id=today)
    submit(con, "carer_experience", {**CARER, "AREA": areas[1]}, source_id="form-1", wave_id=today)
    assert kept(con) == afresh(con)
    retention.delete_response(con, str(sent.reference), by="jo.admin", reason="the carer asked on 3 May")
    assert kept(con) == afresh(con)


def test_removing_the_demo_leaves_only_the_real_carers_sums(con):
    rng = np.random.default_rng(9)
    areas = councils(con, 3)
    wave = ensure_wave(con, "carer_experience", parse_period("2030-Q1"))
    land(con, "carer_experience", carers(rng, areas, range(0, 40)), source="file", wave_id=wave, demo=True)
    real = carers(rng, areas, range(1000, 1030))
    land(con, "carer_experience", real, source="file", wave_id=wave)
    remove_demo(con)
    assert kept(con) == afresh(con)
    assert con.execute(
        "select n from carer_wave_sums where breakdown = 'all' and measure = 'responses'"
    ).fetchall() == [(30,)]


def test_the_carer_measures_read_the_kept_sums(con):
    """Without the kept sums the measures are empty: the marts read them, not every response."""
    rng = np.random.default_rng(4)
    wave = ensure_wave(con, "carer_experience", parse_period("2030-Q1"))
    land(con, "carer_experience", carers(rng, councils(con, 3), range(0, 60)), source="file", wave_id=wave)
    measures = "select count(*) from mart_carer_experience where period = '2030-Q1'"
    assert con.execute(measures).fetchall()[0][0] > 0
    con.execute("delete from carer_wave_sums")
    assert con.execute(measures).fetchall()[0][0] == 0


def test_a_start_keeps_what_has_not_changed_and_remakes_what_has(con, monkeypatch):
    """A start on an unchanged database neither rebuilds the views nor makes the sums again (a start must
    not grow with the data); a start whose definitions changed (here: the threshold) rebuilds and remakes."""
    rng = np.random.default_rng(6)
    wave = ensure_wave(con, "carer_experience", parse_period("2030-Q1"))
    land(con, "carer_experience", carers(rng, councils(con, 3), range(0, 30)), source="file", wave_id=wave)
    remade: list[object] = []
    real = aggregates.recompute

    def recompute(*args) -> None:
        remade.append(args)
        real(*args)

    monkeypatch.setattr(aggregates, "recompute", recompute)
    prepare(con)
    assert remade == []
    prepare(con, suppress_below=10)
    assert len(remade) == 1 and kept(con) == afresh(con)
