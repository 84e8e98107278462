"""Carers' comments: what would make the biggest difference, in carers' words (redacted).

Reads mart_carer_comments (redacted text, themes) and mart_comment_themes (counts per theme).
"""

import altair as alt
import streamlit as st

from dashboards import queries
from dashboards.access import require_role
from dashboards.components import empty_state, table, wave_picker

require_role("board", "administrator")
st.title("Carers' comments")
st.write("Answers to “What one thing would make the biggest difference to you as a carer?”. "
         "Names, e-mail addresses, phone numbers, postcodes and NHS numbers are removed.")
period = wave_picker("carer_experience", key="carer_comments_wave")
if period is None:
    empty_state("carer survey answer")
    st.stop()
version = queries.data_version()
themes = queries.comment_themes(period, version)
st.altair_chart(alt.Chart(themes).mark_bar().encode(
    x=alt.X("comments:Q", title="Comments"), y=alt.Y("theme:N", sort="-x", title=None),
    tooltip=["theme", "comments"]).properties(height=200))
search = st.text_input("Search the comments", key="carer_comments_search")
theme = st.selectbox("Theme", [None, *themes["theme"].tolist()], format_func=lambda t: "Any theme" if t is None else t,
                     key="carer_comments_theme")
found = queries.comments(period, search, theme, version)
st.caption(f"{len(found)} comments shown (at most 500).")
table(found.assign(themes=found["themes"].map(", ".join)), f"carer-comments-{period}", "carer_comments_table")
