"""Plan status: which commissioners have published an updated plan and budget for carers' breaks?

Reads plan_status_shares (shares with both denominators over the region/type filter),
mart_plan_status_by_commissioner (league table) and mart_repeat_non_responders.
"""

import streamlit as st

from dashboards import queries
from dashboards.ui.components import filter_note, open_commissioner_dashboard, table
from dashboards.ui.publishing import publish_control
from presentation import charts
from presentation.formats import period_name

user, period, chosen = open_commissioner_dashboard(
    "Plan publication status",
    "Whether each commissioner has published an updated plan and budget for carers' breaks.",
    "plan_status",
)
version = queries.data_version()
shares = queries.plan_status(period, chosen.region, chosen.org_type, version)
series = queries.wave_series("commissioner_return", period, version)
before = series["previous_period"]

responders, everyone = int(shares["responders"].iloc[0]), int(shares["all_commissioners"].iloc[0])
filter_note(chosen, everyone)  # zeros still draw; the publish control below must stay reachable
st.altair_chart(charts.plan_status(shares))
if series["is_open"]:
    st.info(f"This wave is still open: {responders:,} of {everyone:,} returns so far.")
st.caption(
    f"“% of those asked” counts the {everyone:,} commissioners of the filter asked in this wave, "
    f"non-responders included. “% of those answering” counts the {responders:,} that answered "
    "(the 2011 report's base)."
)
shown = shares.copy()
columns = ["status", "commissioners", "pct_of_all", "pct_of_responders"]
headings = {}
if before:
    earlier = queries.plan_status(before, chosen.region, chosen.org_type, version).set_index("status")["commissioners"]
    shown["change"] = [
        f"{now - earlier[status]:+,}" if status in earlier.index else "not asked"
        for status, now in zip(shares["status"], shares["commissioners"], strict=True)
    ]
    columns.append("change")
    headings["change"] = f"Change since {period_name(before)}"
table(shown, f"plan-status-{period}", "plan_status_shares", columns, headings=headings)

st.subheader("Commissioners not responding twice running")
repeat = queries.repeat_non_responders(period, chosen.region, chosen.org_type, version)
if before is None:
    st.write("This is the first wave, so no commissioner can have missed two running yet.")
elif series["is_open"]:
    st.write("This wave is still open, so who has missed two running is known only once it closes.")
elif repeat.empty:
    st.write(f"No commissioner asked missed both this wave and {period_name(before)}.")
else:
    st.write(
        f"{len(repeat):,} commissioners asked sent no return in this wave nor in {period_name(before)} "
        "(a successor counts its predecessor's return)."
    )
    table(repeat, f"repeat-non-responders-{period}", "plan_status_repeat")

st.subheader("League table")
league = queries.plan_status_league(period, chosen.region, chosen.org_type, version)
table(
    league,
    f"plan-status-league-{period}",
    "plan_status_league",
    ["name", "org_code", "type", "region_name", "status", "published_on", "published_at_url"],
)
publish_control(period, user)
