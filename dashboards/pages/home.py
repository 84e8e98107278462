"""Home: what Carers Monitor is and what the database holds now (rows per table, last import)."""

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.access import current_user
from dashboards.ui.components import escape_markdown
from warehouse.status import last_import, rows_without_a_wave, table_counts

st.title("Carers Monitor")
st.write(
    "Monitoring unpaid carers' support in England: carers' experience, commissioners' plans and "
    "budgets for carers' breaks, and how carers' organisations say they were involved."
)
con = cursor()
counts = dict(table_counts(con))
responses = {
    "Carer experience responses": counts.get("response_carer_experience", 0),
    "Organisation ratings": counts.get("response_org_rating", 0),
    "Commissioner returns": counts.get("response_commissioner_return", 0),
}
for column, (label, value) in zip(st.columns(3), responses.items(), strict=False):
    column.metric(label, f"{value:,}")
latest = last_import(con)
if latest is None:
    st.info("Nothing has been imported yet. Run `python -m pipelines demo` for demo data, or import a file.")
else:
    st.caption(
        f"Last import: {latest['survey_code']} from {escape_markdown(latest['file_name'] or latest['source'])} at "
        f"{latest['received_at']:%d %b %Y %H:%M}: {latest['landed']:,} landed, "
        f"{latest['quarantined']:,} quarantined, {latest['already_present']:,} already present."
    )
unplaced = rows_without_a_wave(con)
if unplaced:
    st.warning(
        f"{unplaced:,} current answer{'s belong' if unplaced > 1 else ' belongs'} to no wave, so no page shows "
        f"{'them' if unplaced > 1 else 'it'}. Import or key {'them' if unplaced > 1 else 'it'} again into a wave."
    )
user = current_user()
if user and user.role == "administrator":  # table sizes are for whoever runs the system
    with st.expander("Rows in each table"):
        st.dataframe({"table": list(counts), "rows": list(counts.values())}, hide_index=True)
