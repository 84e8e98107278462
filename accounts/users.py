"""Accounts: argon2id password hashes, sign-in with slow-down and lockout, password change and reset.

Passwords are hashed with argon2-cffi's `PasswordHasher` (argon2id, a memory-hard KDF) and never
stored, logged or audited in any other form. Repeated failures first slow the answer down, then
lock the account for `LOCK_MINUTES`; an administrator's reset unlocks it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from accounts import audit
from accounts.errors import AccountError, SignInRefused
from accounts.roles import ORG_TYPES, ROLES

LOCK_AFTER = 5  # failed sign-ins in a row before the account locks
LOCK_MINUTES = 15
PAUSE_PER_FAILURE = 0.5  # seconds added to each refusal per earlier failure (capped at LOCK_AFTER)
MIN_LENGTH = 10
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("no such user; verify anyway so timing says nothing")


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    org_code: str | None
    display_name: str | None
    must_change_password: bool = False


def new_password() -> str:
    """A random password to hand over once: 4 groups of 4 easy-to-read characters."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def add_user(
    con: duckdb.DuckDBPyConnection,
    username: str,
    role: str,
    *,
    org_code: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
    password: str | None = None,
    demo: bool = False,
    added_by: str | None = None,
) -> str:
    """Create an account and return its password (generated if none given), to be shown once."""
    username = username.strip().lower()
    _check_role_and_org(con, role, org_code)
    if con.execute("select count(*) from users where username = ?", [username]).fetchall()[0][0]:
        raise AccountError(f"There is already an account called {username!r}; choose another username.")
    password = password or new_password()
    _check_strength(password)
    con.execute(
        "insert into users (username, display_name, email, role, org_code, password_hash, is_demo, "
        "must_change_password) values (?, ?, ?, ?, ?, ?, ?, ?)",
        [username, display_name, email, role, org_code, _hasher.hash(password), demo, not demo],
    )
    audit.record(con, added_by, "user_added", user=username, role=role, org_code=org_code)
    return password


def add_demo_accounts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None, str]]:
    """One demo account per role (marked is_demo); returns (username, role, org, password) to print once."""
    commissioner = con.execute(  # a real PCT in the area of the demo carers' organisation DEMO01
        "select min(code) from organisations where type = 'PCT' and parent_code = "
        "(select parent_code from organisations where code = 'DEMO01')"
    ).fetchall()[0][0]
    made = []
    for username, role, org_code, name in (
        ("demo-admin", "administrator", None, "Demo administrator"),
        ("demo-board", "board", None, "Demo Board member"),
        ("demo-carers-org", "carers_org", "DEMO01", "Demo carers' organisation"),
        ("demo-commissioner", "commissioner", commissioner, "Demo commissioner"),
    ):
        if not con.execute("select count(*) from users where username = ?", [username]).fetchall()[0][0]:
            password = add_user(con, username, role, org_code=org_code, display_name=name, demo=True)
            made.append((username, role, org_code, password))
    return made


def authenticate(
    con: duckdb.DuckDBPyConnection, username: str, password: str, *, pause: Callable[[float], None] = time.sleep
) -> Account:
    """The account if the password matches; otherwise raise SignInRefused (after a growing pause)."""
    username = username.strip().lower()
    found = con.execute(
        "select password_hash, failed_attempts, locked_until, disabled from users where username = ?", [username]
    ).fetchall()
    if not found:
        _verify(_DUMMY_HASH, password)
        audit.record(con, username, "sign_in_failed", reason="unknown username")
        raise SignInRefused("The username or password is not right. Check them and try again.")
    stored, failures, locked_until, disabled = found[0]
    if disabled:
        audit.record(con, username, "sign_in_failed", reason="account disabled")
        raise SignInRefused("This account is switched off. Ask an administrator.")
    if locked_until and locked_until > datetime.now():
        audit.record(con, username, "sign_in_failed", reason="account locked")
        raise SignInRefused(_locked_message(locked_until))
    if stored is None or not _verify(stored, password):
        _fail(con, username, failures + 1, pause)
    con.execute("update users set failed_attempts = 0, locked_until = null where username = ?", [username])
    if _hasher.check_needs_rehash(stored):
        con.execute("update users set password_hash = ? where username = ?", [_hasher.hash(password), username])
    audit.record(con, username, "sign_in")
    return account(con, username)


def account(con: duckdb.DuckDBPyConnection, username: str) -> Account:
    row = con.execute(
        "select username, role, org_code, display_name, coalesce(must_change_password, false) "
        "from users where username = ?",
        [username],
    ).fetchall()
    if not row:
        raise AccountError(f"There is no account called {username!r}.")
    return Account(*row[0])


def change_password(con: duckdb.DuckDBPyConnection, username: str, old: str, new: str) -> None:
    """Change one's own password; the old one must match and the new one must be long enough."""
    authenticate(con, username, old, pause=lambda seconds: None)
    _check_strength(new)
    if new == old:
        raise AccountError("Choose a new password that is different from the old one.")
    con.execute(
        "update users set password_hash = ?, must_change_password = false where username = ?",
        [_hasher.hash(new), username.strip().lower()],
    )
    audit.record(con, username, "password_changed")


def reset_password(con: duckdb.DuckDBPyConnection, username: str, *, reset_by: str | None = None) -> str:
    """An administrator's reset: a new random password (returned once), the account unlocked."""
    username = username.strip().lower()
    account(con, username)
    password = new_password()
    con.execute(
        "update users set password_hash = ?, failed_attempts = 0, locked_until = null, "
        "must_change_password = true where username = ?",
        [_hasher.hash(password), username],
    )
    audit.record(con, reset_by, "password_reset", user=username)
    return password


def _fail(con, username: str, failures: int, pause: Callable[[float], None]) -> None:
    locked_until = datetime.now() + timedelta(minutes=LOCK_MINUTES) if failures >= LOCK_AFTER else None
    con.execute(
        "update users set failed_attempts = ?, locked_until = ? where username = ?", [failures, locked_until, username]
    )
    audit.record(
        con, username, "sign_in_failed", reason="wrong password", failures=failures, locked=locked_until is not None
    )
    pause(PAUSE_PER_FAILURE * min(failures, LOCK_AFTER))
    if locked_until:
        raise SignInRefused(_locked_message(locked_until))
    raise SignInRefused("The username or password is not right. Check them and try again.")


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked_message(until: datetime) -> str:
    return (
        f"This account is locked after {LOCK_AFTER} failed sign-ins. Try again after "
        f"{until:%H:%M}, or ask an administrator to reset the password."
    )


def _check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise AccountError(f"A password needs at least {MIN_LENGTH} characters.")


def _check_role_and_org(con, role: str, org_code: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role; the roles are: {', '.join(ROLES)}.")
    if role not in ORG_TYPES:
        if org_code:
            raise AccountError(f"A {role} account is not bound to an organisation; leave out --org.")
        return
    if not org_code:
        raise AccountError(f"A {role} account must be bound to one organisation: give --org CODE.")
    types = ORG_TYPES[role]
    found = con.execute(
        f"select count(*) from organisations where code = ? and type in ({', '.join('?' * len(types))})",
        [org_code, *types],
    ).fetchall()[0][0]
    if not found:
        raise AccountError(f"{org_code!r} is not a known {' or '.join(types)} organisation code.")
