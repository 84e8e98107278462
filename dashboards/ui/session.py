"""Signing in and out in the app: the password form, optional single sign-on, sessions that end, the sidebar.

A session ends at its next interaction after `session_idle_minutes` without one, `session_hours` after
signing in, or when its account changed under it: a password change or reset, a role change or being
switched off raise the account's `session_version` (accounts/users.py), and a session holds the one it
signed in under. The app's frame (streamlit_app.py) calls `keep` before any page runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import streamlit as st

import settings
from accounts import audit, single_sign_on, users
from accounts.errors import AccountError
from accounts.roles import ROLE_NAMES
from dashboards.ui.access import User, current_user
from dashboards.ui.components import escape_markdown


@dataclass
class SignedIn:
    """When this session signed in, when it was last used, under which session version, and how."""

    started: datetime
    seen: datetime
    version: int
    by_password: bool = True  # single sign-on never uses the account's password, so never has to change it


def as_user(account: users.Account) -> User:
    return User(account.username, account.role, account.org_code, account.display_name)


def begin(account: users.Account, *, by_password: bool = True) -> None:
    """Make this browser session the account's: by password or by single sign-on."""
    now = datetime.now()
    st.session_state["user"] = as_user(account)
    st.session_state["signed_in"] = SignedIn(now, now, account.session_version, by_password)
    st.session_state["must_change_password"] = by_password and account.must_change_password


def sign_in(con, username: str, password: str) -> str | None:
    """Sign in with a password; None on success, else the message to show."""
    try:
        account = users.authenticate(con, username, password)
    except users.SignInRefused as refusal:
        return str(refusal)
    begin(account)
    return None


def keep(con) -> User | None:
    """The signed-in user if their session still holds, now marked as used; else end it, say why, and
    carry on as the public (None)."""
    user = current_user()
    if user is None:
        return None
    why, account = _ended(con, user, st.session_state.get("signed_in"), datetime.now())
    if why is not None or account is None:
        audit.record(con, user.username, "session_ended", reason=why)
        end_session()
        st.warning(why)
        return None
    signed = st.session_state["signed_in"]
    signed.seen = datetime.now()
    st.session_state["must_change_password"] = signed.by_password and account.must_change_password
    return user


def _ended(con, user: User, signed: SignedIn | None, now: datetime) -> tuple[str | None, users.Account | None]:
    """Why the session has ended (None if it holds), and the account as it is now."""
    config = settings.current()
    if signed is None:
        return "You were signed out. Sign in again to carry on.", None
    if now - signed.seen > timedelta(minutes=config.session_idle_minutes):
        return (
            f"You were signed out after {config.session_idle_minutes} minutes without using Carers Monitor. "
            "Sign in again to carry on."
        ), None
    if now - signed.started > timedelta(hours=config.session_hours):
        return f"You were signed out {config.session_hours} hours after signing in. Sign in again to carry on.", None
    try:
        account = users.account(con, user.username)
    except AccountError:
        account = None
    if account is None or account.disabled:
        return "Your account has been switched off, so you were signed out. Ask an administrator.", None
    if account.session_version != signed.version or (account.role, account.org_code) != (user.role, user.org_code):
        return "Your password or your role was changed, so you were signed out. Sign in again to carry on.", None
    return None, account


def renewed(con) -> None:
    """After this session changed its own password: it carries on under the account's new session version,
    while the account's other sessions end."""
    user = current_user()
    if user is not None:
        st.session_state["signed_in"].version = users.account(con, user.username).session_version


def end_session() -> None:
    """Forget who is signed in here, and the identity provider's sign-in too."""
    for name in list(st.session_state):
        del st.session_state[name]
    if sso_configured() and st.user.get("is_logged_in"):
        st.logout()


def sso_configured() -> bool:
    """Whether `.streamlit/secrets.toml` has an [auth] section for Streamlit's OpenID Connect."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def adopt_sso_user(con) -> None:
    """After `st.login()`, sign in the account whose e-mail the identity provider vouched for and verified.

    A refused identity gets no account, one sentence saying why, and a button that drops it. It is not
    dropped at once: `st.logout()` sends the browser straight on to a new session, which would take the
    sentence away before anyone could read it.
    """
    if "user" in st.session_state or not sso_configured() or not st.user.get("is_logged_in"):
        return
    claims = st.user.to_dict()
    if "sso_refused" not in st.session_state:  # decided (and audited) once a session, not at every rerun
        username = single_sign_on.account_for(con, claims)
        if username is not None:
            begin(users.account(con, username), by_password=False)
            return
        st.session_state["sso_refused"] = True
    st.error(single_sign_on.refusal_message(claims))
    st.button("Sign out of your organisation's account", key="sso_sign_out", on_click=st.logout)


def sidebar(con, user: User | None) -> None:
    """Who is signed in and a sign-out button; nothing for the public (the Sign in page is in the menu)."""
    if user is None:
        return
    with st.sidebar:
        st.caption(
            f"Signed in as **{escape_markdown(user.display_name or user.username)}** ({ROLE_NAMES[user.role]}"
            + (f", {user.org_code})" if user.org_code else ")")
        )
        if st.button("Sign out", key="sign_out", icon=":material/logout:"):
            audit.record(con, user.username, "sign_out")
            end_session()
            st.rerun()
