"""The app's one read-write DuckDB connection (per process) and a cursor per session."""

from __future__ import annotations

import duckdb
import streamlit as st

import settings
from pipelines.reference import load_reference
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


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared connection for this script run; reads never see a half-landed batch."""
    return connection().cursor()
