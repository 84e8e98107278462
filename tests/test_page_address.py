"""The quarter and the filters live in the page's address, so a bookmarked or shared link opens the same
view: the pickers read the address first, then the remembered choice; a value not offered is passed over.
Through the whole app (AppTest's query parameters) on a copy of the demo database."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT, signed_in_app
from warehouse.connection import connect

NORTH_EAST = "Q30"


@pytest.fixture
def board(app_env, demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    app_env(path)
    return signed_in_app(path, "member", "board"), path


def periods(path, survey_code: str | None = None) -> list[str]:
    con = connect(path)
    try:
        return [
            row[0]
            for row in con.execute(
                "select distinct period from waves where survey_code = ? or ? is null order by period desc",
                [survey_code, survey_code],
            ).fetchall()
        ]
    finally:
        con.close()


def opened(at, page: str, **address: str):
    """The page opened from a link holding `address` (as a bookmark or a shared link does)."""
    at.query_params.clear()
    at.query_params.update(address)
    at.switch_page(str(ROOT / page)).run()
    assert not at.exception, at.exception
    return at


def test_a_shared_link_opens_the_same_quarter_region_and_type(board):
    at, path = board
    older = periods(path, "commissioner_return")[-1]  # not the latest, which the picker starts on by itself
    opened(at, "dashboards/pages/plan_status.py", quarter=older, region=NORTH_EAST, type="PCT")
    assert at.selectbox(key="plan_status_wave").value == older
    assert at.selectbox(key="plan_status_region").value == NORTH_EAST
    assert at.selectbox(key="plan_status_type").value == "PCT"
    assert any("North East SHA, PCTs only: 12 commissioners" in m.value for m in at.markdown)


def test_choosing_puts_the_choice_in_the_address_so_it_can_be_bookmarked(board):
    at, path = board
    older = periods(path, "commissioner_return")[-1]
    opened(at, "dashboards/pages/coproduction_gaps.py")
    at.selectbox(key="coproduction_wave").set_value(older).run()
    at.selectbox(key="coproduction_region").set_value(NORTH_EAST).run()
    assert at.query_params["quarter"] == older
    assert at.query_params["region"] == NORTH_EAST
    assert at.query_params["type"] == "all"  # "all types" is said too, so the link means the same to anyone


def test_a_value_the_page_does_not_offer_is_passed_over_never_an_error(board):
    at, path = board
    opened(at, "dashboards/pages/plan_status.py", quarter="1999-Q1", region="<script>", type="XYZ")
    assert not at.error
    assert at.selectbox(key="plan_status_wave").value == periods(path, "commissioner_return")[0]
    assert at.selectbox(key="plan_status_region").value == "all"
    assert at.selectbox(key="plan_status_type").value == "all"
    assert at.query_params["quarter"] == periods(path, "commissioner_return")[0]


def test_the_address_wins_over_the_choice_remembered_from_another_page(board):
    at, path = board
    latest, older = periods(path, "commissioner_return")[0], periods(path, "commissioner_return")[-1]
    opened(at, "dashboards/pages/plan_status.py", quarter=older)
    assert at.session_state["filter_period"] == older
    opened(at, "dashboards/pages/breaks_money.py", quarter=latest)
    assert at.selectbox(key="breaks_money_wave").value == latest
    opened(at, "dashboards/pages/coproduction_gaps.py")  # no quarter in the address: the remembered one
    assert at.selectbox(key="coproduction_wave").value == latest


@pytest.mark.parametrize(
    "page, key",
    [
        pytest.param("dashboards/pages/quarterly_review.py", "quarterly_review_quarter", id="quarterly_review"),
        pytest.param("dashboards/pages/action_plan.py", "action_plan_quarter", id="action_plan"),
    ],
)
def test_the_quarterly_review_and_the_action_plan_take_their_quarter_from_the_address(board, page, key):
    at, path = board
    older = periods(path)[-1]
    opened(at, page, quarter=older)
    assert at.selectbox(key=key).value == older
    assert at.query_params["quarter"] == older


def test_the_carer_experience_area_and_measure_are_in_the_address(board):
    at, path = board
    con = connect(path)
    area = con.execute(
        "select min(group_code) from mart_carer_experience where breakdown = 'area' and period = ?",
        [periods(path, "carer_experience")[0]],
    ).fetchall()[0][0]
    con.close()
    opened(at, "dashboards/pages/carer_experience.py", area=area, measure="had_break")
    assert at.selectbox(key="carer_experience_area").value == area
    assert at.selectbox(key="carer_experience_measure").value == "had_break"
