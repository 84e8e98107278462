"""Co-production gaps: do commissioners' claims to work with carers' organisations stand up?

Reads coproduction_headlines (over the region/type filter), mart_coproduction_gap and mart_disputed_evidence (redacted).
"""

import altair as alt
import streamlit as st

from board.sections import gap_figures, gap_sentences
from dashboards import queries
from dashboards.ui.components import empty_state, filter_note, open_commissioner_dashboard, table
from dashboards.ui.maps import sha_tiles

_, period, chosen = open_commissioner_dashboard(
    "Co-production gaps",
    "What commissioners claim about working with carers' organisations, against how those organisations rate them.",
    "coproduction",
)
version = queries.data_version()
head = queries.coproduction_headlines(period, chosen.region, chosen.org_type, version).iloc[0]
if not filter_note(chosen, int(head["commissioners"])):
    st.stop()
if not head["responders"] and not head["rated"]:
    empty_state("return or rating for this quarter")
    st.stop()
for column, figure in zip(st.columns(3), gap_figures(head), strict=True):
    column.metric(figure.label, figure.value, help=figure.note)
headline, report_reading = gap_sentences(head)
st.write(headline)
st.caption(report_reading)

gap = queries.coproduction_gap(period, chosen.region, chosen.org_type, version)
rated = gap[gap["ratings"] > 0]
chart = (
    alt.Chart(rated)
    .mark_circle(size=90, opacity=0.8)
    .encode(
        x=alt.X(
            "median_rating:Q",
            title="Median rating by carers' organisations (0 none to 3 co-produced)",
            scale=alt.Scale(domain=[-0.2, 3.2]),
        ),
        y=alt.Y("claims_engagement:N", title="Claims to work with them", sort="descending"),
        yOffset="jitter:Q",
        color=alt.Color(
            "category:N",
            title="Category",
            scale=alt.Scale(
                domain=["disputed", "confirmed", "agreed_not_engaged", "unclaimed_engagement"],
                range=["#d4351c", "#00703c", "#505a5f", "#1d70b8"],
            ),
        ),
        shape=alt.Shape("category:N", title="Category"),
        tooltip=["name", "median_rating", "ratings", "category"],
    )
    .transform_calculate(jitter="random()")
    .properties(height=260)
)
rule = alt.Chart().mark_rule(strokeDash=[4, 4]).encode(x=alt.datum(2))
st.altair_chart(chart + rule)
st.caption(
    "Disputed (red, to the left of the line at 2, “consulted”): claims engagement that carers' "
    "organisations do not confirm. Categories use the median of all ratings a commissioner received."
)
st.altair_chart(sha_tiles(gap.assign(sha_name=gap["parent_code"]), "category", "Category"))

st.subheader("Every commissioner")
table(
    gap[["name", "org_code", "claims_engagement", "ratings", "median_rating", "min_rating", "category"]],
    f"coproduction-{period}",
    "coproduction_table",
)
st.subheader("Disputed claims: what carers' organisations said")
evidence = queries.disputed_evidence(period, chosen.region, chosen.org_type, version)
st.caption("Names, e-mail addresses, phone numbers and postcodes are removed from the evidence.")
table(evidence, f"disputed-evidence-{period}", "coproduction_evidence")
