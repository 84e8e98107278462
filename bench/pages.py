"""Each Board page through Streamlit's AppTest (cold: caches cleared; warm: run again), the board pack, and the
app's start-up (opening and preparing the database, as the app does before its first page)."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

import settings
from board.export import make_pack
from dashboards.ui.access import User
from dashboards.ui.registry import PAGES
from warehouse.connection import connect

ROOT = Path(__file__).resolve().parents[1]
BOARD = User("bench", "board")
BOARD_PAGES = [p.path for p in PAGES if p.section in ("Dashboards", "Carers Board")]


def page_times(path: Path, runs: int) -> dict[str, tuple[float, list[float]]]:
    """{page file: (cold seconds, warm seconds of `runs` repeats)}."""
    os.environ["CARERS_MONITOR_DB"] = str(path)
    settings.current.cache_clear()
    st.cache_resource.clear()
    found = {}
    for page in BOARD_PAGES:
        st.cache_data.clear()
        seconds = []
        for _ in range(runs + 1):
            at = AppTest.from_file(str(ROOT / page), default_timeout=600)
            at.session_state["user"] = BOARD
            started = time.perf_counter()
            at.run()
            seconds.append(time.perf_counter() - started)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].message}")
        found[page.split("/")[-1].removesuffix(".py")] = (seconds[0], seconds[1:])
    st.cache_resource.clear()
    return found


def pack_seconds(path: Path, quarter: str, runs: int) -> list[float]:
    con = connect(path)
    seconds = [make_pack(con, quarter, username="bench", threshold=5).seconds for _ in range(runs)]
    con.close()
    return seconds


START_UP = "from warehouse.connection import connect; from warehouse.prepare import prepare; prepare(connect({path!r}))"


def start_up_command(path: Path) -> list[str]:
    """The app's start-up as a process of its own: open the database and prepare it (migrations, marts)."""
    return [sys.executable, "-c", START_UP.format(path=str(path))]


CHARTS_DRAWN = (
    "n => window.__runs > n && !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
    'document.querySelectorAll(\'[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas\')'
    ".length >= window.__charts"
)


def browser_seconds(path: Path, runs: int) -> list[float]:
    """The quarterly review in Chromium, as a Board member opens it from the navigation: seconds from the click
    to its last chart drawn (as many charts as a first, settled visit drew), `runs` times after a first visit."""
    from playwright.sync_api import sync_playwright

    from accounts.users import add_user
    from bench.forms import served
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, new_page
    from tests.browser.journeys import go_to, sign_in

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "browser.duckdb"
        shutil.copy(path, copy)
        con = connect(copy)
        add_user(con, "bench.board", "board", password=PASSWORD)
        con.execute("update users set must_change_password = false where username = 'bench.board'")
        con.close()
        port = free_port()
        process = served(copy, port)
        seconds = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = new_page(browser, {"width": 1280, "height": 900})
                page.set_default_timeout(120_000)
                sign_in(page, f"http://127.0.0.1:{port}", "bench.board", PASSWORD)
                go_to(page, "Quarterly review")  # the first visit: how many charts the page has
                page.evaluate("window.__charts = document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]').length")
                for _ in range(runs):
                    go_to(page, "Plan status")
                    before = page.evaluate("window.__runs")
                    started = time.perf_counter()
                    page.get_by_role("link", name="Quarterly review", exact=True).click()
                    page.wait_for_function(CHARTS_DRAWN, arg=before, polling=50)
                    seconds.append(time.perf_counter() - started)
                browser.close()
        finally:
            process.terminate()
            process.wait(30)
    return seconds


PASSWORD = "a long bench password 2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
