"""Breaks money: where did the money for carers' breaks go? Reads mart_breaks_money."""

import pandas as pd
import streamlit as st

from dashboards import queries
from dashboards.ui.components import filter_note, open_commissioner_dashboard, table
from presentation import charts, formats
from presentation.changes import judge
from presentation.formats import period_name
from presentation.tables import heading

_, period, chosen = open_commissioner_dashboard(
    "Breaks money", "The breaks budget each commissioner reports: allocation, planned and actual spend.", "breaks_money"
)
version = queries.data_version()
money = queries.breaks_money(period, chosen.region, chosen.org_type, version)
if not filter_note(chosen, len(money)):
    st.stop()
before = queries.wave_series("commissioner_return", period, version)["previous_period"]
earlier = queries.breaks_money(before, chosen.region, chosen.org_type, version) if before else None
since = period_name(before) if before else None


def totals(frame: pd.DataFrame) -> dict[str, float]:
    found = {total: frame[total].sum(min_count=1) for total in ("allocation", "planned_spend", "actual_spend")}
    return found | {"reporting none": float(frame["reports_none"].sum())}


now, then = totals(money), (totals(earlier) if earlier is not None and not earlier.empty else {})
for column, (total, value) in zip(st.columns(4), now.items(), strict=True):
    change = judge(
        value,
        then.get(total),
        since=since,
        higher_is_better=total != "reporting none",
        unit="count" if total == "reporting none" else "pounds",
    )
    column.metric(
        "Commissioners reporting no breaks money" if total == "reporting none" else heading(total),
        f"{int(value):,} of {len(money):,}" if total == "reporting none" else formats.pounds(value, "none reported"),
        delta=change.words if change else None,
        delta_color=change.colour if change else "off",
        help="No figure at all: no return, or a return with every money question blank."
        if total == "reporting none"
        else "The total of what the commissioners asked report.",
    )
none = money[money["reports_none"]]
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

st.subheader("Commissioners reporting no breaks money")
if none.empty:
    st.write("Every commissioner asked reported at least one money figure.")
else:
    table(none, f"breaks-money-none-{period}", "breaks_money_none", ["name", "org_code", "type", "responded"])
