"""Failed sign-ins: counted per name typed, one attempt at a time per name, and a lock nobody can renew.

- **One at a time.** Checking a password and recording the outcome happen under a lock for the name (one
  of a fixed set of locks, so a flood of made-up names cannot grow memory) and in one transaction, so N
  guesses sent together count N failures and the lock falls at exactly `LOCK_AFTER`.
- **Known and unknown names alike.** A name with no account is counted, slowed down and locked the same
  way, and answered with the same sentences, so nothing tells an outsider which usernames exist. Names
  are kept only as a keyed hash (HMAC-SHA256 with the app's secret key).
- **A lock that cannot be renewed.** `LOCK_AFTER` wrong passwords lock the name for `LOCK_MINUTES`;
  attempts during the lock are refused without counting towards another, and the count starts again
  when the lock is set, so after it ends it takes another `LOCK_AFTER` failures to lock it again: one
  wrong attempt a quarter of an hour cannot keep a real user out.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

import settings

LOCK_AFTER = 5  # wrong passwords in a row before the name locks
LOCK_MINUTES = 15
PAUSE_PER_FAILURE = 0.5  # seconds added to each refusal per failure so far (capped at LOCK_AFTER of them)
_LOCKS = [threading.Lock() for _ in range(64)]


@dataclass(frozen=True)
class Attempt:
    """Where a name stands before this attempt: its failures so far and the lock, if one is running."""

    key: str
    failures: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def name_key(name: str) -> str:
    """The name as stored: a keyed hash, so the table says nothing of what was typed."""
    secret = settings.current().secret_key.encode()
    return hmac.new(secret, name.encode("utf-8"), hashlib.sha256).hexdigest()


@contextmanager
def one_at_a_time(name: str) -> Iterator[None]:
    """Hold the name's lock: attempts on the same name run one after another, other names in parallel."""
    with _LOCKS[hash(name) % len(_LOCKS)]:
        yield


def attempt(con: duckdb.DuckDBPyConnection, name: str) -> Attempt:
    key = name_key(name)
    found = con.execute("select failures, locked_until from sign_in_throttle where name_key = ?", [key]).fetchall()
    return Attempt(key, *found[0]) if found else Attempt(key, 0, None)


def failed(con: duckdb.DuckDBPyConnection, at: Attempt, now: datetime) -> Attempt:
    """Record a refusal; returns where the name stands now (locked at the limit, not again while locked)."""
    if at.locked(now):
        after = at
    elif at.failures + 1 >= LOCK_AFTER:
        after = Attempt(at.key, 0, now + timedelta(minutes=LOCK_MINUTES))
    else:
        after = Attempt(at.key, at.failures + 1, None)
    con.execute(
        "insert or replace into sign_in_throttle (name_key, failures, locked_until, last_failure) values (?, ?, ?, ?)",
        [at.key, after.failures, after.locked_until, now],
    )
    # names not tried for a day, and not locked, are forgotten: made-up names do not pile up
    con.execute(
        "delete from sign_in_throttle where last_failure < ? and coalesce(locked_until, last_failure) < ?",
        [now - timedelta(days=1), now],
    )
    return after


def clear(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Forget a name's failures and lock: it signed in, or an administrator reset its password."""
    con.execute("delete from sign_in_throttle where name_key = ?", [name_key(name)])


def pause_for(at: Attempt, now: datetime) -> float:
    """Seconds to wait before answering a refusal: growing with each failure, the most while locked."""
    return PAUSE_PER_FAILURE * (LOCK_AFTER if at.locked(now) else min(at.failures, LOCK_AFTER))


def locked_message(at: Attempt) -> str:
    assert at.locked_until is not None
    return (
        f"Sign-in with this username is stopped for {LOCK_MINUTES} minutes after {LOCK_AFTER} failed attempts. "
        f"Try again after {at.locked_until:%H:%M}, or ask an administrator to reset the password."
    )
