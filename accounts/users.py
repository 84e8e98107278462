"""Accounts: argon2id password hashes, sign-in, password change and reset, switching off, role changes.

Passwords are hashed with argon2-cffi's `PasswordHasher` (argon2id, a memory-hard KDF) and never
stored, logged or audited in any other form. Repeated failures slow the answer down, then lock the
name for a while (accounts.throttle); an administrator's reset unlocks it. A password change or reset,
a role change and switching the account off raise its `session_version`, which ends its open sessions
(dashboards/ui/session.py).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from accounts import audit, throttle
from accounts.errors import AccountError, SignInRefused
from accounts.roles import ORG_TYPES, ROLES

MIN_LENGTH = 10
WRONG = "The username or password is not right. Check them and try again."
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("no such user; verify anyway so timing says nothing")


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    org_code: str | None
    display_name: str | None
    must_change_password: bool = False
    session_version: int = 0  # sessions signed in under an older one have ended
    disabled: bool = False


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
    """The account if the password matches; otherwise raise SignInRefused, after a pause that grows with
    the name's failures. Known and unknown names take the same path and the same time (accounts.throttle)."""
    name = username.strip().lower()
    with throttle.one_at_a_time(name):
        refusal, wait = _check(con, name, password)
    if refusal is not None:
        pause(wait)  # outside the name's lock: a slowed-down guess does not hold up the others
        raise refusal
    return account(con, name)


def _check(con: duckdb.DuckDBPyConnection, name: str, password: str) -> tuple[SignInRefused | None, float]:
    """Check the password and record the outcome in one transaction: (the refusal or None, seconds to pause)."""
    now = datetime.now()
    con.begin()
    try:
        at = throttle.attempt(con, name)
        found = con.execute("select password_hash, disabled from users where username = ?", [name]).fetchall()
        stored, disabled = found[0] if found else (None, False)
        # always one argon2 verification, against a dummy hash when there is no account or no password
        matches = _verify(stored or _DUMMY_HASH, password) and stored is not None
        reason = _refusal_reason(bool(found), at.locked(now), matches, disabled)
        if reason is None:
            throttle.clear(con, name)
            if _hasher.check_needs_rehash(stored):
                con.execute("update users set password_hash = ? where username = ?", [_hasher.hash(password), name])
            audit.record(con, name, "sign_in")
            con.commit()
            return None, 0.0
        after = throttle.failed(con, at, now)
        # a name without an account is not written down: it may be a password typed in the wrong box
        audit.record(con, name if found else None, "sign_in_failed", reason=reason, locked=after.locked(now))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    if reason == "account switched off":  # said only to whoever knows the password
        return SignInRefused("This account is switched off. Ask an administrator to switch it on."), 0.0
    if after.locked(now):
        return SignInRefused(throttle.locked_message(after)), throttle.pause_for(after, now)
    return SignInRefused(WRONG), throttle.pause_for(after, now)


def _refusal_reason(found: bool, locked: bool, matches: bool, disabled: bool) -> str | None:
    """Why the sign-in is refused, for the audit log; None when it is not."""
    if not found:
        return "unknown username"
    if locked:
        return "account locked"
    if not matches:
        return "wrong password"
    return "account switched off" if disabled else None


def account(con: duckdb.DuckDBPyConnection, username: str) -> Account:
    row = con.execute(
        "select username, role, org_code, display_name, coalesce(must_change_password, false), "
        "coalesce(session_version, 0), disabled from users where username = ?",
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
        "update users set password_hash = ?, must_change_password = false, session_version = session_version + 1 "
        "where username = ?",
        [_hasher.hash(new), username.strip().lower()],
    )
    audit.record(con, username, "password_changed")


def reset_password(con: duckdb.DuckDBPyConnection, username: str, *, reset_by: str | None = None) -> str:
    """An administrator's reset: a new random password (returned once), the account unlocked."""
    username = username.strip().lower()
    account(con, username)
    password = new_password()
    con.execute(
        "update users set password_hash = ?, must_change_password = true, session_version = session_version + 1 "
        "where username = ?",
        [_hasher.hash(password), username],
    )
    throttle.clear(con, username)
    audit.record(con, reset_by, "password_reset", user=username)
    return password


def switch(con: duckdb.DuckDBPyConnection, username: str, *, on: bool, by: str | None = None) -> None:
    """Switch an account off (it cannot sign in, and its open sessions end) or on again."""
    username = username.strip().lower()
    if account(con, username).disabled == (not on):
        raise AccountError(f"The account {username} is already switched {'on' if on else 'off'}.")
    con.execute(
        "update users set disabled = ?, session_version = session_version + 1 where username = ?", [not on, username]
    )
    audit.record(con, by, "account_switched_on" if on else "account_switched_off", user=username)


def change_role(
    con: duckdb.DuckDBPyConnection, username: str, role: str, *, org_code: str | None = None, by: str | None = None
) -> None:
    """Give an account another role (and organisation); its open sessions end, so the new role applies at once."""
    username = username.strip().lower()
    before = account(con, username)
    _check_role_and_org(con, role, org_code)
    con.execute(
        "update users set role = ?, org_code = ?, session_version = session_version + 1 where username = ?",
        [role, org_code, username],
    )
    audit.record(con, by, "role_changed", user=username, role=role, org_code=org_code, was=before.role)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


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
