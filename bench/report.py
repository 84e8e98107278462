"""bench/results.md and its plot (time and peak memory against size, log scales; Altair, rendered by vl-convert)."""

from __future__ import annotations

import statistics
from pathlib import Path

import altair as alt
import pandas as pd

from bench.measure import Figure

PLOTTED = ("import", "bare read_csv", "re-import", "start-up", "board pack (HTML and PDF)")


def write(folder: Path, figures: list[Figure], machine: dict[str, str]) -> None:
    sizes = sorted({f.size for f in figures})
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/`); every figure is seconds as min / median / max.",
        "",
    ]
    lines += [f"- {key}: {value}" for key, value in machine.items()]
    lines += ["", "![time and peak memory against size](results.png)", ""]
    for size in sizes:
        at = [f for f in figures if f.size == size]
        lines += [
            f"## {size:,} carer responses",
            "",
            "| what | seconds (min / median / max) | peak MiB (median) | note |",
            "|---|---|---|---|",
        ]
        lines += [_row(f) for f in at]
        lines += ["", *_ratios(at, size), ""]
    (folder / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plot(figures).save(str(folder / "results.png"), scale_factor=1.5)


def _row(figure: Figure) -> str:
    seconds = (
        " / ".join(f"{s:.3f}" for s in (min(figure.seconds), statistics.median(figure.seconds), max(figure.seconds)))
        if figure.seconds
        else ""
    )
    peak = f"{statistics.median(figure.peak_mib):,.0f}" if figure.peak_mib else ""
    return f"| {figure.what} | {seconds} | {peak} | {figure.note} |"


def _median(figures: list[Figure], what: str) -> float | None:
    found = [f for f in figures if f.what == what and f.seconds]
    return statistics.median(found[0].seconds) if found else None


def _ratios(figures: list[Figure], size: int) -> list[str]:
    imported, bare, again = (_median(figures, w) for w in ("import", "bare read_csv", "re-import"))
    lines = []
    if imported and bare:
        lines.append(
            f"- import: {size / imported:,.0f} rows a second; speed against the bare read: {bare / imported:.2f}"
        )
    if imported and again:
        lines.append(f"- re-import of the unchanged file: {again / imported:.3f} of the import")
    for scope in ("one wave", "all waves"):
        mart, pandas = (
            _median(figures, f"mart: carer measures, {scope}, warm"),
            _median(figures, f"pandas: carer measures, {scope}"),
        )
        if mart and pandas:
            lines.append(f"- carer measures, {scope}: the mart is {pandas / mart:.1f} times as fast as pandas")
    worst = max(
        (f for f in figures if f.what.startswith("mart:") and f.what.endswith("warm")),
        key=lambda f: statistics.median(f.seconds),
        default=None,
    )
    if worst:
        lines.append(f"- slowest mart query (warm): {worst.what} {statistics.median(worst.seconds):.3f} s")
    page = max(
        (f for f in figures if f.what.startswith("page:")), key=lambda f: statistics.median(f.seconds), default=None
    )
    if page:
        lines.append(f"- slowest page: {page.what} {statistics.median(page.seconds):.2f} s")
    return lines


def plot(figures: list[Figure]) -> alt.VConcatChart:
    rows = [
        {
            "size": f.size,
            "what": f.what,
            "seconds": statistics.median(f.seconds),
            "peak MiB": statistics.median(f.peak_mib) if f.peak_mib else None,
        }
        for f in figures
        if f.what in PLOTTED and f.seconds
    ]
    frame = pd.DataFrame(rows)
    x = alt.X("size:Q", scale=alt.Scale(type="log"), title="carer responses")
    time = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(x, alt.Y("seconds:Q", scale=alt.Scale(type="log")), color="what:N")
    )
    memory = (
        alt.Chart(frame.dropna(subset=["peak MiB"]))
        .mark_line(point=True)
        .encode(x, alt.Y("peak MiB:Q", scale=alt.Scale(type="log")), color="what:N")
    )
    return alt.vconcat(
        time.properties(title="median seconds", width=420, height=220),
        memory.properties(title="peak memory", width=420, height=220),
    )
