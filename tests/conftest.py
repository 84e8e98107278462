"""Shared fixtures: real DuckDB files in temporary folders, never mocks of the database."""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import hypothesis
import pytest
from markdown_it import MarkdownIt

import settings
from pipelines.reference import load_reference
from warehouse.connection import connect
from warehouse.prepare import prepare

ROOT = Path(__file__).resolve().parents[1]
# the product's own code, the top-level modules and packages every code check reads
PRODUCT = (
    "app.py",
    "streamlit_app.py",
    "settings.py",
    "accounts",
    "board",
    "dashboards",
    "pipelines",
    "presentation",
    "surveys",
    "warehouse",
    "web",
)
DATA = Path(__file__).parent / "data"

# Property tests: `make test` runs a bounded, reproducible set of examples (the same every run, nothing saved
# between runs); `HYPOTHESIS_PROFILE=bench` (in `make bench`) runs 100 new random ones per property (500 took
# 15 minutes, past the 30 the whole bench may take).
hypothesis.settings.register_profile("quick", max_examples=25, deadline=None, derandomize=True, database=None)
hypothesis.settings.register_profile("bench", max_examples=100, deadline=None, database=None, print_blob=True)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory) -> Path:
    """A migrated database with the reference data loaded, made once and copied for each test."""
    path = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    con = connect(path)
    prepare(con)
    load_reference(con, settings.read().reference_dir)
    con.close()
    return path


@pytest.fixture
def db_path(reference_db, tmp_path) -> Path:
    """A fresh database file of this test's own: migrated, reference data loaded, nothing else."""
    path = tmp_path / "carers.duckdb"
    shutil.copy(reference_db, path)
    return path


@pytest.fixture
def con(db_path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(db_path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_db(reference_db, tmp_path_factory) -> Path:
    """A session-wide database with a small seeded demo set (600 carers); copy it before writing."""
    from pipelines.demo.dataset import generate

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    shutil.copy(reference_db, path)
    con = connect(path)
    generate(con, carers=600, seed=7)
    con.close()
    return path


@pytest.fixture
def app_env(monkeypatch):
    """Point the app at a given database file and forget cached connections and settings."""
    import streamlit as st

    def use(path: Path) -> None:
        monkeypatch.setenv("CARERS_MONITOR_DB", str(path))
        settings.current.cache_clear()
        st.cache_resource.clear()
        st.cache_data.clear()

    yield use
    settings.current.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()


def run_cli(db_path: Path, *args: str, merge_output: bool = False) -> subprocess.CompletedProcess:
    """`python -m pipelines --db DB ARGS...` as a person runs it; `merge_output` puts stderr into stdout."""
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "--db", str(db_path), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_output else subprocess.PIPE,
        text=True,
        timeout=300,
    )


# CommonMark, which Streamlit's renderer follows, with GFM's strikethrough and tables as Streamlit has them
MARKDOWN = MarkdownIt("commonmark").enable(["strikethrough", "table"])
# what escape_markdown adds that a reader never sees: word joiners, and the isolate around a text
INVISIBLE = dict.fromkeys(map(ord, "\u2060\u2068\u2069"))


def as_read(rendered_or_markdown: str, *, render: bool = True) -> str:
    """What a person reads of the Markdown a page hands Streamlit (or of HTML already `render`ed): tags
    dropped, entities decoded, escape_markdown's invisible word joiners and isolates left out."""
    rendered = MARKDOWN.render(rendered_or_markdown) if render else rendered_or_markdown
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip().translate(INVISIBLE)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    return con.execute(sql, params or []).fetchall()[0][0]


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free local port (aiosmtpd); yields (host, port, received messages)."""
    import socket
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    received = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            received.append(message_from_bytes(envelope.original_content, policy=policy.default))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield "127.0.0.1", port, received
    controller.stop()


@pytest.fixture
def fake_limesurvey():
    """A loopback LimeSurvey server answering from the recorded fixtures (issue 8); stopped after the test."""
    from tests.fake_limesurvey import FakeLimeSurvey

    server = FakeLimeSurvey().start()
    yield server
    server.stop()


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """The files pages run by AppTest offer to download, by file name, as Streamlit stores them.

    AppTest makes a fresh in-memory file store for each run and drops it after; this keeps the bytes
    each download button hands that (real) store, so a test can open the very file a person would get.
    """
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    offered: dict[str, bytes] = {}

    class Kept(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            if filename is not None and isinstance(path_or_data, bytes):
                offered[filename] = path_or_data
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Kept)
    return offered


APP_PASSWORD = "a long test password"  # the password of every account `signed_in_app` makes


def signed_in_app(db_path: Path, username: str, role: str, org_code: str | None = None, *, timeout: int = 60):
    """The whole app (streamlit_app.py, which checks the session before any page) signed in through its Sign
    in page as a person does, as an account made for the test (set the app's database with app_env first)."""
    from streamlit.testing.v1 import AppTest

    from accounts import users

    con = connect(db_path)
    if not con.execute("select count(*) from users where username = ?", [username]).fetchall()[0][0]:
        users.add_user(con, username, role, org_code=org_code, password=APP_PASSWORD)
        con.execute("update users set must_change_password = false where username = ?", [username])
    con.close()
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout).run()
    at.switch_page(str(ROOT / "dashboards/pages/sign_in.py")).run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(APP_PASSWORD)
    at.button[0].click().run()
    assert at.session_state["user"].username == username, [e.value for e in at.error]
    return at


@contextlib.contextmanager
def another_process_holds(db_path: Path) -> Iterator[subprocess.Popen]:
    """A second process with the database open, as the running app holds it (DuckDB's lock is per process);
    yields once it has the file, and always stops it."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db_path)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
