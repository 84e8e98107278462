"""Carer experience: how do carers here fare on the national measures, against all areas and England?

Reads mart_carer_experience (values, bases, 95% intervals, suppression) and
mart_carer_experience_benchmarks (England's and the council's published values, nearest wave).
"""

import pandas as pd
import streamlit as st

import surveys
from board.sections import published_words
from dashboards import queries
from dashboards.ui.components import SUPPRESSION_NOTE, open_dashboard, remembered_select, table
from dashboards.ui.maps import hex_map
from presentation import charts, formats

MEASURES = {
    "carer_quality_of_life": "Quality of life score (0-12)",
    "satisfied": "% satisfied with support",
    "information_easy": "% finding information easy",
    "consulted": "% included or consulted",
    "social_contact": "% with as much social contact as they want",
    "had_break": "% who had a break",
    "assessment_28d": "% of assessments completed within 28 days",
}
GROUPS = {
    "age_band": "AGEBAND",
    "sex": "SEX",
    "ethnicity": "ETHNIC",
    "hours_caring": "HOURS",
    "own_health": "OWNHEALTH",
}

_, period = open_dashboard(
    "Carer experience",
    "The national carer measures from our carer survey, computed as the national survey computes them.",
    "carer_experience",
    "carer_experience",
    "carer survey answer",
)
version = queries.data_version()
areas = queries.carer_experience(period, "area", version)
overall = queries.carer_experience(period, "all", version)
names = queries.organisation_names(("LA",), version).set_index("code")["name"]
area = remembered_select(
    st,
    "Area",
    ["all", *sorted(areas["group_code"].unique(), key=lambda c: names.get(c, c))],
    "filter_area",
    "carer_experience_area",
    "area",
    format_func=lambda c: "All areas" if c == "all" else names.get(c, c),
)

chosen = overall if area == "all" else areas[areas["group_code"] == area]
bench = queries.benchmarks(period, version)
england = bench[bench["area"] == "england"].set_index("measure")
council = bench[bench["area"] == area].set_index("measure")
rows = chosen[chosen["measure"].isin(MEASURES)].merge(
    overall[["measure", "value"]].rename(columns={"value": "all_areas"}), on="measure"
)
rows["measure_name"] = rows["measure"].map(MEASURES)


def published(found: pd.DataFrame, measure: str) -> str:
    if measure not in found.index:
        return "not published"
    row = found.loc[measure]
    return published_words(row["published_value"], row["published_wave"], row["same_year"])


rows["England"] = rows["measure"].map(lambda m: published(england, m))
rows["Council's published value"] = rows["measure"].map(
    lambda m: published(council, m) if area != "all" else "not applicable"
)
shown = rows[
    ["measure_name", "value", "ci_lower", "ci_upper", "base", "all_areas", "England", "Council's published value"]
]
table(shown, f"carer-experience-{period}-{area}", "carer_experience_table")
st.caption(
    "Base: the usable answers (answers such as “not received any support” are left out of it). "
    "95% interval: Wilson for percentages, mean ± 1.96 sd/√n for the score. " + SUPPRESSION_NOTE
)

measure = remembered_select(
    st,
    "Measure for the charts",
    list(MEASURES),
    "filter_measure",
    "carer_experience_measure",
    "measure",
    format_func=lambda code: MEASURES[code],
)
breakdown = st.selectbox(
    "Carer group", list(GROUPS), format_func=lambda g: g.replace("_", " "), key="carer_experience_group"
)
groups = queries.carer_experience(period, breakdown, version)
groups = groups[groups["measure"] == measure]
labels = {o.code: o.label for o in surveys.load("carer_experience").question(GROUPS[breakdown]).options}
groups = groups.assign(group=groups["group_code"].map(labels))
st.altair_chart(charts.carer_groups(groups, measure))
st.caption(f"Groups without a bar are {formats.suppressed()}, or shown blank to protect one that is.")

trend = queries.carer_trend(version)
st.subheader("All areas, over waves")
st.altair_chart(charts.carer_trend(trend, measure))

map_values = areas[areas["measure"] == measure].rename(columns={"group_code": "code"})
chart, missing = hex_map(map_values.assign(name=map_values["code"].map(names)), "LA", "value", MEASURES[measure])
st.altair_chart(chart)
if not missing.empty:
    st.caption("Areas without a tile on the map: " + ", ".join(missing["code"].map(names).fillna(missing["code"])))

st.subheader("The 2008 strategy's five outcomes")
values = chosen.set_index("measure")
for outcome in surveys.outcomes():
    st.markdown(f"**{outcome['title']}**")
    for code, label in outcome["measures"].items():
        value = values["value"].get(code)
        st.write(f"- {label}: {formats.percent(value)}")
