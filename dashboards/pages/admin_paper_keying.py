"""Paper keying: staff type the answer codes of a paper return, field by field, with the keyboard alone.

Tab moves to the next box and Enter saves the return. With double entry on, a second person keys the
same return; any differences wait below, side by side, for a third person to settle. Two boxes ticked
where one is allowed: type both codes ("2 3"); the answer is recorded as unknown (docs/paper.md).
"""

import pandas as pd
import streamlit as st

import surveys
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.errors import PipelineError
from pipelines.sources.paper_keying import differences, key_return, keyings, settle, to_settle

user = require_role("administrator")
st.title("Key paper returns")
con = cursor()

survey_code = st.selectbox("Questionnaire", surveys.CODES, format_func=lambda c: surveys.load(c).title)
survey = surveys.load(survey_code)
waves = con.execute(
    "select wave_id, period, closed_at is not null or closes < current_date as closed from waves "
    "where survey_code = ? order by period desc",
    [survey_code],
).fetchall()
if not waves:
    st.info("There is no wave of this questionnaire yet. Open one on the Waves page.")
    st.stop()
labels = {w: f"{p}{' (closed: returns are flagged late)' if closed else ''}" for w, p, closed in waves}
wave_id = st.selectbox("Wave", list(labels), format_func=lambda wave: labels[wave])
double_entry = st.toggle("Double entry (two people key each return; differences are settled by a third)")

with st.form("keying", clear_on_submit=True, enter_to_submit=True):
    paper_ref = st.text_input(
        "Reference printed on the return", help="The carer's sample reference or the return's number."
    )
    answers = {}
    for number, question in enumerate(survey.questions, start=1):
        codes = " ".join(o.code for o in question.options)
        hint = f"codes: {codes}" if codes else question.type
        answers[question.code] = st.text_input(
            f"{number}. {question.code}", help=f"{question.text} ({hint})", placeholder=hint
        )
    saved = st.form_submit_button("Save return (Enter)", type="primary")

if saved:
    if not paper_ref.strip():
        st.error("Type the reference printed on the return first.")
    else:
        try:
            outcome = key_return(
                con, survey_code, wave_id, paper_ref, answers, user.username, double_entry=double_entry
            )
        except PipelineError as error:
            st.error(escape_markdown(error))
        else:
            typed = escape_markdown(paper_ref)  # what the person keyed, shown as keyed
            if outcome is None:
                st.info(f"First keying of {typed} kept. It lands when a second person keys it the same way.")
            elif isinstance(outcome, list):
                st.warning(f"The two keyings of {typed} differ on {len(outcome)} answer(s): settle them below.")
            elif outcome.quarantined:
                reasons = "; ".join(escape_markdown(reason) for _, _, reason in outcome.problems)  # they quote it
                st.error(f"{typed} was not accepted: {reasons}")
            else:
                st.success(f"{typed} landed.")

st.subheader("Returns to settle")
pending = to_settle(con, survey_code)
if not pending:
    st.caption("Nothing waits to be settled.")
for _, pending_wave, ref in pending:
    done = keyings(con, survey_code, pending_wave, ref)
    found = differences(done[1]["answers"], done[2]["answers"])
    with st.expander(f"{escape_markdown(ref)}: {len(found)} difference(s)"):
        st.dataframe(
            pd.DataFrame(
                found, columns=["question", f"first ({done[1]['keyed_by']})", f"second ({done[2]['keyed_by']})"]
            ),
            hide_index=True,
        )
        with st.form(f"settle-{pending_wave}-{ref}"):
            chosen = {
                code: st.text_input(f"{code}: the answer on the paper", value=second, key=f"{ref}-{code}")
                for code, _, second in found
            }
            if st.form_submit_button("Settle and land"):
                try:
                    result = settle(con, survey_code, pending_wave, ref, chosen, user.username)
                except (ValueError, PipelineError) as error:
                    st.error(escape_markdown(error))
                else:
                    st.success(
                        f"{escape_markdown(ref)} settled: {result.landed} landed, {result.quarantined} not accepted."
                    )
