import math
from datetime import date, timedelta

import pytest

from pipelines.landing.land import land
from pipelines.outreach.tokens import issue_invitation
from pipelines.outreach.waves import open_wave
from tests.conftest import scalar

TODAY = date.today()
SOON = TODAY + timedelta(days=30)
AREA = "E08000016"  # Barnsley


def returns(con, wave, codes):
    rows = [{"COMMISSIONER": c, "PLANSTATUS": "NONE", "WORKSWITH": "N", "_source_id": f"{wave}:{c}"} for c in codes]
    result = land(con, "commissioner_return", rows, source="web", wave_id=wave)
    assert result.landed == len(codes), result.problems


def carers(con, wave, sexes):
    rows = [{"AREA": AREA, "SEX": sex, "_source_id": f"c{i}"} for i, sex in enumerate(sexes)]
    assert land(con, "carer_experience", rows, source="paper", wave_id=wave).landed == len(sexes)


def test_non_response_counts_invited_reminded_and_responded_per_organisation(con):
    codes = ["5A3", "5A4", "5A5", "5A7"]
    wave = open_wave(con, "commissioner_return", "2012-Q1", TODAY, SOON, codes)
    for code in codes[:3]:
        issue_invitation(con, wave, channel="email", org_code=code)
    con.execute("update invitations set reminded_at = current_timestamp where org_code = '5A5'")
    returns(con, wave, ["5A3", "5A4"])
    rows = con.execute(
        "select org_code, invited, reminded, responded, wave_response_rate from mart_non_response "
        "where wave_id = ? order by org_code",
        [wave],
    ).fetchall()
    assert rows == [
        ("5A3", True, False, True, 50.0),
        ("5A4", True, False, True, 50.0),
        ("5A5", True, True, False, 50.0),
        ("5A7", False, False, False, 50.0),
    ]


def test_a_pct_that_did_not_answer_and_became_a_ccg_that_did_not_answer_is_a_repeat_non_responder(con):
    # real successions: 5A3 -> 12A, 5A4 -> 08F, 5A5 -> 08J (April 2013)
    before = open_wave(con, "commissioner_return", "2013-Q1", TODAY, SOON, ["5A3", "5A4", "5A5", "5A7"])
    returns(con, before, ["5A4"])
    after = open_wave(con, "commissioner_return", "2013-Q2", TODAY, SOON, ["12A", "08F", "08J", "5A7"])
    returns(con, after, ["08J"])
    rows = con.execute(
        "select org_code, previous_wave_id, previous_org_codes from mart_repeat_non_responders "
        "where wave_id = ? order by org_code",
        [after],
    ).fetchall()
    # 12A: its PCT 5A3 missed the wave before; 08F: 5A4 answered before; 08J answered now; 5A7 missed both
    assert rows == [("12A", before, ["5A3"]), ("5A7", before, ["5A7"])]


def test_an_organisation_not_asked_the_wave_before_is_not_a_repeat_non_responder(con):
    open_wave(con, "commissioner_return", "2013-Q1", TODAY, SOON, ["5A7"])
    after = open_wave(con, "commissioner_return", "2013-Q2", TODAY, SOON, ["12A"])
    assert scalar(con, "select count(*) from mart_repeat_non_responders where wave_id = ?", [after]) == 0


def test_carers_margin_of_error_uses_the_finite_population_correction_and_counts_extra_responses(con):
    sample = [{"sample_ref": f"c{i}", "area": AREA} for i in range(100)]
    wave = open_wave(con, "carer_experience", "2011-Q3", TODAY, SOON, sample)
    carers(con, wave, ["F"] * 30)
    row = con.execute(
        "select sampled, responses, response_rate, margin_of_error, within_target, extra_needed "
        "from mart_carer_response where wave_id = ?",
        [wave],
    ).fetchall()[0]
    expected = 100 * 1.96 * math.sqrt(0.25 / 30 * 70 / 99)
    needed = math.ceil(1.96**2 * 0.25 * 100 / (0.05**2 * 99 + 1.96**2 * 0.25))
    assert row[:3] == (100, 30, 30.0)
    assert row[3] == pytest.approx(expected, abs=0.01)
    assert row[4:] == (False, needed - 30)
    assert needed == 80


def test_response_bias_compares_respondents_sex_with_the_sample(con):
    sample = [{"sample_ref": f"c{i}", "area": AREA, "sex": "F" if i % 2 else "M"} for i in range(40)]
    wave = open_wave(con, "carer_experience", "2011-Q3", TODAY, SOON, sample)
    carers(con, wave, ["F"] * 15 + ["M"] * 5)
    rows = con.execute(
        "select code, sample_share, respondent_share, difference from mart_carer_response_bias "
        "where wave_id = ? and dimension = 'sex' order by code",
        [wave],
    ).fetchall()
    assert rows == [("F", 50.0, 75.0, 25.0), ("M", 50.0, 25.0, -25.0)]


def test_without_a_sample_the_margin_of_error_has_no_population_correction(con):
    wave = open_wave(con, "carer_experience", "2011-Q3", TODAY, SOON, [])
    carers(con, wave, ["F"] * 100)
    row = con.execute(
        "select sampled, margin_of_error, extra_needed from mart_carer_response where wave_id = ?", [wave]
    ).fetchall()[0]
    assert row == (None, pytest.approx(9.8, abs=0.01), 385 - 100)


def test_the_data_checks_catch_a_second_invitation_to_the_same_organisation(con):
    from tests.conftest import ROOT

    wave = open_wave(con, "commissioner_return", "2012-Q1", TODAY, SOON, ["5A3"])
    check = (ROOT / "warehouse/checks/one_invitation_per_addressee.sql").read_text()
    issue_invitation(con, wave, channel="email", org_code="5A3")
    assert con.execute(check).fetchall() == []
    issue_invitation(con, wave, channel="email", org_code="5A3")
    assert len(con.execute(check).fetchall()) == 1
