"""The national carer measures on hand-made answers; every expected figure worked out by hand."""

import math

import pytest

from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave

AREA = "E06000001"
QOL = ("QOLTIME", "QOLCONTROL", "QOLSELFCARE", "QOLSAFETY", "QOLSOCIAL", "QOLSUPPORT")


def _carers():
    carers = [{"AREA": AREA, "SEX": "F" if i < 16 else "M", "BREAK12": "Y" if i < 7 else "N"} for i in range(20)]
    qol = [["1"] * 6, ["2"] * 6, ["3"] * 5 + [""], ["1", "2", "3", "1", "2", "3"], ["3"] * 6, ["1"] * 6]
    for carer, answers in zip(carers, qol, strict=False):
        carer.update(dict(zip(QOL, answers, strict=False)))
    for carer, answer in zip(carers, ["1", "2", "3", "8", "8", "5", "4"], strict=False):
        carer["SATISFIED"] = answer
    for carer, answer in zip(carers, ["1", "5", "5", "3", "4", "5", "2"], strict=False):
        carer["CONSULTED"] = answer
    return carers


@pytest.fixture
def measures(con):
    land(con, "carer_experience", _carers(), source="file", wave_id=ensure_wave(con, "carer_experience", "2024-Q1"))
    rows = con.execute(
        "select measure, breakdown, group_code, suppressed, base, value, ci_lower, ci_upper "
        "from mart_carer_experience where period = '2024-Q1'"
    ).fetchall()
    return {(m, b, g): tuple(r) for m, b, g, *r in rows}


def test_quality_of_life_leaves_out_a_carer_who_skipped_an_item(measures):
    # scores 12, 6, (skipped one: left out), 6, 0, 12 -> mean 36 / 5 = 7.2
    suppressed, base, value, *_ = measures[("carer_quality_of_life", "area", AREA)]
    assert (suppressed, base, value) == (False, 5, 7.2)


def test_not_received_any_support_is_left_out_of_the_base(measures):
    # answers 1, 2, 3, 8, 8, 5, 4: base 5 (the two 8s out), satisfied 2 -> 40%
    assert measures[("satisfied", "area", AREA)][:3] == (False, 5, 40.0)


def test_a_measure_from_four_answers_is_suppressed(measures):
    # consulted: 1, 5, 5, 3, 4, 5, 2 -> base 4 once "no discussions" (5) is out: suppressed
    assert measures[("consulted", "area", AREA)] == (True, None, None, None, None)
    assert measures[("had_break", "sex", "M")] == (True, None, None, None, None)  # 4 men


def test_wilson_interval_matches_the_reference_to_four_decimals(measures):
    # 7 of 20 had a break: 35%; Wilson 95% interval 0.1812 to 0.5671 (reference: solving the score quadratic)
    z, x, n = 1.96, 7, 20
    a, b, c = 1 + z * z / n, -(2 * x / n + z * z / n), (x / n) ** 2
    root = math.sqrt(b * b - 4 * a * c)
    lower, upper = (-b - root) / (2 * a), (-b + root) / (2 * a)
    assert (round(lower, 4), round(upper, 4)) == (0.1812, 0.5671)
    _suppressed, base, value, ci_lower, ci_upper = measures[("had_break", "all", "all")]
    assert (base, value) == (20, 35.0)
    assert (round(ci_lower / 100, 4), round(ci_upper / 100, 4)) == (0.1812, 0.5671)
