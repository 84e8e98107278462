"""Altair charts of the review; the page draws them, the pack saves them as vector SVG."""

from __future__ import annotations

import altair as alt
import pandas as pd

RAG_COLOURS = alt.Scale(domain=["red", "amber", "green"], range=["#d4351c", "#f47738", "#00703c"])


def rag_bar(counts: dict[str, int]) -> alt.Chart:
    data = pd.DataFrame(
        {"status": ["red", "amber", "green"], "actions": [counts[r] for r in ("red", "amber", "green")]}
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("actions:Q", title="Actions"),
            y=alt.Y("status:N", sort=["red", "amber", "green"], title=None),
            color=alt.Color("status:N", scale=RAG_COLOURS, legend=None),
            tooltip=["status", "actions"],
        )
    )
    labels = bars.mark_text(align="left", dx=3).encode(text="actions:Q", color=alt.value("black"))
    return (bars + labels).properties(width=320, height=90, title="Actions by RAG status")


def kpi_small_multiples(values: pd.DataFrame) -> alt.Chart:
    """One small chart per KPI: its value per quarter (points labelled with RAG) and the target line."""
    base = alt.Chart(values).encode(x=alt.X("period:N", title=None))
    line = base.mark_line(color="#505a5f").encode(y=alt.Y("value:Q", title=None))
    points = base.mark_point(filled=True, size=70).encode(
        y="value:Q",
        color=alt.Color("rag:N", scale=RAG_COLOURS, title="RAG"),
        shape=alt.Shape("rag:N", title="RAG"),
        tooltip=["name", "period", "value", "target", "rag"],
    )
    target = base.mark_rule(strokeDash=[4, 3], color="#0b0c0c").encode(y="target:Q")
    return (
        (line + points + target)
        .properties(width=190, height=120)
        .facet(facet=alt.Facet("name:N", title=None), columns=3)
        .resolve_scale(y="independent")
    )
