"""Publishing a wave: the Board makes a wave's commissioner results public, with an audit entry."""

from __future__ import annotations

import json

import streamlit as st

from dashboards.ui.access import User
from dashboards.database import cursor


def publish(period: str, user: User) -> None:
    con = cursor()
    con.execute("update waves set published_at = current_timestamp where period = ? and published_at is null "
                "and survey_code in ('commissioner_return', 'org_rating')", [period])
    con.execute("insert into audit_log (username, action, detail) values (?, 'publish', ?)",
                [user.username, json.dumps({"period": period})])


def publish_control(period: str, user: User) -> None:
    """A button to publish the wave on the public results page, or a note that it is published."""
    published = cursor().execute(
        "select max(published_at) from waves where period = ? and survey_code = 'commissioner_return'", [period]
    ).fetchall()[0][0]
    st.subheader("Publishing")
    if published:
        st.success(f"Published on {published:%d %B %Y}: the public results page shows this wave.")
    elif st.button("Publish this wave's results", key="plan_status_publish",
                   help="Shows each commissioner's plan status, link and co-production category on the public page."):
        publish(period, user)
        st.rerun()
