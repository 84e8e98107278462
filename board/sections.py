"""The review's sections that read the dashboards' marts: plans, co-production, money, carers' experience."""

from __future__ import annotations

import duckdb
import pandas as pd

from board import queries
from board.review_types import Figure, Quote, Section

MEASURE_NAMES = {
    "carer_quality_of_life": "Quality of life score (0-12)",
    "satisfied": "% satisfied with support",
    "information_easy": "% finding information easy",
    "consulted": "% included or consulted",
    "social_contact": "% with as much social contact as they want",
    "had_break": "% who had a break",
    "assessment_28d": "% of assessments within 28 days",
}


def plans_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    status = queries.mart(
        con,
        "select status_label, commissioners, pct_of_all, pct_of_responders from mart_plan_status "
        "where period = ? order by sort_order",
        quarter,
    )
    gap = queries.mart(
        con,
        "select claiming_pct, not_engaged_pct, gap_points, responders, rated from mart_coproduction_headlines "
        "where period = ?",
        quarter,
    )
    if status.empty:
        return Section("plans", "Plans and co-production", "No commissioners' returns for this quarter.")
    figures = []
    if not gap.empty:
        g = gap.iloc[0]
        figures = [
            Figure(
                "Claim to work with carers' organisations",
                f"{g['claiming_pct']:.1f}%",
                note=f"of {int(g['responders'])} that answered",
            ),
            Figure("Judged not engaged at all", f"{g['not_engaged_pct']:.1f}%", note=f"of {int(g['rated'])} rated"),
            Figure("Gap", f"{g['gap_points']:.1f} points"),
        ]
    table = status.rename(
        columns={"status_label": "status", "pct_of_all": "% of all", "pct_of_responders": "% of those answering"}
    )
    return Section(
        "plans",
        "Plans and co-production",
        "Plan status as a share of all commissioners in the wave and of those that answered.",
        figures=figures,
        tables=[("Plan status", table)],
    )


def money_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    money = queries.mart(
        con,
        "select count(*) filter (where reports_none) as none, count(*) as all_, sum(allocation) as allocation, "
        "sum(actual_spend) as spend from mart_breaks_money where period = ?",
        quarter,
    ).iloc[0]
    if not money["all_"]:
        return Section("money", "Breaks money", "No commissioners' returns for this quarter.")
    figures = [
        Figure("Reported allocation for breaks", _pounds(money["allocation"])),
        Figure("Reported actual spend", _pounds(money["spend"])),
        Figure("Reporting no breaks money", f"{int(money['none'])} of {int(money['all_'])}"),
    ]
    return Section(
        "money",
        "Breaks money",
        "Totals of what commissioners report; those reporting none are counted.",
        figures=figures,
    )


def carers_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    measures = queries.mart(con, queries.sql("carer_vs_england"), quarter, named=True)
    if measures.empty:
        return Section("carers", "Carers' experience", "No carer survey answers for this quarter.")
    table = measures.assign(measure=measures["measure"].map(MEASURE_NAMES))[
        ["measure", "value", "ci_lower", "ci_upper", "base", "england", "england_wave"]
    ].astype(object)
    local = ["value", "ci_lower", "ci_upper", "base"]
    table.loc[measures["suppressed"].to_numpy(), local] = "suppressed"
    table[["england", "england_wave"]] = table[["england", "england_wave"]].fillna("not published")
    table = table.astype(str)  # numbers and words share columns: show them all as text
    return Section(
        "carers",
        "Carers' experience against England",
        "All areas this quarter, with the 95% interval and base, beside England's nearest published value.",
        tables=[("National carer measures", table)],
    )


def quotes_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    quotes = queries.mart(con, queries.sql("quotes"), quarter, named=True)
    return Section(
        "quotes",
        "In carers' words",
        "One comment per theme, with names and contact details removed.",
        quotes=[
            Quote(comment, theme.replace("_", " "))
            for comment, theme in zip(quotes["comment"], quotes["theme"], strict=True)
        ],
    )


def _pounds(total) -> str:
    """A reported total in pounds; a sum over no reported amounts (null, NaN from pandas) says so."""
    return "none reported" if pd.isna(total) else f"£{total:,.0f}"
