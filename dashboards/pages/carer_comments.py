"""Carers' comments: what would make the biggest difference, in carers' words (redacted).

Reads mart_carer_comments (redacted text, themes) and mart_comment_themes (counts per theme).
"""

import streamlit as st

from dashboards import queries
from dashboards.ui.components import open_dashboard, table
from presentation import charts

_, period = open_dashboard(
    "Carers' comments",
    "Answers to “What one thing would make the biggest difference to you as a carer?”. "
    "Names, e-mail addresses, phone numbers, postcodes and NHS numbers are removed.",
    "carer_experience",
    "carer_comments",
    "carer survey answer",
)
version = queries.data_version()
themes = queries.comment_themes(period, version)
st.altair_chart(charts.comment_themes(themes))
search = st.text_input("Search the comments", key="carer_comments_search")
theme = st.selectbox(
    "Theme",
    [None, *themes["theme"].tolist()],
    format_func=lambda t: "Any theme" if t is None else t,
    key="carer_comments_theme",
)
found = queries.comments(period, search, theme, version)
st.caption(f"{len(found)} comments shown (at most 500).")
table(found.assign(themes=found["themes"].map(", ".join)), f"carer-comments-{period}", "carer_comments_table")
