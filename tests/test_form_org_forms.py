"""The organisations' forms (rating, commissioner return): land, revise as versions, refuse others' data."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboards.ui.access import User
from pipelines.demo.dataset import add_carers_orgs
from pipelines.sources import web_forms
from tests.conftest import ROOT
from tests.form_filling import fill_all, open_current_waves
from warehouse.connection import connect

RATING = {
    "ENGAGEMENT": "2",
    "INPLAN": "Y",
    "INBUDGET": "N",
    "FUNDED": "Y",
    "FUNDAMOUNT": "£12,500",
    "EVIDENCE": "Minutes of the March meeting.",
}
RETURN = {
    "PLANSTATUS": "PUB",
    "PUBURL": "https://www.example.nhs.uk/breaks",
    "JOINTPLAN": "Y",
    "BUDGETEXIST": "£1,250,000",
    "BUDGETADD": "250000",
    "SPENDPLAN": "1,400,000",
    "SPENDACTUAL": "",
    "WORKSWITH": "Y",
    "WORKSWITHORGS": ["DEMO01", "DEMO02"],
}


@pytest.fixture
def org_db(app_env, db_path):
    con = connect(db_path)
    shas = con.execute("select code, name from organisations where type = 'SHA' order by code").fetchall()
    add_carers_orgs(con, shas)
    waves = open_current_waves(con)
    area = web_forms.commissioners_in_area(con, "DEMO01")
    con.close()
    app_env(db_path)
    return db_path, waves, sorted(area)


def rows(path, sql, params=None):
    con = connect(path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def as_user(page: str, user: User) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboards" / "pages" / page), default_timeout=60)
    at.session_state["user"] = user
    return at.run()


CARERS_ORG = User("demo-carers-org", "carers_org", "DEMO01")
COMMISSIONER = User("demo-commissioner", "commissioner", "5J9")


def test_a_carers_organisation_rates_a_commissioner_and_a_revision_keeps_both_versions(org_db):
    path, _waves, area = org_db
    at = as_user("form_org_rating.py", CARERS_ORG)
    at.selectbox(key="org_rating_commissioner").set_value(area[0]).run()
    key = f"org_rating_{area[0]}"
    fill_all(at, "org_rating", key, RATING).button(key=f"{key}_submit").click().run()
    assert "Your rating is saved" in at.success[0].value
    at.button(key="org_rating_revise").click().run()
    assert at.radio(key=f"{key}_ENGAGEMENT").value == "2"  # the current answers come back to revise
    fill_all(at, "org_rating", key, {**RATING, "ENGAGEMENT": "3"}).button(key=f"{key}_submit").click().run()
    assert "earlier version is kept" in at.success[0].value
    assert rows(
        path,
        "select RATER, COMMISSIONER, ENGAGEMENT, FUNDAMOUNT, version, is_current from response_org_rating "
        "order by version",
    ) == [("DEMO01", area[0], "2", 12500, 1, False), ("DEMO01", area[0], "3", 12500, 2, True)]


def test_a_rating_form_never_shows_another_organisations_rating(org_db):
    path, waves, area = org_db
    con = connect(path)
    web_forms.submit(
        con,
        "org_rating",
        {**RATING, "RATER": "DEMO02", "COMMISSIONER": area[0]},
        source_id=f"{waves['org_rating']}:DEMO02:{area[0]}",
        wave_id=waves["org_rating"],
    )
    con.close()
    at = as_user("form_org_rating.py", CARERS_ORG)
    at.selectbox(key="org_rating_commissioner").set_value(area[0]).run()
    assert at.radio(key=f"org_rating_{area[0]}_ENGAGEMENT").value is None
    assert "rated" not in at.selectbox(key="org_rating_commissioner").format_func(area[0])
    assert len(at.selectbox(key="org_rating_commissioner").options) == len(area)  # only its own area


def test_a_commissioner_return_accepts_pounds_with_commas_and_lands_with_its_org(org_db):
    path, _waves, _ = org_db
    at = fill_all(
        as_user("form_commissioner_return.py", COMMISSIONER),
        "commissioner_return",
        "commissioner_return",
        {**RETURN, "PUBDATE": date(2011, 9, 30)},
    )
    at.button(key="commissioner_return_submit").click().run()
    assert not at.exception
    assert "Your return is saved" in at.success[0].value
    assert rows(
        path,
        "select COMMISSIONER, PLANSTATUS, BUDGETEXIST, SPENDPLAN, SPENDACTUAL, WORKSWITHORGS, source "
        "from response_commissioner_return",
    ) == [("5J9", "PUB", 1250000, 1400000, None, ["DEMO01", "DEMO02"], "web")]


def test_a_web_address_that_is_not_one_shows_a_message_beside_it_and_lands_nothing(org_db):
    path, _, _ = org_db
    at = fill_all(
        as_user("form_commissioner_return.py", COMMISSIONER),
        "commissioner_return",
        "commissioner_return",
        {**RETURN, "PUBURL": "our website", "PUBDATE": date(2011, 9, 30)},
    )
    assert "There is a problem" in at.error[0].value
    assert any("Enter the full web address" in m.value for m in at.markdown)
    assert rows(path, "select count(*) from response_commissioner_return") == [(0,)]


def test_a_closed_wave_takes_no_rating(org_db):
    path, _waves, _area = org_db
    con = connect(path)
    con.execute("update waves set closed_at = current_timestamp")
    con.close()
    at = as_user("form_org_rating.py", CARERS_ORG)
    assert "No rating round is open now" in at.info[0].value
    assert not at.radio


def test_a_problem_only_land_finds_is_shown_beside_its_question_and_lands_nothing(org_db, monkeypatch):
    import dashboards.ui.form_flow

    path, _, _ = org_db
    monkeypatch.setattr(dashboards.ui.form_flow, "check_section", lambda survey, section, answers: {})
    at = fill_all(
        as_user("form_commissioner_return.py", COMMISSIONER),
        "commissioner_return",
        "commissioner_return",
        {**RETURN, "PUBURL": "our website", "PUBDATE": date(2011, 9, 30)},
    )
    at.button(key="commissioner_return_submit").click().run()
    assert "There is a problem" in at.error[0].value
    assert any("<strong>Error:</strong> This is not a web address" in m.value for m in at.markdown)
    assert at.subheader[0].value == "Your plan for carers' breaks"
    assert rows(path, "select count(*) from response_commissioner_return") == [(0,)]
    assert rows(path, "select count(*) from rejections where field = 'PUBURL'") == [(1,)]
