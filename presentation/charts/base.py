"""What every chart shares: sizes, scales, colours and shapes by category, tooltips, legends, and the
words a chart shows when it has nothing to draw."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any, TypeAlias

import altair as alt
import pandas as pd

from presentation import labels

# Every chart fits its width to the page (or the pack's PACK_WIDTH) and keeps the plot height it asks
# for, legends added below. Streamlit's own default for a single chart ("fit") squeezes the legends and
# axes into that height, which left the RAG chart a line and the scatter with no plot at all.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
PACK_WIDTH = 560  # the pack's text column, in pixels; on a page Streamlit uses the page's width instead
BAR_STEP = 34  # the height of one bar's row: a chart grows with its bars and never collapses to a line
PERCENT_AXIS = alt.Axis(labelExpr="datum.value + '%'")
NO_DATA = "no answers yet"
# what the builders return; the page draws any of them with st.altair_chart, the pack with vl-convert
Drawn: TypeAlias = alt.Chart | alt.LayerChart | alt.ConcatChart | alt.FacetChart


def categories(kind: str, codes: Iterable[str] | None = None) -> tuple[list[str], list[str]]:
    """(names, colours) of a kind's categories in the labels file's order (`codes` only, if given)."""
    names, colours = labels.values(kind), labels.colours(kind)
    chosen = [code for code in names if codes is None or code in set(codes)]
    return [names[code] for code in chosen], [colours[code] for code in chosen]


def category_scale(kind: str, codes: Iterable[str] | None = None) -> alt.Scale:
    """The colour scale of a kind of category, keyed by the category's name, as legends show it."""
    names, colours = categories(kind, codes)
    return alt.Scale(domain=names, range=colours)


def shape_scale(kind: str) -> alt.Scale:
    names, shapes = labels.values(kind), labels.shapes(kind)
    return alt.Scale(domain=list(names.values()), range=[shapes[code] for code in names])


def jitter(code: object) -> float:
    """Where in its row a point sits, from 0 to 1: a hash of its code, so the same on every run (crc32,
    not `hash()`, which Python salts per process)."""
    return zlib.crc32(str(code).encode("utf-8")) % 1000 / 999


def tooltip(field: str, kind: str = "N", title: str | None = None) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:{kind}", title=title or labels.column(field).label)


def zero_to(values: pd.Series, at_least: float = 1) -> alt.Scale:
    """A scale from 0 to the largest value (never an empty or zero-width domain, which draws no axis)."""
    top = pd.to_numeric(values, errors="coerce").max()
    return alt.Scale(domain=[0, max(at_least, 0 if pd.isna(top) else float(top))], nice=True)


def measure_scale(unit: str | None) -> alt.Scale:
    """A carer measure's own scale: 0 to 100 for a percentage, 0 to 12 for the quality-of-life score."""
    return alt.Scale(domain=[0, 12] if unit == "score 0-12" else [0, 100], nice=False)


def layered(*charts: alt.Chart | alt.LayerChart) -> alt.LayerChart:
    return alt.LayerChart(layer=list(charts))


def rows_height(rows: int) -> int:
    """The plot height of a bar chart: BAR_STEP a bar, and never less than three bars' worth, so a chart
    of one group or of none still has room for its axis and its words."""
    return BAR_STEP * max(rows, 3)


def when_empty(chart: alt.Chart | alt.LayerChart, frame: pd.DataFrame, words: str = NO_DATA) -> Drawn:
    """The chart, with `words` written across it when it has nothing to draw: its axes still show."""
    if not frame.empty:
        return chart
    note = (
        alt.Chart(pd.DataFrame({"words": [words]}))
        .mark_text(fontSize=14, color="#505a5f")
        .encode(text=alt.Text("words:N", title="Note"))
    )
    return layered(chart, note)


def bars_with_values(base: alt.Chart, x: alt.X, text: str, colour: Any) -> alt.LayerChart:
    """Horizontal bars with their value written at the end of each bar, in text, not colour."""
    bars = base.mark_bar().encode(x=x, color=colour)
    values = base.mark_text(align="left", dx=4, color="#0b0c0c", aria=False).encode(x=x, text=f"{text}:N")
    return layered(bars, values)


def legend_below() -> alt.Legend:
    """A legend under the chart, one column of names: it fits a phone's width and never hides the marks.
    A long name ("Confirmed: claims it and ...") goes on two lines, the category over what it means. The
    symbols' edge is kept thin and the symbols large: Streamlit's theme draws a thick edge, which in the
    marks' dark outline hid each symbol's colour."""
    return alt.Legend(
        orient="bottom",
        direction="vertical",
        labelLimit=0,
        titleLimit=0,
        labelExpr="split(datum.label, ': ')",
        symbolStrokeWidth=0.5,
        symbolSize=120,
    )
