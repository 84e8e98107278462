"""Commissioner return (commissioners): plan status, publication, breaks money and partners for the open wave.

Reads and writes only the return whose source id carries the signed-in commissioner's code.
"""

import streamlit as st

import surveys
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.form_flow import form_state, open_wave_or_stop, run_form
from pipelines.sources import web_forms

user = require_role("commissioner")
survey = surveys.load("commissioner_return")
con = cursor()
wave_id, wave_title = open_wave_or_stop(
    con, survey, "Your return on carers' breaks", "No return is due now. An administrator opens a round each quarter."
)
source_id = f"{wave_id}:{user.org_code}"
versions = web_forms.versions(con, survey.code, wave_id, source_id)
st.caption(
    f"Round: {wave_title}. Organisation: {user.org_code}."
    + (f" You have sent {versions} version{'s' * (versions > 1)}; changes add a new one." if versions else "")
)
key = "commissioner_return"
if key not in st.session_state:
    form_state(key, web_forms.current_answers(con, survey.code, wave_id, source_id))
orgs = {"WORKSWITHORGS": web_forms.org_options(con, ["carers_org"])}
result = run_form(
    survey,
    key=key,
    fixed={"COMMISSIONER": user.org_code},
    orgs=orgs,
    on_submit=lambda answers: web_forms.submit(
        con, survey.code, answers, source_id=source_id, wave_id=wave_id, submitted_by=user.username
    ),
)
if result:
    saved = (
        "Nothing had changed, so no new version was made."
        if not result.landed
        else (
            "Your revised return is saved; the earlier version is kept."
            if result.new_version
            else "Your return is saved."
        )
    )
    st.success(f"{saved} Reference {result.reference}.", icon=":material/check_circle:")
    if st.button("Change this return", key="commissioner_return_revise"):
        form_state(key, web_forms.current_answers(con, survey.code, wave_id, source_id))
        st.rerun()
