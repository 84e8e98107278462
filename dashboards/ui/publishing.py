"""The Board's control for publishing a wave's commissioner results on the public page, and taking them down.

Publishing asks first, with a preview of what the public will see (how many commissioners, how many of
those asked have answered, the rows as the public page will show them); unpublishing asks too. Both go
through pipelines.outreach.waves, which audits them.
"""

from __future__ import annotations

import streamlit as st

from dashboards.database import cursor
from dashboards.ui import confirm
from dashboards.ui.access import User
from dashboards.ui.components import escape_markdown
from pipelines.errors import PipelineError
from pipelines.outreach import waves
from presentation import labels
from presentation.formats import count, day, period_name
from presentation.tables import for_people

CONFIRM = "plan_status_publish_confirm"
PUBLIC_COLUMNS = ["name", "org_code", "plan_status", "published_on", "published_at_url", "coproduction"]


def publish_control(period: str, user: User) -> None:
    """Publish the wave on the public results page (after a preview), or take it down again."""
    con = cursor()
    published = waves.published_at(con, period)
    st.subheader("Publishing")
    confirm.say_done(CONFIRM)
    if published:
        st.success(f"Published on {day(published)}: the public results page shows this wave.")
        if st.button("Take these results off the public page", key="plan_status_unpublish"):
            confirm.ask(CONFIRM, ("unpublish", period))
    elif st.button(
        "Publish this wave's results",
        key="plan_status_publish",
        help="Shows each commissioner's plan status, link and co-production category on the public page.",
    ):
        confirm.ask(CONFIRM, ("publish", period))
    if confirm.asking(CONFIRM, ("publish", period)):
        with st.container(border=True):
            _preview(con, period)
            if confirm.answered(CONFIRM, "Yes, publish"):
                waves.publish(cursor(), period, user.username)
                confirm.done(CONFIRM, f"Published: the public results page now shows {period_name(period)}.")
    if confirm.asking(CONFIRM, ("unpublish", period)):
        with st.container(border=True):
            st.warning(
                f"Taking {escape_markdown(period_name(period))} off the public page leaves its results for "
                "signed-in users only, until the Board publishes it again."
            )
            if confirm.answered(CONFIRM, "Yes, take them down"):
                try:
                    waves.unpublish(cursor(), period, user.username)
                    confirm.done(CONFIRM, f"Taken down: the public page no longer shows {period_name(period)}.")
                except PipelineError as error:
                    st.error(str(error))


def _preview(con, period: str) -> None:
    """What publishing will show: who answered of those asked, per survey, and the public page's rows."""
    answers = waves.wave_answers(con, waves.publishable(con, period))
    told = [
        f"{labels.value('survey', row.survey_code)}: {count(row.answered)} of the {count(row.asked)} asked answered"
        for row in answers.itertuples()
    ]
    rows = con.execute("select * from int_public_results where period = ? order by name", [period]).df()
    st.warning(
        f"Publishing {escape_markdown(period_name(period))} shows the public each of these "
        f"{count(len(rows))} commissioners' plan status, link and co-production category "
        f"({'; '.join(told) or 'no answers yet'})."
    )
    st.dataframe(for_people(rows, PUBLIC_COLUMNS), hide_index=True)  # the public page's own rows
