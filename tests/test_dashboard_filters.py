"""The region and organisation-type filters carry over from page to page and the figures follow them."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import signed_in_app
from warehouse.connection import connect

NORTH_EAST = "Q30"  # North East SHA: its PCTs are the demo's commissioners in the North East


@pytest.fixture
def demo_copy(app_env, demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    app_env(path)
    return path


def _app(path) -> AppTest:
    return signed_in_app(path, "board1", "board")


def _north_east_by_hand(path, period):
    """Claims and answers of the North East's PCTs that answered and were rated (the headline's one
    base), counted here row by row (not by the mart's SQL)."""
    con = connect(path)
    rows = con.execute(
        "select org_code, responded and ratings > 0, claims_engagement from mart_coproduction_gap "
        "where period = ? and parent_code = ?",
        [period, NORTH_EAST],
    ).fetchall()
    pcts = con.execute(
        "select count(*) from organisations where type = 'PCT' and parent_code = ?", [NORTH_EAST]
    ).fetchall()[0][0]
    con.close()
    answered = [r for r in rows if r[1]]
    return len(rows), pcts, len(answered), sum(1 for r in answered if r[2])


def test_a_region_chosen_on_plan_status_carries_over_to_co_production_with_its_figures(demo_copy):
    at = _app(demo_copy)
    at.switch_page("dashboards/pages/plan_status.py").run()
    at.selectbox(key="plan_status_region").set_value(NORTH_EAST).run()
    assert not at.exception, at.exception
    period = at.session_state["filter_period"]
    commissioners, pcts, answered, claiming = _north_east_by_hand(demo_copy, period)
    assert commissioners == pcts == 12
    assert any(f"North East SHA, all types: {pcts} commissioners asked" in m.value for m in at.markdown)
    shares = at.dataframe[0].value  # counts by status over the region only: they add up to its PCTs
    assert shares["Commissioners"].astype(int).sum() == pcts
    not_answered = shares.loc[shares["Plan status"] == "No response", "Commissioners"].iloc[0]
    assert int(not_answered) <= pcts - answered  # those that answered but were not rated are not in `answered`

    at.switch_page("dashboards/pages/coproduction_gaps.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="coproduction_region").value == NORTH_EAST
    assert any(f"North East SHA, all types: {pcts} commissioners asked" in m.value for m in at.markdown)
    claim = at.metric[0]
    assert claim.value == f"{100 * claiming / answered:.1f}%"
    assert f"of the {answered} commissioners that answered and were rated" in claim.proto.help
    assert len(at.dataframe[0].value) == pcts  # the "every commissioner" table holds only the region's


def test_a_remembered_region_the_wave_does_not_have_falls_back_to_all_regions(demo_copy):
    at = _app(demo_copy)
    at.session_state["filter_region"] = "Y56"  # an NHS region of ICBs: no 2011 wave has one
    at.switch_page("dashboards/pages/breaks_money.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="breaks_money_region").value == "all"
    assert at.session_state["filter_region"] is None
    assert any("All regions, all types: 151 commissioners asked" in m.value for m in at.markdown)
