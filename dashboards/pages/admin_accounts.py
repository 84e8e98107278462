"""Administration, accounts: who has an account, add one, reset a password (shown once), switch one off or on,
change a role, read the audit log. Each change ends the account's open sessions and is audited."""

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
    "select username, display_name, role, org_code, email, disabled, is_demo from users order by role, username"
).df()
shown = everyone.assign(
    role=everyone["role"].map(ROLE_NAMES),
    disabled=everyone["disabled"].map({True: "Switched off", False: "On"}),
    is_demo=everyone["is_demo"].map({True: "Demo", False: ""}),
).rename(
    columns={
        "username": "Username",
        "display_name": "Name",
        "role": "Role",
        "org_code": "Organisation",
        "email": "E-mail",
        "disabled": "Account",
        "is_demo": "Demo",
    }
)
st.dataframe(shown.fillna(""), hide_index=True, key="admin_accounts_table")

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

st.subheader("Switch an account off or on")
st.write("An account switched off cannot sign in, and wherever it is signed in it is signed out at its next step.")
chosen = st.selectbox("Account", list(everyone["username"]), index=None, key="admin_accounts_switch_user")
switched_off = chosen is not None and bool(everyone.loc[everyone["username"] == chosen, "disabled"].iloc[0])
label = "Switch on" if switched_off else "Switch off"
if st.button(label, key="admin_accounts_switch", disabled=chosen is None or chosen == admin.username):
    assert chosen is not None  # the button is disabled until an account is chosen
    users.switch(con, chosen, on=switched_off, by=admin.username)
    st.session_state["admin_accounts_done"] = f"{chosen} is switched {'on' if switched_off else 'off'}."
    st.rerun()

st.subheader("Change a role")
with st.form("admin_accounts_role_form"):
    who = st.selectbox("Account", list(everyone["username"]), index=None, key="admin_accounts_role_user")
    new_role = st.selectbox("New role", ROLES, format_func=lambda role: ROLE_NAMES[role], key="admin_accounts_new_role")
    new_org = st.text_input(
        "Organisation code (carers' organisations and commissioners only)", key="admin_accounts_new_org"
    )
    if st.form_submit_button("Change role") and who:
        try:
            users.change_role(con, who, new_role, org_code=new_org.strip().upper() or None, by=admin.username)
        except AccountError as error:
            st.error(str(error))
        else:
            st.session_state["admin_accounts_done"] = f"{who} is now {ROLE_NAMES[new_role]}; they sign in again."
            st.rerun()
if done := st.session_state.pop("admin_accounts_done", None):
    st.success(done)

st.subheader("Audit log")
st.dataframe(
    pd.DataFrame(audit.recent(con), columns=["when", "who", "action", "detail"]),
    hide_index=True,
    key="admin_accounts_audit",
)
