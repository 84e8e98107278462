"""The quarterly review's content, built once from the marts and shown three ways: page, HTML, PDF."""

from __future__ import annotations

from datetime import datetime

import duckdb

import settings
from board import charts, queries
from board.accountability import chase_section, disputed_section
from board.review_types import Figure, Review, Section
from board.sections import carers_section, money_section, plans_section, quotes_section
from board.summary import Headlines, summarise
from presentation import formats
from presentation.changes import judge
from presentation.tables import for_people


def build_review(con: duckdb.DuckDBPyConnection, quarter: str, *, threshold: int | None = None) -> Review:
    threshold = settings.current().suppression_threshold if threshold is None else threshold
    current = queries.headlines(con, quarter)
    previous_quarter = queries.previous_quarter(con, quarter)
    previous = queries.headlines(con, previous_quarter) if previous_quarter else None
    name = queries.wave_name(con, quarter)
    since = queries.wave_name(con, previous_quarter) if previous_quarter else None
    sections = [
        headline_section(current, previous, since),
        plans_section(con, quarter),
        disputed_section(con, quarter),
        chase_section(con, quarter),
        money_section(con, quarter),
        carers_section(con, quarter),
        action_plan_section(con, quarter),
        kpi_section(con, quarter, name),
        quotes_section(con, quarter, threshold),
    ]
    return Review(quarter, name, since, datetime.now(), summarise(current, previous, name, since), sections)


def headline_section(current: Headlines, previous: Headlines | None, since: str | None) -> Section:
    before = previous or Headlines(current.quarter)
    asked = f"of the {current.asked:,} commissioners asked" if current.asked else "no commissioner was asked"
    figures = [
        Figure(
            "Commissioners with a published plan",
            formats.count(current.published_plans, "no returns yet"),
            judge(current.published_plans, before.published_plans, since=since, higher_is_better=True),
            asked,
        ),
        Figure(
            "Returns so far" if current.is_open else "Returns",
            f"{current.answered or 0:,} of {current.asked or 0:,}",
            judge(current.answered, before.answered, since=since, higher_is_better=True),
            "the wave is still open" if current.is_open else asked,
        ),
        Figure(
            "Not responded twice running",
            "not known until the wave closes"
            if current.is_open
            else formats.count(current.repeat_non_responders, "no earlier wave"),
            None
            if current.is_open
            else judge(
                current.repeat_non_responders, before.repeat_non_responders, since=since, higher_is_better=False
            ),
            "no return in this wave nor in the one before",
        ),
        Figure(
            "Carer survey responses",
            formats.count(current.carer_responses, formats.NO_ANSWERS),
            judge(current.carer_responses, before.carer_responses, since=since, higher_is_better=True),
        ),
    ]
    intro = (
        f"Change is since {since}." if since else "This is the first wave of its series: there is no change to show."
    )
    return Section("headlines", "Headline numbers", intro, figures=figures)


def action_plan_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    actions = queries.action_status(con, quarter)
    if actions.empty:
        return Section("action_plan", "Action plan", "No action has an update yet.")
    counts = queries.rag_counts(actions)
    figures = [
        Figure(label.capitalize(), f"{counts[label]:,}", note="actions")
        for label in ("red", "amber", "green", "overdue")
    ]
    table = for_people(actions, ["title", "owner", "target_date", "rag", "overdue", "narrative"])
    return Section(
        "action_plan",
        "Action plan",
        "Each action's latest update; overdue actions first.",
        figures=figures,
        tables=[("Actions by status", table)],
        charts=[charts.rag_bar(counts)],
    )


def kpi_section(con: duckdb.DuckDBPyConnection, quarter: str, name: str) -> Section:
    values = queries.kpis(con, quarter)
    if values.empty:
        return Section("kpis", "Key performance indicators", "No KPI has a value yet.")
    latest = values[values["period"] == quarter]
    table = for_people(latest, ["name", "value", "target", "unit", "rag", "value_source"], headings={"name": "KPI"})
    return Section(
        "kpis",
        "Key performance indicators",
        "Each KPI against its target; RAG by rule: green meets the target, amber is short by no "
        "more than the KPI's margin, red is further off.",
        tables=[(f"KPIs in {name}", table)],
        charts=[charts.kpi_small_multiples(values)],
    )
