"""Commissioner profile: one organisation over time, across PCT -> CCG -> ICB reorganisations.

Reads mart_commissioner_history and mart_commissioner_lineage.
"""

import streamlit as st

from dashboards import queries
from dashboards.ui.access import require_role
from dashboards.ui.components import remembered_select, table

require_role("board", "administrator")
st.title("Commissioner profile")
st.write("One commissioner's returns, ratings and breaks money over time, with its predecessors and successors.")
version = queries.data_version()
organisations = queries.organisation_names(("PCT", "CCG", "ICB", "LA"), version)
labels = dict(zip(organisations["code"], organisations["name"] + " (" + organisations["type"] + ")", strict=False))
code = remembered_select(
    st, "Commissioner", list(labels), "filter_commissioner", "commissioner_profile_org", "org", format_func=labels.get
)

lineage = queries.commissioner_lineage(code, version)
st.subheader("Predecessors and successors")
if lineage.empty:
    st.write("No reorganisation touched this organisation in the reference data.")
else:
    table(
        lineage[["direction", "related_name", "related_code", "related_type", "effective_date", "share"]],
        f"lineage-{code}",
        "commissioner_profile_lineage",
    )
    st.caption("Share: the part of the predecessor (by postcodes or areas) that passed to the successor.")

st.subheader("Over time, across the line of succession")
history = queries.commissioner_history(code, version)
if history.empty:
    st.info("No wave has a return or rating for this organisation or its line yet.")
else:
    table(
        history[
            [
                "period",
                "relation",
                "name",
                "plan_status",
                "claims_engagement",
                "ratings",
                "median_rating",
                "category",
                "allocation",
                "actual_spend",
                "spend_share_pct",
            ]
        ],
        f"history-{code}",
        "commissioner_profile_history",
    )
st.caption("Carers' experience is measured by council area; for a council, see the Carer experience page.")
