"""Administration, accounts: who has an account, add one, reset a password (shown once), read the audit log."""

import pandas as pd
import streamlit as st

from accounts import audit, users
from accounts.errors import AccountError
from accounts.roles import ROLE_NAMES, ROLES
from dashboards.database import cursor
from dashboards.ui.access import require_role

admin = require_role("administrator")
con = cursor()
st.title("Accounts")
st.write(
    "Accounts of Board members, carers' organisations, commissioners and administrators. "
    "Passwords are shown once, when made; nobody can read them later."
)
everyone = con.execute(
    "select username, display_name, role, org_code, email, failed_attempts, locked_until, is_demo "
    "from users order by role, username"
).df()
st.dataframe(everyone, hide_index=True, key="admin_accounts_table")

st.subheader("Add an account")
with st.form("admin_accounts_add", clear_on_submit=True):
    username = st.text_input("Username", key="admin_accounts_username")
    role = st.selectbox("Role", ROLES, format_func=lambda role: ROLE_NAMES[role], key="admin_accounts_role")
    org_code = st.text_input(
        "Organisation code (carers' organisations and commissioners only)", key="admin_accounts_org"
    )
    name = st.text_input("Name", key="admin_accounts_name")
    email = st.text_input("E-mail (for single sign-on)", key="admin_accounts_email")
    if st.form_submit_button("Add account", type="primary"):
        try:
            password = users.add_user(
                con,
                username,
                role,
                org_code=org_code.strip().upper() or None,
                display_name=name or None,
                email=email or None,
                added_by=admin.username,
            )
        except AccountError as error:
            st.error(str(error))
        else:
            st.success(f"Account {username} added. Its password, shown this once: `{password}`")

st.subheader("Reset a password")
target = st.selectbox("Account", list(everyone["username"]), index=None, key="admin_accounts_reset_user")
if st.button("Reset password and unlock", key="admin_accounts_reset", disabled=target is None):
    assert target is not None  # the button is disabled until an account is chosen
    password = users.reset_password(con, target, reset_by=admin.username)
    st.success(f"New password for {target}, shown this once: `{password}`. They must change it at sign-in.")

st.subheader("Audit log")
st.dataframe(
    pd.DataFrame(audit.recent(con), columns=["when", "who", "action", "detail"]),
    hide_index=True,
    key="admin_accounts_audit",
)
