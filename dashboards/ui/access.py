"""Who is signed in, and the guard every page calls before it shows anything.

The signed-in user lives in `st.session_state["user"]` (a `User`); nobody signed in means the
public. Pages call `require_role(...)` first: a role without the page sees a short refusal and
nothing else, whatever URL they typed. Queries take `user.org_code` from here, never from a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class User:
    username: str
    role: str
    org_code: str | None = None
    display_name: str | None = None


def current_user() -> User | None:
    return st.session_state.get("user")


def require_role(*roles: str) -> User:
    """The signed-in user if their role is one of `roles`; otherwise stop the page here."""
    user = current_user()
    if user is None or user.role not in roles:
        st.error("You do not have access to this page. Sign in with an account that does.")
        st.stop()
    return user
