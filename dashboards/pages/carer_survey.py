"""The carers' survey, from the app: where it is and how to answer it. The survey itself is a GOV.UK form (/survey/)."""

import streamlit as st

import surveys
from dashboards.database import cursor
from pipelines.sources.web_forms import open_wave

survey = surveys.load("carer_experience")
st.title(survey.title)
st.write(survey.description)
if open_wave(cursor(), survey.code) is None:
    st.info("The survey is closed now. It opens again with the next round.")
else:
    st.markdown(
        "[Start the survey](/survey/carer_experience) &nbsp;·&nbsp; "
        "[Enter the personal code from a letter](/survey/code) &nbsp;·&nbsp; "
        "[Continue a saved survey](/survey/continue)"
    )
    st.caption("Share the address /survey/carer_experience of this site with carers: it works on any phone.")
