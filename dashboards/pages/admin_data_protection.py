"""Administration, data protection: delete one person's response by its reference, and purge by the retention
rules now (the app also does it daily), with who, when and why in the audit log and never the answers."""

import streamlit as st

import settings
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.errors import PipelineError
from pipelines.sources import retention

admin = require_role("administrator")
con = cursor()
st.title("Data protection")
st.subheader("Delete a response")
st.write(
    "When a carer or an organisation asks for its answers to be deleted, enter the reference from its confirmation "
    "page or receipt: every version, the raw rows, quarantine records and drafts are removed."
)
reference = st.text_input("Reference", key="erase_reference", placeholder="CE-1A2B3-C4D5E")
reason = st.text_input("Reason (kept in the audit log)", key="erase_reason")
if st.button("Delete the response", type="primary", key="erase_go"):
    try:
        done = retention.delete_response(con, reference, by=admin.username, reason=reason)
        st.success(f"The response {done.reference} is deleted, and the audit log records who, when and why.")
    except PipelineError as error:
        st.error(escape_markdown(error))  # it quotes the reference as typed

st.subheader("Retention")
years = settings.current().retention_years
st.write(
    f"Raw rows are kept {years} years after their wave closes; drafts go when they expire; a wave's invitation codes "
    "and sample references go once it closes. The app does this every day; run it now if you need to."
)
if st.button("Purge now", key="purge_go"):
    st.success(retention.purge(con, retention_years=years, by=admin.username).sentence())
