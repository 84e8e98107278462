"""Each Board page through Streamlit's AppTest (cold: caches cleared; warm: run again), the board pack, and the
app's start-up (opening and preparing the database, as the app does before its first page)."""

from __future__ import annotations

import os
import sys
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
