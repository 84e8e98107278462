"""Breaks money: where did the money for carers' breaks go? Reads mart_breaks_money."""

import altair as alt
import streamlit as st

from dashboards import queries
from dashboards.ui.components import filter_note, open_commissioner_dashboard, table

_, period, chosen = open_commissioner_dashboard(
    "Breaks money", "The breaks budget each commissioner reports: allocation, planned and actual spend.", "breaks_money"
)
money = queries.breaks_money(period, chosen.region, chosen.org_type, queries.data_version())
if not filter_note(chosen, len(money)):
    st.stop()
none = money[money["reports_none"]]
st.metric(
    "Commissioners reporting no breaks money",
    f"{len(none)} of {len(money)}",
    help="No figure at all: no return, or a return with every money question blank.",
)
reported = money[~money["reports_none"] & money["spend_share_pct"].notna()]
chart = (
    alt.Chart(reported)
    .mark_bar()
    .encode(
        x=alt.X("spend_share_pct:Q", title="Actual spend as % of allocation", bin=alt.Bin(step=10)),
        y=alt.Y("count():Q", title="Commissioners"),
        tooltip=[alt.Tooltip("count():Q", title="Commissioners")],
    )
    .properties(height=220)
)
st.altair_chart(chart)
st.caption(
    "Allocation is the existing plus the additional allocation for breaks; spend share = actual spend / allocation."
)
table(
    money[
        [
            "name",
            "org_code",
            "existing_allocation",
            "additional_allocation",
            "allocation",
            "planned_spend",
            "actual_spend",
            "spend_share_pct",
            "reports_none",
        ]
    ],
    f"breaks-money-{period}",
    "breaks_money_table",
)
