from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_home_page_shows_what_the_database_holds(app_env, demo_db, tmp_path):
    import shutil

    path = tmp_path / "app.duckdb"
    shutil.copy(demo_db, path)
    app_env(path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/home.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Carers Monitor"
    assert [m.value for m in at.metric] == ["600", f"{at.metric[1].value}", f"{at.metric[2].value}"]
    assert "Last import: carer_experience" in at.caption[0].value


def test_only_an_administrator_sees_the_size_of_every_table(app_env, tmp_path):
    from dashboards.ui.access import User

    app_env(tmp_path / "sizes.duckdb")
    public = AppTest.from_file(str(ROOT / "dashboards/pages/home.py"), default_timeout=30).run()
    assert not public.expander
    admin = AppTest.from_file(str(ROOT / "dashboards/pages/home.py"), default_timeout=30)
    admin.session_state["user"] = User("admin", "administrator")
    assert admin.run().expander[0].label == "Rows in each table"


def test_home_page_on_an_empty_database_says_how_to_get_data(app_env, tmp_path):
    app_env(tmp_path / "empty.duckdb")
    at = AppTest.from_file(str(ROOT / "dashboards/pages/home.py"), default_timeout=30).run()
    assert not at.exception
    assert "Nothing has been imported yet" in at.info[0].value


def test_app_entry_point_runs_with_navigation(app_env, tmp_path):
    app_env(tmp_path / "nav.duckdb")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()
    assert not at.exception


def test_navigation_registers_only_the_pages_of_the_role():
    from dashboards.ui.registry import PAGES, specs_for

    for spec in PAGES:
        assert (ROOT / spec.path).exists(), spec.path
    assert all("public" in s.roles for s in specs_for("public"))


def test_the_home_page_says_how_many_answers_belong_to_no_wave(app_env, db_path):
    # issue 13: rows that landed without a wave showed on no page, and nothing said so
    from pipelines.landing.land import land
    from warehouse.connection import connect

    con = connect(db_path)
    land(con, "carer_experience", [{"AREA": "E06000001", "QOLTIME": "1"}] * 2, source="paper")
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/home.py"), default_timeout=30).run()
    assert at.warning[0].value.startswith("2 current answers belong to no wave, so no page shows them")
