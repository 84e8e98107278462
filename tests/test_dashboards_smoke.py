"""Every dashboard page renders with the demo data and with an empty database, without an exception."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboards.ui.access import User
from dashboards.ui.registry import PAGES
from tests.conftest import ROOT

BOARD = User("board1", "board")
DASHBOARDS = [
    p.path for p in PAGES if p.section in ("Dashboards", "Carers Board") or p.path.endswith("public_results.py")
]


def _run(app_env, path, page):
    app_env(path)
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.session_state["user"] = BOARD
    return at.run()


@pytest.mark.parametrize("page", DASHBOARDS, ids=[p.split("/")[-1] for p in DASHBOARDS])
def test_page_renders_with_the_demo_data(app_env, demo_db, tmp_path, page):
    shutil.copy(demo_db, tmp_path / "demo.duckdb")
    at = _run(app_env, tmp_path / "demo.duckdb", page)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value


@pytest.mark.parametrize("page", DASHBOARDS, ids=[p.split("/")[-1] for p in DASHBOARDS])
def test_page_on_an_empty_database_shows_an_empty_state(app_env, tmp_path, page):
    at = _run(app_env, tmp_path / "empty.duckdb", page)
    assert not at.exception, at.exception
    assert at.info or at.dataframe, "an empty database should say so, or show an empty table"
