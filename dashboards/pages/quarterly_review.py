"""Quarterly review: what the Carers Board looks at each quarter, on one page, and the pack in one click.

Reads the review built by `board.review.build_review` (marts: mart_action_plan, mart_kpi_rag and the
headline marts); the board pack (HTML and PDF) is made from the very same content.
"""

import streamlit as st

import settings
from board.export import make_pack
from board.review import build_review
from board.review_types import Review, Section
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown, wave_picker

user = require_role("board", "administrator")
st.title("Quarterly review")
st.write("What was promised, what was done, what carers say and what the figures show, for one quarter.")

con = cursor()
quarter = wave_picker(None, key="quarterly_review_quarter")
if quarter is None:
    st.info("There is nothing to review yet: no survey wave has been opened.")
    st.stop()
review: Review = build_review(con, quarter)


def show(section: Section) -> None:
    st.header(section.title, anchor=section.key)
    if section.intro:
        st.write(section.intro)
    for column, figure in zip(st.columns(max(len(section.figures), 1)), section.figures, strict=False):
        change = figure.change
        column.metric(
            figure.label,
            figure.value,
            delta=change.words if change else None,
            delta_color=change.colour if change else "off",
            help=figure.note,
        )
    for line in section.lines:
        st.write(escape_markdown(line))
    for chart in section.charts:
        st.altair_chart(chart)
    for caption, table in section.tables:
        st.caption(escape_markdown(caption))  # captions and sentences may name a wave by a name of its own
        st.dataframe(table, hide_index=True)
    for quote in section.quotes:  # a carer's words: shown as written, never read as Markdown
        st.markdown("> " + f"{escape_markdown(quote.words)} ({quote.theme})".replace("\n", "\n> "))


st.header(f"What changed in {escape_markdown(review.quarter_name)}", anchor="summary")
for sentence in review.summary:
    st.markdown(f"- {escape_markdown(sentence)}")
for section in review.sections:
    show(section)

st.header("Board pack", anchor="pack")
if st.button("Make the board pack", key="quarterly_review_make_pack", type="primary"):
    with st.spinner("Making the pack..."):
        pack = make_pack(cursor(), quarter, username=user.username, threshold=settings.current().suppression_threshold)
    st.session_state["board_pack"] = (quarter, pack)
made = st.session_state.get("board_pack")
if made and made[0] == quarter:
    pack = made[1]
    st.caption(f"Made in {pack.seconds:.1f} s.")
    st.download_button(
        "Download the pack (PDF)", pack.pdf, f"board-pack-{quarter}.pdf", "application/pdf", key="quarterly_review_pdf"
    )
    st.download_button(
        "Download the pack (HTML)", pack.html, f"board-pack-{quarter}.html", "text/html", key="quarterly_review_html"
    )
