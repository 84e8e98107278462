"""Signing in and out in the app: the password form, optional single sign-on, and the sidebar frame."""

from __future__ import annotations

import streamlit as st

from accounts import audit, users
from accounts.roles import ROLE_NAMES
from dashboards.ui.access import User


def as_user(account: users.Account) -> User:
    return User(account.username, account.role, account.org_code, account.display_name)


def sign_in(con, username: str, password: str) -> str | None:
    """Sign in with a password; None on success, else the message to show."""
    try:
        account = users.authenticate(con, username, password)
    except users.SignInRefused as refusal:
        return str(refusal)
    st.session_state["user"] = as_user(account)
    st.session_state["must_change_password"] = account.must_change_password
    return None


def sso_configured() -> bool:
    """Whether `.streamlit/secrets.toml` has an [auth] section for Streamlit's OpenID Connect."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def adopt_sso_user(con) -> None:
    """After `st.login()`, sign in the account whose e-mail the identity provider vouched for."""
    if "user" in st.session_state or not sso_configured() or not st.user.get("is_logged_in"):
        return
    rows = con.execute(
        "select username from users where lower(email) = lower(?) and not disabled", [st.user.get("email", "")]
    ).fetchall()
    if rows:
        st.session_state["user"] = as_user(users.account(con, rows[0][0]))
        audit.record(con, rows[0][0], "sign_in", method="single sign-on")


def sidebar(con, user: User | None) -> None:
    """Who is signed in and a sign-out button; nothing for the public (the Sign in page is in the menu)."""
    if user is None:
        return
    with st.sidebar:
        st.caption(
            f"Signed in as **{user.display_name or user.username}** ({ROLE_NAMES[user.role]}"
            + (f", {user.org_code})" if user.org_code else ")")
        )
        if st.button("Sign out", key="sign_out", icon=":material/logout:"):
            audit.record(con, user.username, "sign_out")
            for name in list(st.session_state):
                del st.session_state[name]
            if sso_configured() and st.user.get("is_logged_in"):
                st.logout()
            st.rerun()
