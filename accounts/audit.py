"""The audit log: who did what and when (sign-ins, failures, submissions, revisions, exports), never a secret."""

from __future__ import annotations

import json

import duckdb

# keys that must never reach the log, whatever a caller passes
_SECRET_KEYS = {"password", "new_password", "old_password", "token", "return_code", "password_hash"}


def record(con: duckdb.DuckDBPyConnection, username: str | None, action: str, **detail) -> None:
    """Append one line to `audit_log`; secret-looking keys are dropped before anything is written."""
    safe = {key: value for key, value in detail.items() if key not in _SECRET_KEYS}
    con.execute(
        "insert into audit_log (username, action, detail) values (?, ?, ?)",
        [username, action, json.dumps(safe, default=str)],
    )


def recent(con: duckdb.DuckDBPyConnection, limit: int = 200) -> list[tuple]:
    return con.execute(
        "select logged_at, username, action, detail from audit_log order by audit_id desc limit ?", [limit]
    ).fetchall()
