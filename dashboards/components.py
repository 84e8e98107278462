"""Widgets every dashboard shares: the wave filter that persists across pages, downloads, suppression."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from dashboards import queries

SUPPRESSED = "suppressed"
SUPPRESSION_NOTE = "Figures from fewer than 5 respondents are shown as “suppressed”, never as a number, so no carer can be singled out."


def wave_picker(survey_code: str, key: str, *, published_only: bool = False) -> str | None:
    """A quarter picker whose choice carries over to the next page (kept in `filter_period`)."""
    periods = queries.periods(survey_code, queries.data_version(), published_only)
    if not periods:
        return None
    remembered = st.session_state.get("filter_period")
    index = periods.index(remembered) if remembered in periods else 0
    period = st.selectbox("Quarter", periods, index=index, key=key,
                          help="The survey wave. Your choice is kept as you move between pages.")
    st.session_state["filter_period"] = period
    return period


def empty_state(what: str) -> None:
    st.info(f"There is no {what} yet. It appears here once answers for a wave have landed "
            "(an administrator opens waves and imports files; `python -m pipelines demo` adds demo data).")


def percent(value) -> str:
    return SUPPRESSED if value is None or pd.isna(value) else f"{value:.1f}%"


def downloads(table: pd.DataFrame, name: str, key: str) -> None:
    """The table as CSV and as Excel, side by side."""
    excel = io.BytesIO()
    table.to_excel(excel, index=False)
    left, right = st.columns(2)
    left.download_button("Download CSV", table.to_csv(index=False), f"{name}.csv", "text/csv", key=f"{key}_csv")
    right.download_button("Download Excel", excel.getvalue(), f"{name}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx")


def table(frame: pd.DataFrame, name: str, key: str, **options) -> None:
    st.dataframe(frame, hide_index=True, **options)
    downloads(frame, name, key)
