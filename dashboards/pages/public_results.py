"""Published results (public, no sign-in): what the Carers Board has published about carers' breaks.

It leads with what the public asks first: the headline figures of each published wave, "find your area"
(a commissioner or a council), when the wave was published, and the carers' survey figures. Reads
mart_published_headlines, mart_plan_status and mart_published_results (published waves only) and
mart_published_carer_experience, whose figures have been through the disclosure control of
mart_carer_experience: a group of fewer than 5 carers shows "suppressed: fewer than 5", never a number.
"""

import pandas as pd
import streamlit as st

from dashboards import queries
from dashboards.ui.components import SUPPRESSION_NOTE, table, wave_picker
from presentation import formats, labels
from presentation.tables import for_people

# public: anyone may read this page, signed in or not (registry: EVERYONE), and nothing on it is any one
# organisation's to see alone, so there is no role to check; published waves only, through the marts
st.title("Carers' breaks: published results")
st.write(
    "Whether each NHS commissioner has published a plan and budget for carers' breaks, how local carers' "
    "organisations say it involved them, and what carers told the survey, as the Carers Board published them."
)
version = queries.data_version()
headlines = queries.published_headlines(version)
if headlines.empty:
    st.info("No results have been published yet.")
    st.stop()

st.subheader("Headline figures")
table(
    headlines,
    "published-headlines",
    "public_results_headlines",
    ["period", "published_at", "all_commissioners", "responders", "published_plans_pct", "confirmed", "disputed"],
)
period = wave_picker("commissioner_return", key="public_results_wave", published_only=True)
assert period is not None  # a published wave exists, or the page stopped above
wave = headlines[headlines["period"] == period].iloc[0]
asked = int(wave["all_commissioners"])
st.header(formats.period_name(period))
st.write(f"Published on {formats.day(wave['published_at'])}.")
left, middle, right = st.columns(3)
left.metric(
    "Published an updated plan and budget",
    formats.percent(wave["published_plans_pct"], formats.NO_ANSWERS),
    help=f"{int(wave['published_plans']):,} of the {asked:,} commissioners asked.",
)
middle.metric("Claims confirmed by carers' organisations", f"{int(wave['confirmed']):,}", help="Commissioners.")
right.metric("Claims disputed by carers' organisations", f"{int(wave['disputed']):,}", help="Commissioners.")
st.write(
    f"Of the {asked:,} commissioners asked, {int(wave['responders']):,} answered and "
    f"{int(wave['published_plans']):,} had published an updated plan and budget. Carers' organisations rated "
    f"{int(wave['rated']):,} of them: they confirmed {int(wave['confirmed']):,} commissioners' claims to work "
    f"with them and disputed {int(wave['disputed']):,}."
)
table(
    queries.published_plan_status(period, version),
    f"published-plan-status-{period}",
    "public_results_plan_status",
    ["status", "commissioners", "pct_of_all", "pct_of_responders"],
)

results = queries.published_results(period, version)
carers = queries.published_carers(period, version)
by_area = carers[carers["breakdown"] == "area"]
areas = {
    **{
        c: f"{n} ({labels.value('org_type', t)})"
        for c, n, t in zip(results["org_code"], results["name"], results["type"], strict=True)
    },
    **{c: f"{n} (council)" for c, n in zip(by_area["group_code"], by_area["area_name"], strict=True)},
}
st.subheader("Find your area")
chosen = st.selectbox(
    "Commissioner or council",
    sorted(areas, key=lambda code: areas[code]),
    index=None,
    format_func=lambda code: areas[code],
    placeholder="Choose a commissioner or a council",
    key="public_results_area",
)
LINK = {"Where it is published": st.column_config.LinkColumn("Where it is published")}
RETURN_COLUMNS = ["name", "org_code", "type", "plan_status", "published_on", "published_at_url", "coproduction"]
CARER_COLUMNS = ["measure", "value", "ci_lower", "ci_upper", "base", "suppression"]
if chosen is not None:
    own = results[results["org_code"] == chosen]
    if not own.empty:
        st.dataframe(for_people(own, RETURN_COLUMNS), hide_index=True, column_config=LINK)
    council = by_area[by_area["group_code"] == chosen]
    if not council.empty:
        st.write("What carers in this council's area told the survey:")
        st.dataframe(for_people(council, CARER_COLUMNS), hide_index=True)

st.subheader("What carers told the survey")
everyone = carers[carers["breakdown"] == "all"]
if everyone.empty:
    st.write("The carers' survey figures for this quarter have not been published.")
else:
    st.write("All areas together, with the 95% interval and the number of usable answers (the base).")
    table(everyone, f"published-carers-{period}", "public_results_carers", CARER_COLUMNS)
    measure = st.selectbox(
        "By area: measure",
        list(dict.fromkeys(by_area["measure"])),
        format_func=lambda code: labels.value("measure", code),
        key="public_results_measure",
    )
    shown: pd.DataFrame = by_area[by_area["measure"] == measure]
    table(
        shown,
        f"published-carers-by-area-{period}",
        "public_results_carers_area",
        ["area_name", *CARER_COLUMNS[1:]],
    )
    st.caption(SUPPRESSION_NOTE)

st.subheader("Every commissioner")
table(results, f"published-results-{period}", "public_results_table", RETURN_COLUMNS, column_config=LINK)
with st.expander("How these results are made"):
    st.write(
        "Each commissioner reports every quarter whether it has published an updated plan and budget for carers' "
        "breaks, and whether it works with carers' organisations. Carers' organisations rate each commissioner "
        "from 0 (not engaged at all) to 3 (co-produced plans and budgets). “Confirmed”: the commissioner says it "
        "works with carers' organisations and their middle rating is 2 (consulted) or more. “Disputed”: it says "
        "so, but the middle rating is below 2. Shares are of the commissioners asked. Carers' survey figures are "
        "shown only for groups of at least 5 carers, and a group that would let a smaller one be worked out "
        "is hidden too."
    )
