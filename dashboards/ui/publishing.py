"""The Board's control for publishing a wave's commissioner results on the public page."""

from __future__ import annotations

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.access import User
from pipelines.outreach import waves


def publish_control(period: str, user: User) -> None:
    """A button to publish the wave on the public results page, or a note that it is published."""
    published = waves.published_at(cursor(), period)
    st.subheader("Publishing")
    if published:
        st.success(f"Published on {published:%d %B %Y}: the public results page shows this wave.")
    elif st.button(
        "Publish this wave's results",
        key="plan_status_publish",
        help="Shows each commissioner's plan status, link and co-production category on the public page.",
    ):
        waves.publish(cursor(), period, user.username)
        st.rerun()
