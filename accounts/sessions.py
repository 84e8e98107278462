"""Signed-in sessions kept on the server, so that signing in survives a reload of the page.

Streamlit forgets a browser's session when the page is reloaded, and cannot set an HttpOnly cookie from
its script. So signing in (dashboards/ui/session.py) records a session here with a one-time ticket and
hands the browser to `/session/start?ticket=...` (web/sessions.py), which swaps the ticket for a random
cookie value once, sets it as a Secure (over HTTPS), HttpOnly, SameSite=Lax cookie and sends the browser
back. A fresh Streamlit session finds its session here by that cookie; whether it still holds (idle,
absolute limit, the account's session_version) is decided by the same rules as every step's.

Only sha256 hashes of the ticket and the cookie value are stored: a copy of the database lets nobody in.
The cookie holds nothing but its random value, never the user name or the password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

COOKIE = "carers_monitor_session"
TICKET_SECONDS = 60  # from signing in to the browser reaching /session/start: a redirect, so seconds at most


@dataclass(frozen=True)
class Stored:
    session_id: int
    username: str
    session_version: int
    by_password: bool
    started_at: datetime
    seen_at: datetime


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start(
    con: duckdb.DuckDBPyConnection, username: str, session_version: int, by_password: bool, now: datetime
) -> tuple[int, str]:
    """Record a new signed-in session; returns its id and the one-time ticket for /session/start."""
    ticket = secrets.token_urlsafe(32)
    session_id = con.execute(
        "insert into app_sessions (username, session_version, by_password, started_at, seen_at, ticket_hash, "
        "ticket_expires_at) values (?, ?, ?, ?, ?, ?, ?) returning session_id",
        [username, session_version, by_password, now, now, _hash(ticket), now + timedelta(seconds=TICKET_SECONDS)],
    ).fetchall()[0][0]
    return session_id, ticket


def redeem(con: duckdb.DuckDBPyConnection, ticket: str, now: datetime) -> str | None:
    """The cookie value for a ticket that is genuine, unused, unexpired and whose session is open; the
    ticket cannot be used again. None for any other ticket."""
    if not ticket:
        return None
    value = secrets.token_urlsafe(32)
    found = con.execute(
        "update app_sessions set ticket_hash = null, ticket_expires_at = null, cookie_hash = ? "
        "where ticket_hash = ? and ticket_expires_at >= ? and ended_at is null returning session_id",
        [_hash(value), _hash(ticket), now],
    ).fetchall()
    return value if found else None


def find(con: duckdb.DuckDBPyConnection, cookie: str | None) -> Stored | None:
    """The open session this cookie value belongs to, if any (ended ones are never found again)."""
    if not cookie:
        return None
    return _open_session(con, "cookie_hash", _hash(cookie))


def still_open(con: duckdb.DuckDBPyConnection, session_id: int) -> Stored | None:
    """The session as the server has it, if it has not ended (another tab may have signed out, or used it)."""
    return _open_session(con, "session_id", session_id)


def _open_session(con: duckdb.DuckDBPyConnection, column: str, value: object) -> Stored | None:
    found = con.execute(
        "select session_id, username, session_version, by_password, started_at, seen_at from app_sessions "
        f"where {column} = ? and ended_at is null",  # column: one of this module's two, never a caller's text
        [value],
    ).fetchall()
    return Stored(*found[0]) if found else None


def seen(con: duckdb.DuckDBPyConnection, session_id: int, now: datetime) -> None:
    """Mark the session used now: its idle limit counts from here, after a reload too."""
    con.execute("update app_sessions set seen_at = ? where session_id = ? and ended_at is null", [now, session_id])


def renew(con: duckdb.DuckDBPyConnection, session_id: int, session_version: int) -> None:
    """After this session changed its own password: it carries on under the account's new session version."""
    con.execute("update app_sessions set session_version = ? where session_id = ?", [session_version, session_id])


def end(con: duckdb.DuckDBPyConnection, session_id: int, why: str) -> None:
    """End the session for good: its cookie is never taken again, whatever the browser still holds."""
    con.execute(
        "update app_sessions set ended_at = current_timestamp, ended_why = ?, ticket_hash = null "
        "where session_id = ? and ended_at is null",
        [why, session_id],
    )


def end_by_cookie(con: duckdb.DuckDBPyConnection, cookie: str | None, why: str) -> str | None:
    """End the session of this cookie value, if it is open; returns its user name for the audit log."""
    stored = find(con, cookie)
    if stored is None:
        return None
    end(con, stored.session_id, why)
    return stored.username
