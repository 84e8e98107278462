"""Organisation rating (carers' organisations): rate each commissioner in your area for the open wave.

Reads and writes only ratings whose source id carries the signed-in organisation's code.
"""

import streamlit as st

import surveys
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.form_flow import form_state, open_wave_or_stop, run_form
from pipelines.sources import web_forms

user = require_role("carers_org")
survey = surveys.load("org_rating")
con = cursor()
wave_id, wave_title = open_wave_or_stop(
    con, survey, "Rate your commissioners", "No rating round is open now. An administrator opens one each quarter."
)
# add_user() binds every carers' organisation account to its organisation
assert user.org_code is not None
commissioners = web_forms.commissioners_in_area(con, user.org_code)
if not commissioners:
    st.info("We have no commissioners listed for your area. Ask an administrator to check your organisation.")
    st.stop()
st.caption(f"Rating round: {wave_title}")


def label(code):
    count = web_forms.versions(con, survey.code, wave_id, f"{wave_id}:{user.org_code}:{code}")
    return f"{commissioners[code]} ({code})" + (f": rated, {count} version{'s' * (count > 1)}" if count else "")


commissioner = st.selectbox(
    "Commissioner to rate", list(commissioners), format_func=label, key="org_rating_commissioner"
)
source_id = f"{wave_id}:{user.org_code}:{commissioner}"
key = f"org_rating_{commissioner}"
if key not in st.session_state:
    form_state(key, web_forms.current_answers(con, survey.code, wave_id, source_id))
fixed = {"RATER": user.org_code, "COMMISSIONER": commissioner}
result = run_form(
    survey,
    key=key,
    fixed=fixed,
    on_submit=lambda answers: web_forms.submit(
        con, survey.code, answers, source_id=source_id, wave_id=wave_id, submitted_by=user.username
    ),
)
if result:
    saved = (
        "Your rating has not changed."
        if not result.landed
        else (
            "Your revised rating is saved; the earlier version is kept."
            if result.new_version
            else "Your rating is saved."
        )
    )
    st.success(f"{saved} Reference {result.reference}.", icon=":material/check_circle:")
    st.write("You can change it until the round closes.")
    if st.button("Change this rating", key="org_rating_revise"):
        form_state(key, web_forms.current_answers(con, survey.code, wave_id, source_id))
        st.rerun()
