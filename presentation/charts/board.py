"""Charts of the Board's own plan: actions by RAG status and each KPI against its target."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from presentation import formats, labels
from presentation.charts.base import (
    FIT_WIDTH,
    PACK_WIDTH,
    Drawn,
    bars_with_values,
    categories,
    category_scale,
    layered,
    legend_below,
    rows_height,
    shape_scale,
    tooltip,
    zero_to,
)


def rag_bar(counts: dict[str, int]) -> Drawn:
    """Actions per RAG status, red first: each bar named in words ("Red: off track") and its count
    written on it. One bar's row is BAR_STEP high, so the chart never collapses; no legend (the names
    are on the axis), which leaves the KPIs' the pack's only legend."""
    rags = list(labels.values("rag"))
    names, _ = categories("rag")
    data = pd.DataFrame({"rag": names, "actions": [counts.get(rag, 0) for rag in rags]})
    base = alt.Chart(data).encode(
        y=alt.Y(
            "rag:N",
            sort=names,
            scale=alt.Scale(domain=names),
            title=labels.column("rag").label,
            axis=alt.Axis(title=None, labelLimit=200),
        ),
        tooltip=[tooltip("rag"), alt.Tooltip("actions:Q", title="Actions")],
    )
    x = alt.X("actions:Q", title="Actions", scale=zero_to(data["actions"] * 1.1), axis=alt.Axis(tickMinStep=1))
    colour = alt.Color("rag:N", title=labels.column("rag").label, scale=category_scale("rag"), legend=None)
    return bars_with_values(base, x, "actions", colour).properties(
        width=PACK_WIDTH,
        height=rows_height(len(names)),
        autosize=FIT_WIDTH,
        title="Actions by RAG status",
        description="Actions by RAG status.",
    )


def kpi_charts(values: pd.DataFrame) -> list[Drawn]:
    """One chart per KPI, each the page's width (a grid of them would not fit a phone): its value per
    quarter on its own scale (0 to 100 for a percentage, from 0 otherwise), each point marked with its RAG
    in colour, shape and a word, and the target as a horizontal rule. `values` is mart_kpi_rag up to the
    quarter. Only the last chart has the RAG legend, so the pack has one."""
    kpis = [kpi for _, kpi in values.groupby("kpi_code", sort=True)]
    return [_kpi_chart(kpi, legend=index == len(kpis) - 1) for index, kpi in enumerate(kpis)]


def _kpi_chart(kpi: pd.DataFrame, *, legend: bool) -> Drawn:
    rag_names = labels.values("rag")
    key = legend_below() if legend else None
    name = str(kpi["name"].iloc[0])
    data = kpi.assign(
        quarter=kpi["period"].map(lambda p: formats.period_name(str(p)).split(" (")[0]),
        rag_name=kpi["rag"].map(lambda r: formats.text(rag_names.get(r) if isinstance(r, str) else None, "no RAG")),
        rag_word=kpi["rag"].map(lambda r: str(r).capitalize() if isinstance(r, str) else ""),
        shown=kpi["value"].map(formats.number),
        target_shown=kpi["target"].map(lambda t: formats.number(t, "no target")),
    )
    percent = (kpi["unit"] == "%").any()
    scale = (
        alt.Scale(domain=[0, 100], nice=False) if percent else zero_to(pd.concat([kpi["value"], kpi["target"]]) * 1.15)
    )  # room for the words over the points
    unit = str(kpi["unit"].iloc[0])
    y_title = unit if percent else unit.capitalize()  # one title for every layer's y, or Vega lists them all
    y = alt.Y("value:Q", title=y_title, scale=scale)
    base = alt.Chart(data).encode(
        x=alt.X("quarter:N", title="Quarter", sort=None, axis=alt.Axis(title=None, labelAngle=0))
    )
    line = base.mark_line(color="#505a5f").encode(y=y)
    points = base.mark_point(filled=True, size=70).encode(
        y=y,
        color=alt.Color("rag_name:N", title=labels.column("rag").label, scale=category_scale("rag"), legend=key),
        shape=alt.Shape("rag_name:N", title=labels.column("rag").label, scale=shape_scale("rag"), legend=key),
        tooltip=[
            tooltip("quarter", title="Quarter"),
            tooltip("shown", title="Value"),
            tooltip("target_shown", title="Target"),
            tooltip("rag_name", title=labels.column("rag").label),
        ],
    )
    words = base.mark_text(dy=-10, fontSize=10, color="#0b0c0c", aria=False).encode(y=y, text="rag_word:N")
    target = (
        alt.Chart(data)
        .mark_rule(strokeDash=[4, 3], color="#0b0c0c")
        .encode(y=alt.Y("target:Q", scale=scale, title=y_title), tooltip=[tooltip("target_shown", title="Target")])
    )
    target_words = (
        alt.Chart(data.tail(1))
        .mark_text(align="right", baseline="top", dy=4, x="width", color="#0b0c0c", aria=False)
        .encode(y=alt.Y("target:Q", scale=scale, title=y_title), text=alt.value("target"))
    )
    return layered(line, target, target_words, points, words).properties(
        width=PACK_WIDTH,
        height=150,
        autosize=FIT_WIDTH,
        title=alt.Title(textwrap.wrap(name, 50), fontSize=12),
        description=f"{name}: quarter by quarter against its target.",
    )
