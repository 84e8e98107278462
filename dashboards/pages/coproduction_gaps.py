"""Co-production gaps: do commissioners' claims to work with carers' organisations stand up?

Reads coproduction_headlines (over the region/type filter), mart_coproduction_gap and mart_disputed_evidence (redacted).
"""

import streamlit as st

from board.sections import gap_figures, gap_sentences
from dashboards import queries
from dashboards.ui.components import empty_state, filter_note, open_commissioner_dashboard, table
from presentation import charts

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
st.altair_chart(charts.coproduction(gap))
st.caption(
    "Disputed (red triangles, left of the line at 2, “consulted”): claims engagement that carers' "
    "organisations do not confirm. Categories use the median of all ratings a commissioner received."
)
st.altair_chart(charts.sha_tiles(gap))

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
