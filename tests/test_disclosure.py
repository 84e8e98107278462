"""Disclosure control survives subtraction (docs/disclosure.md): no suppressed group can be recovered from a
breakdown's total and the groups shown beside it, in the issue's 6+1 carers and in 1,000 random small
releases, each checked by brute force here, independently of the mart's SQL."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

import pytest

import settings
from pipelines.landing.land import land
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave
from warehouse import aggregates

THRESHOLD = 5
QOL = ("QOLTIME", "QOLCONTROL", "QOLSELFCARE", "QOLSAFETY", "QOLSOCIAL", "QOLSUPPORT")
AREAS = ("E06000001", "E06000002", "E06000003")


def carer(ref: str, area: str, sex: str | None, age: str | None, qol: str, brk: str | None, satisfied: str) -> dict:
    return {"REF": ref, "AREA": area, "SEX": sex, "AGEBAND": age, "BREAK12": brk, "SATISFIED": satisfied} | {
        item: qol for item in QOL
    }


def recoverable(con) -> list[tuple]:
    """Every (period, measure, breakdown) where the total shown, minus the groups shown, leaves between 1 and
    THRESHOLD - 1 people hidden: a small group a reader can recover by subtraction."""
    rows = con.execute(
        "select period, measure, breakdown, group_code, suppressed, base from mart_carer_experience"
    ).fetchall()
    totals = {(p, m): base for p, m, b, _, suppressed, base in rows if b == "all" and not suppressed}
    shown: dict[tuple, int] = defaultdict(int)
    for period, measure, breakdown, _, suppressed, base in rows:
        if breakdown != "all":
            shown[(period, measure, breakdown)] += 0 if suppressed else base
    found = []
    for (period, measure, breakdown), seen in shown.items():
        total = totals.get((period, measure))
        if total is not None and 0 < total - seen < THRESHOLD:
            found.append((period, measure, breakdown, total - seen))
    return found


def test_the_six_plus_one_carers_cannot_be_recovered_by_subtraction(con):
    wave = ensure_wave(con, "carer_experience", "2011-Q3")
    council = [carer(f"A{i}", AREAS[0], "F", "3", "1", "Y", "1") for i in range(5)]
    the_man = carer("A5", AREAS[0], "M", "3", "3", "N", "5")  # no break, quality of life 0, not satisfied
    elsewhere = carer("B0", AREAS[1], "F", "3", "1", "Y", "1")
    land(con, "carer_experience", [*council, the_man, elsewhere], source="paper", wave_id=wave)
    assert recoverable(con) == []
    cells = dict(
        con.execute(
            "select breakdown || ':' || group_code, suppression from mart_carer_experience "
            "where measure = 'had_break' and period = '2011-Q3'"
        ).fetchall()
    )
    assert cells["area:E06000002"] == "fewer than the threshold"
    assert cells["area:E06000001"] == "protects a smaller group"  # else all areas minus it gives the other
    assert cells["sex:M"] == "fewer than the threshold" and cells["sex:F"] == "protects a smaller group"
    assert cells["all:all"] is None  # the total stays: the groups beside it are what is hidden


def test_a_thousand_random_small_releases_leave_no_small_group_recoverable(con):
    rng = random.Random(2011)
    rows, waves = [], {}
    for release in range(1000):
        waves[release] = ensure_wave(
            con, "carer_experience", parse_period(f"Release {release}", date(2011, 7, 1), date(2011, 9, 30))
        )
        for number in range(rng.randint(1, 16)):
            rows.append(
                carer(
                    f"R{release}-{number}",
                    rng.choice(AREAS[: rng.randint(1, 3)]),
                    rng.choice(["F", "F", "M", None]),  # some do not say: the total minus the groups shows them
                    rng.choice(["2", "3", "6", None]),
                    rng.choice("123"),
                    rng.choice(["Y", "N", None]),
                    rng.choice("12345"),
                )
            )
    # one landing for all, then each row to its release's wave: a thousand separate landings would take a minute
    land(con, "carer_experience", rows, source="paper")
    con.execute(
        "update response_carer_experience set wave_id = w.wave_id from (select unnest(?) as release, unnest(?) "
        "as wave_id) as w where split_part(substr(source_id, 2), '-', 1)::int = w.release",
        [list(waves), list(waves.values())],
    )
    aggregates.recompute(con)  # rows moved behind the landing's back: the kept sums are made again
    releases = con.execute("select count(distinct period) from mart_carer_experience").fetchall()[0][0]
    assert releases == 1000
    assert recoverable(con) == []


def test_the_threshold_cannot_be_set_below_five(monkeypatch):
    monkeypatch.setenv("CARERS_MONITOR_SUPPRESS_BELOW", "1")
    with pytest.raises(settings.SettingRefused, match="cannot be below 5"):
        settings.read()
