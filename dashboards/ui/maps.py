"""Tile maps: equal-sized hexagons per council or ICB (reference/maps/), or PCTs grouped by SHA.

Every organisation without a tile is returned alongside the chart, so the page lists it instead of
dropping it silently.
"""

from __future__ import annotations

import json
from functools import cache

import altair as alt
import pandas as pd

import settings

HEXAGON = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"
LAYOUTS = {"LA": "upper-tier-local-authorities.hexjson", "ICB": "icb-2022.hexjson"}


@cache
def tiles(kind: str) -> pd.DataFrame:
    """code, x, y of each hex (odd-r layout: odd rows shift half a tile right)."""
    path = settings.current().reference_dir / "maps" / LAYOUTS[kind]
    hexes = json.loads(path.read_text(encoding="utf-8"))["hexes"]
    rows = [{"code": code, "x": h["q"] + (0.5 if h["r"] % 2 else 0), "y": h["r"]} for code, h in hexes.items()]
    return pd.DataFrame(rows)


def hex_map(values: pd.DataFrame, kind: str, value: str, title: str) -> tuple[alt.Chart, pd.DataFrame]:
    """(chart, areas without a tile). `values` has `code`, `name` and the `value` column."""
    placed = tiles(kind).merge(values, on="code", how="left")
    missing = values[~values["code"].isin(placed["code"])]
    chart = (
        alt.Chart(placed)
        .mark_point(shape=HEXAGON, filled=True, size=260, stroke="white")
        .encode(
            x=alt.X("x:Q", axis=None),
            y=alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True)),
            color=alt.Color(f"{value}:Q", title=title, scale=alt.Scale(scheme="blues")),
            tooltip=["name:N", alt.Tooltip(f"{value}:Q", title=title)],
        )
        .properties(width=420, height=520)
    )
    return chart, missing


def sha_tiles(values: pd.DataFrame, colour: str, title: str) -> alt.Chart:
    """PCTs as squares in one row per Strategic Health Authority (no hex layout exists for PCTs)."""
    placed = values.assign(slot=values.groupby("sha_name").cumcount())
    return (
        alt.Chart(placed)
        .mark_square(size=140)
        .encode(
            x=alt.X("slot:O", axis=None),
            y=alt.Y("sha_name:N", title=None),
            color=alt.Color(f"{colour}:N", title=title),
            tooltip=["name:N", f"{colour}:N"],
        )
        .properties(height=260)
    )
