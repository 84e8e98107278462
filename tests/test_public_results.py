"""The public page (issue 18, item 8): published waves only, headline figures of those asked, find your
area, the publication date and the carers' survey figures, never a number for fewer than 5 carers."""

import shutil
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.landing.land import land
from pipelines.outreach.waves import open_wave, publish
from presentation.formats import suppressed
from tests.conftest import ROOT, scalar
from warehouse.connection import connect

PAGE = str(ROOT / "dashboards/pages/public_results.py")
A, B = "E08000016", "E08000017"  # Barnsley, Doncaster


def _public(app_env, path):
    app_env(path)
    return AppTest.from_file(PAGE, default_timeout=60).run()  # nobody signed in


@pytest.fixture
def published_demo(demo_db, tmp_path):
    path = tmp_path / "public.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    publish(con, "2011-Q3", "board1")
    con.close()
    return path


def test_the_page_leads_with_each_published_waves_headline_figures_of_those_asked(app_env, published_demo):
    con = connect(published_demo, read_only=True)
    asked, answered, published, confirmed, disputed = con.execute(
        "select max(all_commissioners), max(responders), sum(commissioners) filter (where status = 'PUB'), "
        "(select count(*) from mart_coproduction_gap where period = '2011-Q3' and category = 'confirmed'), "
        "(select count(*) from mart_coproduction_gap where period = '2011-Q3' and category = 'disputed') "
        "from mart_plan_status where period = '2011-Q3'"
    ).fetchall()[0]
    carer_periods = con.execute("select distinct period from mart_published_carer_experience").fetchall()
    con.close()
    assert carer_periods == [("2011-Q3",)]  # publishing the quarter published its carers' wave, and no other
    at = _public(app_env, published_demo)
    assert not at.exception, at.exception
    headlines = at.dataframe[0].value
    assert list(headlines["Quarter"]) == ["2011-12 Q2 (July to September 2011)"]  # the published wave only
    row = headlines.iloc[0]
    assert (row["Commissioners asked"], row["Confirmed claims"], row["Disputed claims"]) == (
        f"{asked:,}",
        f"{confirmed:,}",
        f"{disputed:,}",
    )
    assert row["% of those asked that published"] == f"{100 * published / asked:.1f}%"
    today = date.today()
    assert f"Published on {today.day} {today:%B %Y}." in [m.value for m in at.markdown]
    sentence = next(m.value for m in at.markdown if m.value.startswith("Of the "))
    assert sentence.startswith(f"Of the {asked:,} commissioners asked, {answered:,} answered and {published:,} had")
    assert (
        f"they confirmed {confirmed:,} commissioners' claims to work with them and disputed {disputed:,}." in sentence
    )


def test_find_your_area_shows_a_commissioners_return_and_a_councils_carers_figures(app_env, published_demo):
    con = connect(published_demo, read_only=True)
    code, name, status = con.execute(
        "select org_code, name, plan_status from mart_published_results where period = '2011-Q3' "
        "and plan_status <> 'No response' order by name limit 1"
    ).fetchall()[0]
    council, council_name = con.execute(
        "select group_code, area_name from mart_published_carer_experience where period = '2011-Q3' "
        "and breakdown = 'area' order by base desc nulls last limit 1"
    ).fetchall()[0]
    con.close()
    at = _public(app_env, published_demo)
    tables = len(at.dataframe)
    at.selectbox(key="public_results_area").select(code).run()
    assert not at.exception
    assert len(at.dataframe) == tables + 1
    shown = next(d.value for d in at.dataframe if "Plan status" in d.value.columns and len(d.value) == 1)
    assert (shown.iloc[0]["Commissioner"], shown.iloc[0]["Plan status"]) == (name, status)
    at.selectbox(key="public_results_area").select(council).run()
    assert f"{council_name} (council)" in at.selectbox(key="public_results_area").format_func(council)
    area = next(d.value for d in at.dataframe if "Measure" in d.value.columns)  # before the all-areas table
    assert "What carers in this council's area told the survey:" in [m.value for m in at.markdown]
    assert len(area) >= 1 and not area["Measure"].str.contains("_").any()


def test_nothing_is_shown_before_the_board_publishes(app_env, demo_db, tmp_path):
    path = tmp_path / "unpublished.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    assert scalar(con, "select count(*) from mart_published_carer_experience") == 0
    assert scalar(con, "select count(*) from mart_published_headlines") == 0
    con.close()
    at = _public(app_env, path)
    assert not at.exception
    assert at.info[0].value == "No results have been published yet."
    assert not at.dataframe and not at.metric


@pytest.fixture
def small_area(db_path):
    """A published quarter: council A has 8 carers, council B 2 (fewer than 5), one commissioner's return."""
    con = connect(db_path)
    opens, closes = date(2012, 1, 1), date(2012, 3, 31)
    returns = open_wave(con, "commissioner_return", "2012-Q1", opens, closes, ["5A3", "5A4"])
    answer = {"COMMISSIONER": "5A3", "PLANSTATUS": "WILL", "WORKSWITH": "Y"}
    assert land(con, "commissioner_return", [answer], source="file", wave_id=returns).landed == 1
    carers = open_wave(con, "carer_experience", "2012-Q1", opens, closes, [])
    answers = [{"AREA": A, "BREAK12": "Y" if i % 2 else "N"} for i in range(8)] + [{"AREA": B, "BREAK12": "Y"}] * 2
    assert land(con, "carer_experience", answers, source="file", wave_id=carers).landed == 10
    publish(con, "2012-Q1", "board1")
    con.close()
    return db_path


def test_a_small_area_shows_suppressed_never_a_number(app_env, small_area):
    con = connect(small_area, read_only=True)
    rows = con.execute(
        "select group_code, suppressed, value, base from mart_published_carer_experience "
        "where breakdown = 'area' and measure = 'had_break' order by group_code"
    ).fetchall()
    con.close()
    # B is below the threshold; A is hidden too, or "all areas" minus A would give B's two carers away
    assert rows == [(A, True, None, None), (B, True, None, None)]
    at = _public(app_env, small_area)
    assert not at.exception, at.exception
    at.selectbox(key="public_results_measure").select("had_break").run()
    by_area = next(d.value for d in at.dataframe if "Area" in d.value.columns)
    assert set(by_area["Value"]) == set(by_area["Base (usable answers)"]) == {suppressed()}
    everyone = next(d.value for d in at.dataframe if "Measure" in d.value.columns)
    had_break = everyone[everyone["Measure"] == "% who had a break"].iloc[0]
    assert (had_break["Value"], had_break["Base (usable answers)"]) == ("60", "10")  # 6 of 10: the total is shown
    at.selectbox(key="public_results_area").select(B).run()
    council = next(d.value for d in at.dataframe if "Measure" in d.value.columns)  # B's, before all areas
    assert set(council["Value"]) == set(council["Base (usable answers)"]) == {suppressed()}
