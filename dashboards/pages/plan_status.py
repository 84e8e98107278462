"""Plan status: which commissioners have published an updated plan and budget for carers' breaks?

Reads plan_status_shares (shares with both denominators over the region/type filter),
mart_plan_status_by_commissioner (league table) and mart_repeat_non_responders.
"""

import streamlit as st

from dashboards import queries
from dashboards.ui.components import filter_note, open_commissioner_dashboard, table
from dashboards.ui.publishing import publish_control
from presentation import charts

user, period, chosen = open_commissioner_dashboard(
    "Plan publication status",
    "Whether each commissioner has published an updated plan and budget for carers' breaks.",
    "plan_status",
)
version = queries.data_version()
shares = queries.plan_status(period, chosen.region, chosen.org_type, version)
periods = queries.periods("commissioner_return", version)
before = periods[periods.index(period) + 1] if periods.index(period) + 1 < len(periods) else None

responders, everyone = int(shares["responders"].iloc[0]), int(shares["all_commissioners"].iloc[0])
filter_note(chosen, everyone)  # zeros still draw; the publish control below must stay reachable
st.altair_chart(charts.plan_status(shares))
st.caption(
    f"“% of all” counts all {everyone} commissioners of the filter that existed in the wave, "
    f"non-responders included. “% of those answering” counts the {responders} that answered "
    "(the 2011 report's base)."
)
shown = shares[["status_label", "commissioners", "pct_of_all", "pct_of_responders"]].rename(
    columns={"status_label": "status", "pct_of_all": "% of all", "pct_of_responders": "% of those answering"}
)
if before:
    earlier = queries.plan_status(before, chosen.region, chosen.org_type, version).set_index("status")["commissioners"]
    shown["change since " + before] = (shares["commissioners"] - shares["status"].map(earlier)).tolist()
table(shown, f"plan-status-{period}", "plan_status_shares")

st.subheader("Commissioners not responding twice running")
repeat = queries.repeat_non_responders(period, chosen.region, chosen.org_type, version)
if before is None:
    st.write("This is the first wave, so no commissioner can have missed two running yet.")
elif repeat.empty:
    st.write("None: every commissioner answered this wave or the one before.")
else:
    st.write(
        f"{len(repeat)} commissioners sent no return this wave nor the wave before "
        "(a successor counts its predecessor's return)."
    )
    table(repeat, f"repeat-non-responders-{period}", "plan_status_repeat")

st.subheader("League table")
league = queries.plan_status_league(period, chosen.region, chosen.org_type, version)
table(
    league[["name", "org_code", "status_label", "published_on", "published_at_url"]].rename(
        columns={"status_label": "status", "published_on": "published", "published_at_url": "link"}
    ),
    f"plan-status-league-{period}",
    "plan_status_league",
    column_config={"link": st.column_config.LinkColumn("link")},
)
publish_control(period, user)
