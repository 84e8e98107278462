"""Carer experience survey (public, no account): open link, `?token=` invitation link, or `?resume=` return code."""

import uuid

import streamlit as st

import surveys
from dashboards.database import cursor
from dashboards.ui.form_flow import form_state, run_form
from pipelines.errors import InvitationRefused
from pipelines.sources import drafts, web_forms

KEY = "carer"
survey = surveys.load("carer_experience")
con = cursor()
st.title(survey.title)
entry = st.session_state.setdefault("carer_entry", {"source_id": str(uuid.uuid4()), "code": None, "ready": False})
if not entry["ready"]:
    params = st.query_params
    if params.get("resume"):
        draft = drafts.load_draft(con, params["resume"])
        if draft is None:
            st.warning(
                "We could not find answers saved under this return code. Codes last 30 days. "
                "You can start the survey again below."
            )
        else:
            entry.update(
                code=params["resume"].strip().upper(), wave_id=draft.wave_id, invitation_id=draft.invitation_id
            )
            form_state(KEY, draft.answers, draft.step)
    if params.get("token") and "wave_id" not in entry:
        try:
            invitation = web_forms.invitation_for(con, params["token"])
        except InvitationRefused as refusal:
            st.info(str(refusal))
            st.stop()
        entry.update(wave_id=invitation.wave_id, invitation_id=invitation.invitation_id)
    if "wave_id" not in entry:
        wave = web_forms.open_wave(con, survey.code)
        entry.update(wave_id=wave[0] if wave else None, invitation_id=None)
    entry["ready"] = True
st.write(survey.description)


def save(answers, step):
    entry["code"] = drafts.save_draft(
        con,
        survey.code,
        answers,
        step=step,
        wave_id=entry["wave_id"],
        invitation_id=entry["invitation_id"],
        code=entry["code"],
    )
    return (
        f"Your answers are saved. Your return code is **{entry['code']}**. Write it down: we cannot "
        f"show it again. To carry on within 30 days, open this page with "
        f"[this link](?resume={entry['code']}) or enter the code."
    )


def send(answers):
    result = web_forms.submit(
        con,
        survey.code,
        answers,
        source_id=entry["source_id"],
        wave_id=entry["wave_id"],
        invitation_id=entry["invitation_id"],
    )
    if result.reference:
        drafts.delete_draft(con, entry["code"])
    return result


orgs = {"AREA": web_forms.org_options(con, ["LA"])}
result = run_form(survey, key=KEY, on_submit=send, orgs=orgs, on_save=save)
if result:
    st.success("Thank you. Your answers have been sent.", icon=":material/check_circle:")
    st.markdown(f"Your reference number is **{result.reference}**.")
    st.write("You do not need to do anything else. Keep the reference if you want to ask us about your answers.")
