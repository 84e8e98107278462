from datetime import date, timedelta

import pytest

import surveys
from pipelines.landing.land import Landed
from pipelines.outreach.waves import open_wave
from pipelines.sources.paper_keying import differences, key_return, settle, to_row
from tests.conftest import scalar

AREA = "E08000016"


@pytest.fixture
def wave(con):
    return open_wave(con, "carer_experience", "2011-Q3", date.today(), date.today() + timedelta(days=30), [])


def landed(con, wave):
    return scalar(con, "select count(*) from response_carer_experience where wave_id = ? and source = 'paper'", [wave])


def test_two_boxes_ticked_where_one_is_allowed_lands_as_unknown_not_as_either_answer(con, wave):
    result = key_return(
        con,
        "carer_experience",
        wave,
        "P001",
        {"AREA": AREA, "QOLTIME": "2+3", "SEX": "F"},
        "keyer1",
        double_entry=False,
    )
    assert isinstance(result, Landed) and result.landed == 1
    assert con.execute("select QOLTIME, SEX from response_carer_experience where wave_id = ?", [wave]).fetchall() == [
        (None, "F")
    ]
    assert to_row(surveys.load("carer_experience"), {"QOLTIME": "2 3"}, "x").unknown == ["QOLTIME"]


def test_a_multi_question_takes_the_ticked_codes_separated_by_spaces(con, wave):
    key_return(con, "carer_experience", wave, "P002", {"AREA": AREA, "CONDITIONS": "dem phy"}, "k", double_entry=False)
    assert con.execute(
        "select CONDITIONS_DEM, CONDITIONS_PHY, CONDITIONS_MH from response_carer_experience"
    ).fetchall() == [(True, True, False)]


def test_double_entry_with_a_difference_lands_nothing_until_a_third_person_settles_it(con, wave):
    first = {"AREA": AREA, "QOLTIME": "1", "SEX": "F"}
    assert key_return(con, "carer_experience", wave, "P003", first, "keyer1", double_entry=True) is None
    found = key_return(con, "carer_experience", wave, "P003", {**first, "QOLTIME": "2"}, "keyer2", double_entry=True)
    assert found == [("QOLTIME", "1", "2")]
    assert landed(con, wave) == 0
    with pytest.raises(ValueError, match="third person"):
        settle(con, "carer_experience", wave, "P003", {"QOLTIME": "2"}, "keyer1")
    assert settle(con, "carer_experience", wave, "P003", {"QOLTIME": "2"}, "checker").landed == 1
    assert scalar(con, "select QOLTIME from response_carer_experience where source_id = 'P003'") == "2"
    assert scalar(con, "select count(*) from paper_keyings where paper_ref = 'P003'") == 3


def test_double_entry_that_agrees_lands_at_the_second_keying(con, wave):
    answers = {"AREA": AREA, "QOLTIME": "1"}
    key_return(con, "carer_experience", wave, "P004", answers, "keyer1", double_entry=True)
    second = key_return(
        con, "carer_experience", wave, "P004", {**answers, "AREA": AREA.lower()}, "keyer2", double_entry=True
    )
    assert isinstance(second, Landed) and second.landed == 1


def test_differences_ignore_order_and_case_of_codes():
    assert differences({"C": "dem phy"}, {"C": "PHY DEM"}) == []
    assert differences({"A": "1"}, {}) == [("A", "1", "")]
