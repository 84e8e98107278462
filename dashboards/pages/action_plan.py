"""Action plan: the Board records each action's quarterly update (RAG, narrative, evidence) and KPI values.

Reads mart_action_plan and action_updates; every update is added, never changed, so each action keeps
its history.
"""

import streamlit as st

from board.queries import action_status
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.action_plan import RAGS, add_update, history
from presentation.formats import period_name
from presentation.tables import for_people

user = require_role("board", "administrator")
st.title("Action plan")
st.write("Record this quarter's progress on each action. Earlier updates are kept as the action's history.")

con = cursor()
actions = con.execute("select action_id, title, owner, target_date, measure from action_plan order by action_id").df()
if actions.empty:
    st.info("The action plan is empty. An administrator adds actions; the demo data brings an example plan.")
    st.stop()
quarters = [r[0] for r in con.execute("select distinct period from waves order by period desc").fetchall()] or [
    "2011-Q2"
]
quarter = st.selectbox("Quarter", quarters, key="action_plan_quarter", format_func=period_name)
titles = dict(zip(actions["title"], actions["action_id"], strict=False))
title = st.selectbox("Action", list(titles), key="action_plan_action")
action_id = int(titles[title])
row = actions[actions["action_id"] == action_id].iloc[0]
st.caption(
    f"Owner: {escape_markdown(row['owner'])} · target date: {row['target_date']:%d %B %Y} · "
    f"measure: {escape_markdown(row['measure'])}"
)

with st.form("action_plan_update", clear_on_submit=True):
    rag = st.radio(
        "RAG status",
        RAGS,
        horizontal=True,
        key="action_plan_rag",
        format_func=lambda r: {"red": "Red: off track", "amber": "Amber: at risk", "green": "Green: on track"}[r],
    )
    narrative = st.text_area("What happened this quarter", key="action_plan_narrative")
    evidence = st.text_input("Link to evidence (optional)", key="action_plan_evidence")
    if st.form_submit_button("Save update"):
        if not narrative.strip():
            st.error("Write what happened this quarter before saving.")
        else:
            add_update(con, action_id, quarter, rag, narrative.strip(), evidence.strip() or None, user.username)
            st.success("Update saved.")

st.subheader("History of this action")
st.dataframe(for_people(history(con, action_id)), hide_index=True)
st.subheader(f"All actions at the end of {escape_markdown(period_name(quarter))}")  # a wave may have a name of its own
st.dataframe(
    for_people(action_status(con, quarter), ["title", "owner", "target_date", "rag", "overdue", "quarter"]),
    hide_index=True,
)
