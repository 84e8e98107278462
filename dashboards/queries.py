"""One cached reader per mart; parameters bound; the cache is keyed on the data's version.

`version` changes whenever a batch lands or anything is audited (a wave published, a revision),
so a page never shows figures older than the data. Pages call these and draw; no arithmetic here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.database import cursor


def data_version() -> tuple:
    return tuple(
        cursor()
        .execute("select (select max(batch_id) from import_batches), (select max(audit_id) from audit_log)")
        .fetchall()[0]
    )


def _read(sql: str, params: list | None = None) -> pd.DataFrame:
    return cursor().execute(sql, params or []).df()


@st.cache_data(show_spinner=False)
def periods(survey_code: str | None, version: tuple, published_only: bool = False) -> list[str]:
    """The periods with a wave of the survey (of any survey when None), latest first."""
    extra = " and published_at is not null" if published_only else ""
    return _read(
        f"select distinct period from waves where (survey_code = ? or ? is null){extra} order by period desc",
        [survey_code, survey_code],
    )["period"].tolist()


@st.cache_data(show_spinner=False)
def wave_series(survey_code: str, period: str, version: tuple) -> dict:
    """The wave's place in its series (int_wave_series): `previous_period` (None for a first wave) and
    `is_open` (still taking answers, so its non-response is not yet a finding)."""
    found = _read(
        "select previous_period, is_open, opens, closes from int_wave_series where survey_code = ? and period = ?",
        [survey_code, period],
    )
    if found.empty:
        return {"previous_period": None, "is_open": False, "opens": None, "closes": None}
    row = found.iloc[0]
    return {
        "previous_period": None if pd.isna(row["previous_period"]) else row["previous_period"],
        "is_open": bool(row["is_open"]),
        "opens": row["opens"],
        "closes": row["closes"],
    }


# The commissioner filters as bound parameters: region ('none' = no region) and organisation type,
# None meaning all. The per-commissioner marts carry region_code and type for this.
COMMISSIONER_FILTER = "(? is null or coalesce(region_code, 'none') = ?) and (? is null or type = ?)"


def _filter_params(region: str | None, org_type: str | None) -> list:
    return [region, region, org_type, org_type]


def _commissioner_rows(mart: str, order: str, period: str, region: str | None, org_type: str | None) -> pd.DataFrame:
    """One wave's rows of a per-commissioner mart under the commissioner filters (`mart` and `order`
    are this module's constants, never user input)."""
    return _read(
        f"select * from {mart} where period = ? and {COMMISSIONER_FILTER} order by {order}",
        [period, *_filter_params(region, org_type)],
    )


@st.cache_data(show_spinner=False)
def commissioner_filter_options(period: str, version: tuple) -> pd.DataFrame:
    """The regions and types of the wave's commissioners: only these are offered as filters."""
    return _read(
        "select distinct coalesce(region_code, 'none') as region_code, case region_type "
        "when 'SHA' then region_name || ' SHA' when 'NHS_REGION' then region_name || ' (NHS region)' "
        "else 'No region' end as region_label, type from mart_plan_status_by_commissioner "
        "where period = ? order by region_label, type",
        [period],
    )


@st.cache_data(show_spinner=False)
def plan_status(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    """Shares over the filtered commissioners, both denominators counted in SQL (plan_status_shares)."""
    return _read(
        "select * from plan_status_shares(?, ?) where period = ? order by sort_order", [region, org_type, period]
    )


@st.cache_data(show_spinner=False)
def plan_status_league(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    return _commissioner_rows("mart_plan_status_by_commissioner", "status, name", period, region, org_type)


@st.cache_data(show_spinner=False)
def repeat_non_responders(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    # region and type come from the wave's commissioners (a left join keeps everyone when unfiltered)
    return _read(
        "select n.org_code, n.org_name as name, c.type, c.region_name, n.previous_org_codes "
        "from mart_repeat_non_responders as n left join mart_plan_status_by_commissioner as c "
        "on c.period = n.period and c.org_code = n.org_code "
        f"where n.survey_code = 'commissioner_return' and n.period = ? and {COMMISSIONER_FILTER} order by name",
        [period, *_filter_params(region, org_type)],
    )


@st.cache_data(show_spinner=False)
def coproduction_headlines(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    """Headline shares over the filtered commissioners, counted in SQL (coproduction_headlines)."""
    return _read("select * from coproduction_headlines(?, ?) where period = ?", [region, org_type, period])


@st.cache_data(show_spinner=False)
def coproduction_gap(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    return _commissioner_rows("mart_coproduction_gap", "category, name", period, region, org_type)


@st.cache_data(show_spinner=False)
def disputed_evidence(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    return _read(
        "select commissioner_code, commissioner_name, rater_name, rating, evidence "
        f"from mart_disputed_evidence where period = ? and {COMMISSIONER_FILTER} "
        "order by commissioner_name, rater_name",
        [period, *_filter_params(region, org_type)],
    )


@st.cache_data(show_spinner=False)
def breaks_money(period: str, region: str | None, org_type: str | None, version: tuple) -> pd.DataFrame:
    return _commissioner_rows("mart_breaks_money", "reports_none, name", period, region, org_type)


@st.cache_data(show_spinner=False)
def carer_experience(period: str, breakdown: str, version: tuple) -> pd.DataFrame:
    return _read(
        "select * from mart_carer_experience where period = ? and breakdown = ? order by measure, group_code",
        [period, breakdown],
    )


@st.cache_data(show_spinner=False)
def carer_trend(version: tuple) -> pd.DataFrame:
    return _read("select * from mart_carer_experience where breakdown = 'all' order by period, measure")


@st.cache_data(show_spinner=False)
def benchmarks(period: str, version: tuple) -> pd.DataFrame:
    return _read("select * from mart_carer_experience_benchmarks where period = ?", [period])


@st.cache_data(show_spinner=False)
def comments(period: str, search: str, theme: str | None, version: tuple) -> pd.DataFrame:
    return _read(
        "select comment, themes from mart_carer_comments where period = ? and comment ilike ? "
        "and (? is null or list_contains(themes, ?)) order by response_id limit 500",
        [period, f"%{search}%", theme, theme],
    )


@st.cache_data(show_spinner=False)
def comment_themes(period: str, version: tuple) -> pd.DataFrame:
    return _read("select * from mart_comment_themes where period = ? order by comments desc", [period])


@st.cache_data(show_spinner=False)
def organisation_names(types: tuple[str, ...], version: tuple) -> pd.DataFrame:
    return _read("select code, name, type from organisations where list_contains(?, type) order by name", [list(types)])


@st.cache_data(show_spinner=False)
def commissioner_lineage(org_code: str, version: tuple) -> pd.DataFrame:
    return _read(
        "select * from mart_commissioner_lineage where focus_code = ? order by effective_date, direction", [org_code]
    )


@st.cache_data(show_spinner=False)
def commissioner_history(org_code: str, version: tuple) -> pd.DataFrame:
    return _read("select * from mart_commissioner_history where focus_code = ? order by period", [org_code])


@st.cache_data(show_spinner=False)
def published_results(period: str, version: tuple) -> pd.DataFrame:
    return _read("select * from mart_published_results where period = ? order by name", [period])


@st.cache_data(show_spinner=False)
def published_headlines(version: tuple) -> pd.DataFrame:
    return _read("select * from mart_published_headlines order by period desc")


@st.cache_data(show_spinner=False)
def published_plan_status(period: str, version: tuple) -> pd.DataFrame:
    """A published wave's plan status shares (mart_plan_status); nothing for a wave not published."""
    return _read(
        "select s.* from mart_plan_status as s inner join mart_published_headlines as h on h.wave_id = s.wave_id "
        "where s.period = ? order by s.sort_order",
        [period],
    )


@st.cache_data(show_spinner=False)
def published_carers(period: str, version: tuple) -> pd.DataFrame:
    """The period's published carers' survey figures, all areas and by area, as suppressed by the mart."""
    return _read(
        "select * from mart_published_carer_experience where period = ? order by measure, breakdown, area_name",
        [period],
    )
