"""Breaks money: where did the money for carers' breaks go? Reads mart_breaks_money."""

import streamlit as st

from dashboards import queries
from dashboards.ui.components import filter_note, open_commissioner_dashboard, table
from presentation import charts

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
st.altair_chart(charts.spend_share(money))
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
