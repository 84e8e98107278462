"""Administration: sync LimeSurvey now, with a progress bar, and see each instrument's last sync.

Only administrators: a sync lands responses for everyone, and the page names the servers used.
Connection settings (and passwords) stay in the environment or secrets.toml; nothing here shows them.
"""

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.errors import PipelineError
from pipelines.sources.limesurvey.client import LimeSurveyProblem, configured
from pipelines.sources.limesurvey.sync import last_run, sync
from surveys import CODES

require_role("administrator")
st.title("LimeSurvey")
st.write(
    "Responses and participants from LimeSurvey servers, for the instruments set up for it (see docs/limesurvey.md)."
)
con = cursor()


def moving(bar: DeltaGenerator) -> Callable[[float, str], None]:
    """A sync's progress callback that moves this bar."""

    def show(done: float, stage: str) -> None:
        bar.progress(done, text=escape_markdown(stage))  # it names the server

    return show


def set_up() -> dict:
    found = {}
    for code in CODES:
        try:
            conn = configured(code)
        except LimeSurveyProblem as problem:
            st.warning(escape_markdown(problem))  # problems quote the server's own answer
            continue
        if conn:
            found[code] = conn
    return found


connections = set_up()
if not connections:
    st.info(
        "No instrument is set up for LimeSurvey yet: add its URL, user, password and survey id to "
        ".streamlit/secrets.toml or the environment (docs/limesurvey.md)."
    )
for code, conn in connections.items():
    st.subheader(code)
    st.caption(f"{escape_markdown(conn.url)}, survey {conn.survey_id}, user {escape_markdown(conn.user)}")
    full = st.checkbox("Check every response again (a plain sync already finds edits)", key=f"full_{code}")
    if st.button("Sync now", key=f"sync_{code}"):
        bar = st.progress(0.0, text="starting")
        try:
            result = sync(con, conn, full=full, progress=moving(bar))
            st.success(escape_markdown(result.message))
        except PipelineError as problem:  # LimeSurvey's refusals, a wave that does not exist
            st.error(escape_markdown(problem))
    last = last_run(con, code)
    if last is None:
        st.caption("Never synced.")
    else:
        st.caption(
            f"Last sync {last['finished_at']:%d %b %Y %H:%M} ({last['outcome']}): {escape_markdown(last['message'])}"
        )
