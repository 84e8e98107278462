"""Sign in (public page): username and password, or single sign-on when it is configured."""

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.session import sign_in, sso_configured

st.title("Sign in")
st.write(
    "For carers' organisations, commissioners, Carers Board members and administrators. "
    "Carers do not need an account to fill in the survey."
)
with st.form("sign_in_form"):
    username = st.text_input("Username", key="sign_in_username", autocomplete="username")
    password = st.text_input("Password", type="password", key="sign_in_password", autocomplete="current-password")
    submitted = st.form_submit_button("Sign in", type="primary")
if submitted:
    problem = sign_in(cursor(), username, password)
    if problem:
        st.error(problem)
    else:
        st.rerun()
if sso_configured():
    st.button("Sign in with your organisation's account", key="sign_in_sso", on_click=st.login)
st.caption("Forgotten your password? Ask an administrator to reset it.")
