"""The quarterly review's content, built once from the marts and shown three ways: page, HTML, PDF."""

from __future__ import annotations

from datetime import datetime

import duckdb

from board import queries
from board.review_types import Figure, Review, Section
from board.sections import carers_section, money_section, plans_section, quotes_section
from board.summary import Headlines, summarise
from presentation import charts


def build_review(con: duckdb.DuckDBPyConnection, quarter: str) -> Review:
    current = queries.headlines(con, quarter)
    previous_quarter = queries.previous_quarter(con, quarter)
    previous = queries.headlines(con, previous_quarter) if previous_quarter else None
    sections = [
        headline_section(current, previous),
        plans_section(con, quarter),
        money_section(con, quarter),
        carers_section(con, quarter),
        action_plan_section(con, quarter),
        kpi_section(con, quarter),
        quotes_section(con, quarter),
    ]
    return Review(quarter, datetime.now(), summarise(current, previous), sections)


def _change(now: float | None, before: float | None, unit: str = "") -> str | None:
    if now is None or before is None:
        return None
    delta = now - before
    return (
        "no change" if delta == 0 else f"{delta:+,.1f}{unit}".replace(".0" + unit, unit) if unit else f"{delta:+,.0f}"
    )


def headline_section(current: Headlines, previous: Headlines | None) -> Section:
    before = previous or Headlines(current.quarter, None, None, None, None, None, None)
    figures = [
        Figure(
            "Commissioners with a published plan",
            _count(current.published_plans),
            _change(current.published_plans, before.published_plans),
            f"of {current.commissioners:,} commissioners in the wave" if current.commissioners else None,
        ),
        Figure(
            "Not responded twice running",
            _count(current.repeat_non_responders),
            _change(current.repeat_non_responders, before.repeat_non_responders),
        ),
        Figure(
            "Carer survey responses",
            _count(current.carer_responses),
            _change(current.carer_responses, before.carer_responses),
        ),
    ]
    return Section("headlines", "Headline numbers", "Change is since the previous quarter.", figures=figures)


def action_plan_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    actions = queries.action_status(con, quarter)
    if actions.empty:
        return Section("action_plan", "Action plan", "No action has an update yet.")
    counts = queries.rag_counts(actions)
    figures = [Figure(label.capitalize(), f"{counts[label]:,}") for label in ("red", "amber", "green", "overdue")]
    table = actions.assign(overdue=actions["overdue"].map({True: "overdue", False: ""}))[
        ["title", "owner", "target_date", "rag", "overdue", "narrative"]
    ].rename(columns={"title": "action", "target_date": "target date", "rag": "RAG"})
    return Section(
        "action_plan",
        "Action plan",
        "Each action's latest update; overdue actions first.",
        figures=figures,
        tables=[("Actions by status", table)],
        charts=[charts.rag_bar(counts)],
    )


def kpi_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    values = queries.kpis(con, quarter)
    if values.empty:
        return Section("kpis", "Key performance indicators", "No KPI has a value yet.")
    latest = values[values["period"] == quarter][["name", "value", "target", "unit", "rag", "value_source"]]
    return Section(
        "kpis",
        "Key performance indicators",
        "Each KPI against its target; RAG by rule: green meets the target, amber is short by no "
        "more than the KPI's margin, red is further off.",
        tables=[(f"KPIs in {quarter}", latest)],
        charts=[charts.kpi_small_multiples(values)],
    )


def _count(value: int | None) -> str:
    return "not available" if value is None else f"{value:,}"
