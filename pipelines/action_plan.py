"""The action plan: actions, and quarterly updates that are only ever added, never changed."""

from __future__ import annotations

from datetime import date

import duckdb

RAGS = ("red", "amber", "green")


def add_action(
    con: duckdb.DuckDBPyConnection,
    title: str,
    owner: str,
    target_date: date | None,
    measure: str | None,
    *,
    demo: bool = False,
) -> int:
    return con.execute(
        "insert into action_plan (title, owner, target_date, measure, is_demo) values (?, ?, ?, ?, ?) "
        "returning action_id",
        [title, owner, target_date, measure, demo],
    ).fetchall()[0][0]


def add_update(
    con: duckdb.DuckDBPyConnection,
    action_id: int,
    quarter: str,
    rag: str,
    narrative: str,
    evidence_url: str | None,
    updated_by: str,
    *,
    demo: bool = False,
) -> None:
    """Record a quarterly update; earlier updates, even of the same quarter, are kept as history."""
    if rag not in RAGS:
        raise ValueError(f"RAG status must be one of {', '.join(RAGS)}, not {rag!r}")
    con.execute(
        "insert into action_updates (action_id, quarter, rag, narrative, evidence_url, updated_by, is_demo) "
        "values (?, ?, ?, ?, ?, ?, ?)",
        [action_id, quarter, rag, narrative, evidence_url, updated_by, demo],
    )


def history(con: duckdb.DuckDBPyConnection, action_id: int):
    return con.execute(
        "select quarter, rag, narrative, evidence_url, updated_by, updated_at from action_updates "
        "where action_id = ? order by quarter, updated_at",
        [action_id],
    ).df()
