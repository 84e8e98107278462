"""An organisation's form, from the signed-in app: a short-lived signed link to the same GOV.UK form its
invitation e-mail opens, so there is one way to fill each form in."""

import streamlit as st

import settings
import surveys
from accounts import form_links
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.sources.web_forms import open_wave

FORM = {"carers_org": "org_rating", "commissioner": "commissioner_return"}

user = require_role(*FORM)
survey = surveys.load(FORM[user.role])
st.title(survey.title)
st.write(survey.description)
wave = open_wave(cursor(), survey.code)
if wave is None:
    st.info("No round is open now. The council's administrator opens one each quarter, and e-mails you a link.")
    st.stop()
signed = form_links.sign(settings.current().secret_key, user.username, survey.code)
st.link_button(
    f"Open the form for {escape_markdown(wave[1])}", f"/survey/{survey.code}/signed?s={signed}", type="primary"
)
st.caption(
    f"The form opens in a new tab, signed in as {escape_markdown(user.username)}. The link works for "
    f"{form_links.VALID_SECONDS // 60} minutes; reload this page for a new one."
)
