"""Who to chase: which commissioners and carers' organisations were asked this quarter and have not answered?

Reads mart_chase_list (through board.accountability, which the review and the pack use too): each one
asked and not answered, with its contacts as recorded, when it was invited, the reminders sent and
whether it also missed the previous wave; and mart_non_response for how many answered.
"""

import streamlit as st

from board import accountability
from dashboards.database import cursor
from dashboards.ui.components import escape_markdown, open_dashboard, table
from presentation import labels

user, period = open_dashboard(
    "Who to chase",
    "The commissioners and carers' organisations asked to answer this quarter that have not, with their "
    "contacts, so that someone can ring or write to each one.",
    "commissioner_return",
    "chase_list",
    "wave asking commissioners or carers' organisations",
)
survey = st.selectbox(
    "Survey",
    [None, *accountability.ASKED],
    format_func=lambda code: "Both surveys" if code is None else labels.value("survey", code),
    key="chase_list_survey",
)
returns = accountability.wave_returns(cursor(), period)
if survey is not None:
    returns = returns[returns["survey_code"] == survey]
if returns.empty:
    st.info("Nobody was asked to answer this survey in this quarter, so there is nobody to chase.")
    st.stop()
for _, wave in returns.iterrows():
    st.write(escape_markdown(accountability.returns_sentence(wave)))
    if missed := accountability.missed_sentence(wave):
        st.write(escape_markdown(missed))

rows = accountability.chase_list(cursor(), period, survey)
if rows.empty:
    st.success("Nobody to chase: everyone asked has answered.")
    st.stop()
table(
    rows,
    f"who-to-chase-{period}",
    "chase_list_table",
    accountability.chase_columns(with_survey=survey is None),
    headings=accountability.CHASE_HEADINGS,
)
st.caption(
    "Those that also missed the previous wave are listed first. Contacts are the names and addresses recorded "
    "under Organisations and contacts. A wave still open lists those that have not answered yet, not those "
    "that will not."
)
