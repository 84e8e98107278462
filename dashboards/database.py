"""The app's one read-write DuckDB connection (per process), a cursor per session, and the scheduler
that sends due reminders by themselves while the app serves (when mail is set up)."""

from __future__ import annotations

import duckdb
import streamlit as st
from apscheduler.schedulers.background import BackgroundScheduler

import settings
from pipelines.outreach import schedule
from pipelines.reference import load_reference
from pipelines.sources import retention
from warehouse.connection import connect
from warehouse.prepare import prepare


@st.cache_resource
def connection() -> duckdb.DuckDBPyConnection:
    """Open the database once per process; migrate it and load reference data the first time."""
    config = settings.current()
    con = connect(config.db_path)
    prepare(con, config.suppression_threshold)
    if con.execute("select count(*) from organisations").fetchall()[0][0] == 0:
        load_reference(con, config.reference_dir)
    return con


def _stop(scheduler: BackgroundScheduler | None) -> None:
    if scheduler is not None:
        scheduler.shutdown(wait=False)


@st.cache_resource(on_release=_stop, show_spinner=False)
def reminder_schedule(_con: duckdb.DuckDBPyConnection) -> BackgroundScheduler | None:
    """Start the reminder scheduler once per process, on this connection; none if mail is not set up."""
    if not schedule.mail_configured():
        return None
    return schedule.start(_con.cursor)


@st.cache_resource(on_release=_stop, show_spinner=False)
def retention_schedule(_con: duckdb.DuckDBPyConnection) -> BackgroundScheduler:
    """Start the daily retention purge and backup once per process, on this connection."""
    return retention.start_daily(_con.cursor)


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared connection for this script run; reads never see a half-landed batch."""
    con = connection()
    reminder_schedule(con)
    retention_schedule(con)
    return con.cursor()
