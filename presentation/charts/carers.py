"""Charts of the carers' survey: a measure by carer group and over waves, the area map, comment themes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from presentation import formats, labels
from presentation.charts.base import (
    FIT_WIDTH,
    PACK_WIDTH,
    Drawn,
    bars_with_values,
    layered,
    measure_scale,
    rows_height,
    tooltip,
    when_empty,
    zero_to,
)

HEXAGON = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"  # a tile of the maps, pointy side up


def hex_map(placed: pd.DataFrame, value: str, title: str, unit: str | None) -> Drawn:
    """Equal-sized tiles per area (`placed`: x, y, name and `value`, from dashboards.ui.maps), shaded by
    the value on its own scale; an area whose value is suppressed or missing stays grey and says so."""
    data = placed.assign(shown=placed[value].map(lambda v: formats.number(v, formats.SUPPRESSED)))
    data = data.assign(said=data["name"].fillna(data["code"]) + ": " + data["shown"])
    base = alt.Chart(data).encode(
        x=alt.X("x:Q", axis=None),
        y=alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True)),
        tooltip=[tooltip("name", title="Area"), tooltip("shown", title=title)],
        description=alt.Description("said:N"),
    )
    every_area = base.mark_point(shape=HEXAGON, filled=True, size=260, stroke="white", color="#dddddd")
    # the shaded tiles repeat what the grey ones already tell a screen reader, so they are hidden from it
    shaded = base.mark_point(shape=HEXAGON, filled=True, size=260, stroke="white", aria=False)
    with_value = shaded.transform_filter(f"isValid(datum['{value}'])").encode(
        color=alt.Color(f"{value}:Q", title=title, scale=alt.Scale(scheme="blues", domain=measure_scale(unit).domain))
    )
    return layered(every_area, with_value).properties(
        width=420,
        height=520,
        autosize=FIT_WIDTH,
        description=f"Map of {title.lower()} by area; grey: suppressed or no answers.",
    )


def carer_groups(groups: pd.DataFrame, measure: str) -> Drawn:
    """One measure per carer group, on the measure's own scale, with its 95% interval and the value written
    on each bar; a suppressed group keeps its row and says so. `groups`: mart_carer_experience rows of one
    measure and breakdown, with `group` (the group's name from the survey definition)."""
    title = labels.value("measure", measure)
    unit = groups["unit"].dropna().iloc[0] if groups["unit"].notna().any() else None
    data = groups.assign(shown=[_measure_text(v, unit) for v in groups["value"]])
    base = alt.Chart(data).encode(
        y=alt.Y("group:N", title=labels.column("group").label, sort=None, axis=alt.Axis(labelLimit=220)),
        tooltip=[
            tooltip("group"),
            tooltip("shown", title=title),
            tooltip("ci_lower", "Q"),
            tooltip("ci_upper", "Q"),
            tooltip("base", "Q"),
        ],
    )
    x = alt.X("value:Q", title=title, scale=measure_scale(unit))
    bars = base.mark_bar(color="#1d70b8").encode(x=x)
    interval = base.mark_rule(color="#0b0c0c").encode(
        x=alt.X("ci_lower:Q", title=labels.column("ci_lower").label, scale=measure_scale(unit)),
        x2=alt.X2("ci_upper:Q", title=labels.column("ci_upper").label),
    )
    # written after the interval's end, or at 0 for a suppressed group, so it never sits on the whisker
    values = (
        base.mark_text(align="left", dx=4, color="#0b0c0c", aria=False)
        .encode(x=alt.X("at:Q", scale=measure_scale(unit)), text="shown:N")
        .transform_calculate(at="isValid(datum.ci_upper) ? datum.ci_upper : 0")
    )
    chart = when_empty(layered(bars, interval, values), data)
    return chart.properties(
        width=PACK_WIDTH,
        height=rows_height(data["group"].nunique()),
        autosize=FIT_WIDTH,
        description=f"{title} by carer group, with 95% intervals.",
    )


def _measure_text(value: object, unit: str | None) -> str:
    if unit == "percent":
        return formats.percent(value, formats.SUPPRESSED)
    return formats.decimal(value, formats.SUPPRESSED)


def carer_trend(trend: pd.DataFrame, measure: str) -> Drawn:
    """One measure for all areas, wave by wave, on its own scale: a single wave is a point, a suppressed
    wave keeps its place on the time axis and says so. `trend`: mart_carer_experience rows, breakdown 'all'."""
    rows = trend[trend["measure"] == measure].sort_values("period")
    title = labels.value("measure", measure)
    unit = rows["unit"].dropna().iloc[0] if rows["unit"].notna().any() else "percent"
    data = rows.assign(
        wave=rows["period"].map(lambda p: formats.period_name(str(p))),
        shown=[_measure_text(v, unit) for v in rows["value"]],
    )
    waves = data["wave"].tolist()
    x = alt.X(
        "wave:N",
        title=labels.column("period").label,
        sort=waves,
        scale=alt.Scale(domain=waves),
        # "2011-12 Q2 (July to September 2011)" on two lines: the financial quarter over the months
        axis=alt.Axis(labelAngle=0, labelExpr="split(replace(datum.label, /[)]$/, ''), ' (')", labelLimit=160),
    )
    y = alt.Y("value:Q", title=title, scale=measure_scale(unit))
    base = alt.Chart(data).encode(x=x, tooltip=[tooltip("wave", title="Quarter"), tooltip("shown", title=title)])
    line = base.mark_line(point=alt.OverlayMarkDef(size=70, filled=True), color="#1d70b8").encode(y=y)
    values = base.mark_text(dy=-12, color="#0b0c0c", aria=False).encode(y=y, text="shown:N")
    suppressed = (
        base.transform_filter("!isValid(datum.value)")
        .transform_calculate(at="0")
        .mark_text(dy=-8, color="#505a5f")
        .encode(y=alt.Y("at:Q", scale=measure_scale(unit), title=title), text=alt.Text("shown:N", title=title))
    )
    chart = when_empty(layered(line, values, suppressed), data)
    return chart.properties(
        width=PACK_WIDTH, height=220, autosize=FIT_WIDTH, description=f"{title} for all areas, wave by wave."
    )


def comment_themes(themes: pd.DataFrame) -> Drawn:
    """Comments per theme, most first, with the count on each bar. `themes` is mart_comment_themes."""
    data = themes.assign(
        theme_name=themes["theme"].map(lambda t: labels.value("theme", t)),
        shown=themes["comments"].map(lambda n: formats.count(n, formats.SUPPRESSED)),
    ).sort_values("comments", ascending=False)
    base = alt.Chart(data).encode(
        y=alt.Y("theme_name:N", title=labels.column("theme").label, sort=data["theme_name"].tolist()),
        tooltip=[tooltip("theme_name", title=labels.column("theme").label), tooltip("shown", title="Comments")],
    )
    x = alt.X("comments:Q", title=labels.column("comments").label, scale=zero_to(data["comments"] * 1.1))
    chart = bars_with_values(base, x, "shown", alt.value("#1d70b8"))
    return when_empty(chart, data).properties(
        width=PACK_WIDTH, height=rows_height(len(data)), autosize=FIT_WIDTH, description="Carers' comments per theme."
    )
