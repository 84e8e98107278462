"""Signing in and out in the app: the password form, optional single sign-on, sessions that end, the sidebar.

A session ends at its next interaction after `session_idle_minutes` without one, `session_hours` after
signing in, or when its account changed under it: a password change or reset, a role change or being
switched off raise the account's `session_version` (accounts/users.py), and a session holds the one it
signed in under. The app's frame (streamlit_app.py) calls `restore`, then `keep`, before any page runs.

Signing in survives a reload: the session is also kept on the server (accounts/sessions.py), and the browser
is handed to `/session/start` for its HttpOnly cookie (web/sessions.py). A fresh Streamlit session with that
cookie is `restore`d when the server's session still holds by the same rules; signing out ends it there and
hands the browser to `/session/end`, which clears the cookie.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

import streamlit as st

import settings
from accounts import audit, sessions, single_sign_on, users
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
    server_id: int | None = None  # the session kept on the server (accounts/sessions.py), which the cookie finds


def as_user(account: users.Account) -> User:
    return User(account.username, account.role, account.org_code, account.display_name)


def begin(con, account: users.Account, *, by_password: bool = True) -> None:
    """Make this browser session the account's, by password or by single sign-on, kept on the server too;
    the browser is then handed to /session/start for the cookie that lets a reload find it again."""
    now = datetime.now()
    server_id, ticket = sessions.start(con, account.username, account.session_version, by_password, now)
    st.session_state["user"] = as_user(account)
    st.session_state["signed_in"] = SignedIn(now, now, account.session_version, by_password, server_id)
    st.session_state["must_change_password"] = by_password and account.must_change_password
    st.session_state[HAND_OVER] = f"/session/start?ticket={ticket}"


HAND_OVER = "hand_over_to"  # the app's own route the browser goes to next (/session/start or /session/end)


def hand_over() -> None:
    """Send the browser to the route waiting in HAND_OVER, if any. Only a page's script can move the
    browser, and Streamlit's cookies cannot be HttpOnly, so the route sets or clears the cookie itself."""
    address = st.session_state.pop(HAND_OVER, None)
    if address is not None:
        st.html(f"<script>window.location.replace({json.dumps(address)})</script>", unsafe_allow_javascript=True)


def browser_cookie() -> str | None:
    """The session cookie the browser sent when this Streamlit session opened (None without a browser)."""
    value = st.context.cookies.get(sessions.COOKIE)
    return value if isinstance(value, str) else None


def restore(con) -> None:
    """A fresh Streamlit session (a reload, a new tab, a bookmark) takes up the browser's signed-in session
    from its cookie, if the server still holds it and the rules of `_ended` let it carry on; one that has
    ended since is ended on the server too, with one sentence saying why."""
    if current_user() is not None:
        return
    stored = sessions.find(con, browser_cookie())
    if stored is None:
        return
    try:
        account = users.account(con, stored.username)
    except AccountError:
        account = None
    user = as_user(account) if account else User(stored.username, "", None)
    signed = SignedIn(stored.started_at, stored.seen_at, stored.session_version, stored.by_password, stored.session_id)
    now = datetime.now()
    why, _ = _ended(con, user, signed, now)
    if why is not None or account is None:
        why = why or "Your account has been switched off, so you were signed out. Ask an administrator."
        sessions.end(con, stored.session_id, why)
        audit.record(con, stored.username, "session_ended", reason=why)
        st.warning(why)
        return
    signed.seen = now
    sessions.seen(con, stored.session_id, now)
    st.session_state["user"] = user
    st.session_state["signed_in"] = signed
    st.session_state["must_change_password"] = stored.by_password and account.must_change_password
    audit.record(con, stored.username, "session_restored")


def sign_in(con, username: str, password: str) -> str | None:
    """Sign in with a password; None on success, else the message to show."""
    try:
        account = users.authenticate(con, username, password)
    except users.SignInRefused as refusal:
        return str(refusal)
    begin(con, account)
    return None


def keep(con) -> User | None:
    """The signed-in user if their session still holds, now marked as used; else end it, say why, and
    carry on as the public (None)."""
    user = current_user()
    if user is None:
        return None
    signed = st.session_state.get("signed_in")
    if signed is not None and signed.server_id is not None:  # the browser's other tabs share the session
        shared = sessions.still_open(con, signed.server_id)
        if shared is None:  # signed out in another tab, or ended there
            signed = None
        else:
            signed.seen = max(signed.seen, shared.seen_at)
    why, account = _ended(con, user, signed, datetime.now())
    if why is not None or account is None or signed is None:
        audit.record(con, user.username, "session_ended", reason=why)
        end_session(con, why or "ended")
        st.warning(why)
        return None
    signed.seen = datetime.now()
    if signed.server_id is not None:
        sessions.seen(con, signed.server_id, signed.seen)
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
        signed = st.session_state["signed_in"]
        signed.version = users.account(con, user.username).session_version
        if signed.server_id is not None:
            sessions.renew(con, signed.server_id, signed.version)


def end_session(con, why: str) -> None:
    """End the session on the server (its cookie is never taken again), forget who is signed in here, and
    the identity provider's sign-in too."""
    signed = st.session_state.get("signed_in")
    if signed is not None and signed.server_id is not None:
        sessions.end(con, signed.server_id, why)
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
            begin(con, users.account(con, username), by_password=False)
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
            end_session(con, "signed out")
            st.session_state[HAND_OVER] = "/session/end"  # which clears the cookie
            st.rerun()
