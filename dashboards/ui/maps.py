"""Tile maps: where each council's or ICB's equal-sized hexagon sits (reference/maps/).

Every organisation without a tile is returned alongside the chart, so the page lists it instead of
dropping it silently.
"""

from __future__ import annotations

import json
from functools import cache

import pandas as pd

import settings
from presentation import charts

LAYOUTS = {"LA": "upper-tier-local-authorities.hexjson", "ICB": "icb-2022.hexjson"}


@cache
def tiles(kind: str) -> pd.DataFrame:
    """code, x, y of each hex (odd-r layout: odd rows shift half a tile right)."""
    path = settings.current().reference_dir / "maps" / LAYOUTS[kind]
    hexes = json.loads(path.read_text(encoding="utf-8"))["hexes"]
    rows = [{"code": code, "x": h["q"] + (0.5 if h["r"] % 2 else 0), "y": h["r"]} for code, h in hexes.items()]
    return pd.DataFrame(rows)


def hex_map(values: pd.DataFrame, kind: str, value: str, title: str) -> tuple[charts.Drawn, pd.DataFrame]:
    """(chart, areas without a tile). `values` has `code`, `name`, the `value` column and its `unit`;
    the tiles are placed here, and drawn by presentation.charts like every other chart."""
    placed = tiles(kind).merge(values, on="code", how="left")
    missing = values[~values["code"].isin(placed["code"])]
    units = values["unit"].dropna() if "unit" in values else pd.Series(dtype=str)
    return charts.hex_map(placed, value, title, units.iloc[0] if not units.empty else None), missing
