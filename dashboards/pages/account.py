"""Your account: who you are signed in as, and changing your password."""

import streamlit as st

from accounts import users
from accounts.errors import AccountError
from accounts.roles import ROLE_NAMES, ROLES
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.session import renewed

user = require_role(*ROLES)
st.title("Your account")
st.write(
    f"Signed in as **{user.username}**, {ROLE_NAMES[user.role]}"
    + (f" for organisation {user.org_code}." if user.org_code else ".")
)
if st.session_state.get("must_change_password"):
    st.warning(
        "Your password was set by an administrator. Choose a new one before you carry on: "
        "until then, this is the only page."
    )
st.subheader("Change your password")
with st.form("change_password_form", clear_on_submit=True):
    old = st.text_input("Current password", type="password", key="change_password_old")
    new = st.text_input(
        f"New password (at least {users.MIN_LENGTH} characters)", type="password", key="change_password_new"
    )
    again = st.text_input("New password again", type="password", key="change_password_again")
    submitted = st.form_submit_button("Change password", type="primary")
if submitted:
    if new != again:
        st.error("The two new passwords are not the same. Type them again.")
    else:
        try:
            users.change_password(cursor(), user.username, old, new)
        except AccountError as error:
            st.error(str(error))
        else:
            # this session carries on; the account's other sessions end at their next step
            renewed(cursor())
            st.session_state["must_change_password"] = False
            st.session_state["password_changed"] = True
            st.rerun()  # the whole menu again, if only this page was open
if st.session_state.pop("password_changed", False):
    st.success("Your password has been changed. Any other place you were signed in has been signed out.")
