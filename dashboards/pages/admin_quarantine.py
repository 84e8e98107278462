"""Administration, quarantine: the rows that did not land, by batch and reason; correct, reject, or try again.

Reads pipelines.landing.quarantine; a correction lands a new raw payload with who and why, never an edit.
"""

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown, isolate
from pipelines import exports
from pipelines.errors import PipelineError
from pipelines.landing import quarantine

admin = require_role("administrator")
con = cursor()
st.title("Quarantine")
st.write(
    "Rows that did not land, each with the reason. Correct a value and land the row, reject it for good, "
    "or, once the cause is fixed elsewhere (an organisation registered, a wave opened), try the batch again."
)
waiting = quarantine.open_rows(con)
if waiting.empty:
    st.success("Nothing is waiting in quarantine.")
    st.stop()

batches = list(dict.fromkeys(waiting["batch_id"]))
labels = {
    int(batch): f"Batch {batch}: {isolate(file or source)} ({rows} rows)"
    for batch, file, source, rows in waiting.groupby("batch_id", sort=False)
    .agg(file=("file_name", "first"), source=("source", "first"), rows=("raw_id", "nunique"))
    .itertuples(name=None)
}
chosen = st.selectbox("Batch", [int(b) for b in batches], format_func=lambda b: labels[b], key="quarantine_batch")
words = st.text_input("Reason contains", key="quarantine_reason")
shown = waiting[waiting["batch_id"] == chosen]
if words.strip():
    shown = shown[shown["reason"].str.contains(words.strip(), case=False, regex=False)]
st.write(
    f"{shown['raw_id'].nunique()} rows, {len(shown)} problems shown; {waiting['raw_id'].nunique()} rows wait in all."
)
table = shown.rename(columns={"row_number": "row", "survey_code": "survey", "file_name": "file"})[
    ["row", "field", "value", "reason", "raw_id"]
]
st.dataframe(table, hide_index=True, key="quarantine_table")
st.download_button(
    "Download these rows (CSV)",
    exports.csv_bytes(table),  # a rejected value is whatever the file held, formulas included
    f"quarantine-batch-{chosen}.csv",
    mime="text/csv",
    key="quarantine_download",
)
if st.button("Try this batch again", key="quarantine_retry", type="primary"):
    try:
        again = quarantine.retry(con, chosen, by=admin.username)
        st.success(f"Tried again: {again.landed} landed, {again.quarantined} still in quarantine.")
    except PipelineError as error:
        st.error(escape_markdown(error))

st.subheader("One row")
rows = {int(r): f"Row {n}" for r, n in zip(shown["raw_id"], shown["row_number"], strict=True)}
raw_id = st.selectbox("Row", list(rows), format_func=lambda r: rows[r], key="quarantine_row")
if raw_id is not None:
    problems = shown[shown["raw_id"] == raw_id]
    with st.form("quarantine_correct"):
        changes = {
            str(field): st.text_input(
                f"{escape_markdown(field)}: {escape_markdown(reason)}", value=value or "", key=f"quarantine_fix_{field}"
            )  # the reason quotes the value as the file held it
            for field, value, reason in zip(problems["field"], problems["value"], problems["reason"], strict=True)
        }
        why = st.text_input("Why this correction (kept with it)", key="quarantine_why")
        if st.form_submit_button("Land the corrected row"):
            try:
                done = quarantine.correct(con, raw_id, changes, by=admin.username, why=why)
                st.success(
                    "The corrected row landed."
                    if done.landed
                    else "The corrected row is still not right: "
                    + "; ".join(escape_markdown(reason) for _, _, reason in done.problems)
                )
            except PipelineError as error:
                st.error(escape_markdown(error))
    reason = st.text_input("Reason to reject this row for good", key="quarantine_reject_reason")
    if st.button("Reject for good", key="quarantine_reject"):
        try:
            quarantine.reject(con, raw_id, by=admin.username, reason=reason)
            st.success(f"{rows[raw_id]} is rejected for good.")
        except PipelineError as error:
            st.error(escape_markdown(error))
