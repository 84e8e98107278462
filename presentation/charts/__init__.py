"""Every chart the pages and the board pack draw, built in one place so that they look and read alike.

- One colour per category (`[colours.<kind>]` in labels.toml), the same on every chart: plan status best
  to worst, co-production, RAG. Categories are named in words on the chart (axis labels, legends, text on
  the marks), so colour is never the only carrier of meaning.
- Axes on the real scale: ratings 0 to 3, percentages 0 to 100%, counts from 0. A chart with no data, one
  point or a suppressed wave keeps its axes, and says in words what is missing.
- Nothing random: points are spread within a row by a hash of their ODS code, so they stay put between runs.
- Values on the bars, targets as horizontal rules; legends, axis titles and tooltips from labels.toml.

Charts carry a width for the pack (vl-convert has no page to fill); Streamlit stretches them to the page.
"""

from __future__ import annotations

from presentation.charts.base import Drawn, category_scale, jitter, measure_scale
from presentation.charts.board import kpi_charts, rag_bar
from presentation.charts.carers import carer_groups, carer_trend, comment_themes, hex_map
from presentation.charts.commissioners import coproduction, plan_status, sha_tiles, spend_share

__all__ = [
    "Drawn",
    "carer_groups",
    "carer_trend",
    "category_scale",
    "comment_themes",
    "coproduction",
    "hex_map",
    "jitter",
    "kpi_charts",
    "measure_scale",
    "plan_status",
    "rag_bar",
    "sha_tiles",
    "spend_share",
]
