"""Published results (public, no sign-in): each commissioner's plan and co-production, for published waves.

Reads mart_published_results, which holds only waves the Carers Board has published.
"""

import streamlit as st

from dashboards import queries
from dashboards.ui.components import table, wave_picker

st.title("Carers' breaks: published results")
st.write(
    "For each NHS commissioner: whether it has published a plan and budget for carers' breaks, where, and "
    "how local carers' organisations say it involved them."
)
period = wave_picker("commissioner_return", key="public_results_wave", published_only=True)
if period is None:
    st.info("No results have been published yet.")
    st.stop()
results = queries.published_results(period, queries.data_version())
table(
    results[["name", "org_code", "plan_status", "published_on", "published_at_url", "coproduction"]].rename(
        columns={"published_at_url": "link", "coproduction": "co-production"}
    ),
    f"published-results-{period}",
    "public_results_table",
    column_config={"link": st.column_config.LinkColumn("link")},
)
with st.expander("How these results are made"):
    st.write(
        "Each commissioner reports every quarter whether it has published an updated plan and budget for carers' "
        "breaks, and whether it works with carers' organisations. Carers' organisations rate each commissioner "
        "from 0 (not engaged at all) to 3 (co-produced plans and budgets). “Confirmed”: the commissioner says it "
        "works with carers' organisations and their middle rating is 2 (consulted) or more. “Disputed”: it says "
        "so, but the middle rating is below 2. “Agreed not engaged” and “unclaimed engagement” are the same "
        "without the claim. “Unrated”: no carers' organisation rated it. No figure here comes from individual "
        "carers, so nothing needs suppressing; carers' survey results are published only in aggregate."
    )
