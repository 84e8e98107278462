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

import textwrap
import zlib
from collections.abc import Iterable
from typing import Any, TypeAlias

import altair as alt
import pandas as pd

from presentation import formats, labels

# Every chart fits its width to the page (or the pack's PACK_WIDTH) and keeps the plot height it asks
# for, legends added below. Streamlit's own default for a single chart ("fit") squeezes the legends and
# axes into that height, which left the RAG chart a line and the scatter with no plot at all.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
PACK_WIDTH = 560  # the pack's text column, in pixels; on a page Streamlit uses the page's width instead
BAR_STEP = 34  # the height of one bar's row: a chart grows with its bars and never collapses to a line
PERCENT_AXIS = alt.Axis(labelExpr="datum.value + '%'")
NO_DATA = "no answers yet"
HEXAGON = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"  # a tile of the maps, pointy side up
# what the builders return; the page draws any of them with st.altair_chart, the pack with vl-convert
Drawn: TypeAlias = alt.Chart | alt.LayerChart | alt.ConcatChart | alt.FacetChart


def _categories(kind: str, codes: Iterable[str] | None = None) -> tuple[list[str], list[str]]:
    """(names, colours) of a kind's categories in the labels file's order (`codes` only, if given)."""
    names, colours = labels.values(kind), labels.colours(kind)
    chosen = [code for code in names if codes is None or code in set(codes)]
    return [names[code] for code in chosen], [colours[code] for code in chosen]


def category_scale(kind: str, codes: Iterable[str] | None = None) -> alt.Scale:
    """The colour scale of a kind of category, keyed by the category's name, as legends show it."""
    names, colours = _categories(kind, codes)
    return alt.Scale(domain=names, range=colours)


def _shape_scale(kind: str) -> alt.Scale:
    names, shapes = labels.values(kind), labels.shapes(kind)
    return alt.Scale(domain=list(names.values()), range=[shapes[code] for code in names])


def jitter(code: object) -> float:
    """Where in its row a point sits, from 0 to 1: a hash of its code, so the same on every run (crc32,
    not `hash()`, which Python salts per process)."""
    return zlib.crc32(str(code).encode("utf-8")) % 1000 / 999


def _tooltip(field: str, kind: str = "N", title: str | None = None) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:{kind}", title=title or labels.column(field).label)


def _zero_to(values: pd.Series, at_least: float = 1) -> alt.Scale:
    """A scale from 0 to the largest value (never an empty or zero-width domain, which draws no axis)."""
    top = pd.to_numeric(values, errors="coerce").max()
    return alt.Scale(domain=[0, max(at_least, 0 if pd.isna(top) else float(top))], nice=True)


def measure_scale(unit: str | None) -> alt.Scale:
    """A carer measure's own scale: 0 to 100 for a percentage, 0 to 12 for the quality-of-life score."""
    return alt.Scale(domain=[0, 12] if unit == "score 0-12" else [0, 100], nice=False)


def _layer(*charts: alt.Chart | alt.LayerChart) -> alt.LayerChart:
    return alt.LayerChart(layer=list(charts))


def _rows_height(rows: int) -> int:
    """The plot height of a bar chart: BAR_STEP a bar, and never less than three bars' worth, so a chart
    of one group or of none still has room for its axis and its words."""
    return BAR_STEP * max(rows, 3)


def _when_empty(chart: alt.Chart | alt.LayerChart, frame: pd.DataFrame, words: str = NO_DATA) -> Drawn:
    """The chart, with `words` written across it when it has nothing to draw: its axes still show."""
    if not frame.empty:
        return chart
    note = (
        alt.Chart(pd.DataFrame({"words": [words]}))
        .mark_text(fontSize=14, color="#505a5f")
        .encode(text=alt.Text("words:N", title="Note"))
    )
    return _layer(chart, note)


def _bars_with_values(base: alt.Chart, x: alt.X, text: str, colour: Any) -> alt.LayerChart:
    """Horizontal bars with their value written at the end of each bar, in text, not colour."""
    bars = base.mark_bar().encode(x=x, color=colour)
    values = base.mark_text(align="left", dx=4, color="#0b0c0c", aria=False).encode(x=x, text=f"{text}:N")
    return _layer(bars, values)


def plan_status(shares: pd.DataFrame) -> Drawn:
    """Commissioners per plan status, best to worst, as a % of those asked, with the share and count on
    each bar. `shares` is plan_status_shares: status, commissioners, pct_of_all, all_commissioners."""
    asked = int(shares["all_commissioners"].max()) if not shares.empty else 0
    names, _ = _categories("plan_status")
    data = shares.assign(
        status_name=shares["status"].map(lambda code: labels.value("plan_status", code)),
        shown=[
            f"{formats.percent(pct, '0.0%')} ({formats.count(n, '0')})"
            for pct, n in zip(shares["pct_of_all"], shares["commissioners"], strict=True)
        ],
    )
    title = f"{labels.column('pct_of_all').label} ({formats.count(asked, '0')} commissioners)"
    base = alt.Chart(data).encode(
        y=alt.Y(
            "status_name:N",
            sort=names,
            scale=alt.Scale(domain=names),
            title="Plan status",
            axis=alt.Axis(title=None, labelLimit=260),
        ),
        tooltip=[_tooltip("status_name", title="Plan status"), _tooltip("shown", title="Commissioners")],
    )
    x = alt.X("pct_of_all:Q", title=title, scale=alt.Scale(domain=[0, 100], nice=False), axis=PERCENT_AXIS)
    colour = alt.Color("status_name:N", title="Plan status", scale=category_scale("plan_status"), legend=None)
    chart = _bars_with_values(base, x, "shown", colour)
    return _when_empty(chart, data).properties(
        width=PACK_WIDTH,
        height=_rows_height(len(names)),
        autosize=FIT_WIDTH,
        description=f"Plan status: {title.lower()}, best to worst.",
    )


def coproduction(gap: pd.DataFrame) -> Drawn:
    """Each rated commissioner: its middle rating (0 to 3) across, whether it says it works with carers'
    organisations up the side, its co-production category by colour and shape. `gap` is mart_coproduction_gap."""
    rated = gap[gap["ratings"] > 0]
    claims = labels.column("claims_engagement")
    no_return = claims.empty or formats.NOT_APPLICABLE
    data = rated.assign(
        claims=rated["claims_engagement"].map(lambda v: formats.yes_no(v, no_return)),
        category_name=rated["category"].map(lambda c: labels.value("coproduction", c)),
        rating_shown=rated["median_rating"].map(formats.decimal),
        jitter=rated["org_code"].map(jitter),
    )
    data = data.assign(said=data["name"] + ": " + data["category_name"] + "; middle rating " + data["rating_shown"])
    rows = [row for row in ("Yes", "No", no_return) if row in set(data["claims"])] or ["Yes", "No"]
    category = labels.column("category").label
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=80, opacity=0.85, stroke="#0b0c0c", strokeWidth=0.4)
        .encode(
            x=alt.X(
                "median_rating:Q",
                title=labels.column("median_rating").label,
                scale=alt.Scale(domain=[0, 3], nice=False, padding=8),
                axis=alt.Axis(values=[0, 1, 2, 3], format="d"),
            ),
            y=alt.Y("claims:N", title=claims.label, sort=rows, scale=alt.Scale(domain=rows)),
            yOffset=alt.YOffset("jitter:Q", scale=alt.Scale(domain=[-0.1, 1.1])),
            description=alt.Description("said:N"),  # what a screen reader hears: no field names
            color=alt.Color("category_name:N", title=category, scale=category_scale("coproduction"), legend=_legend()),
            shape=alt.Shape("category_name:N", title=category, scale=_shape_scale("coproduction"), legend=_legend()),
            tooltip=[
                _tooltip("name"),
                _tooltip("rating_shown", title=labels.column("median_rating").label),
                _tooltip("ratings", "Q"),
                _tooltip("category_name", title=category),
            ],
        )
    )
    consulted = alt.Chart(pd.DataFrame({"at": [2], "words": ["2: consulted"]}))
    line = consulted.mark_rule(strokeDash=[4, 4], color="#0b0c0c", aria=False).encode(x="at:Q")
    words = consulted.mark_text(align="left", dx=4, baseline="top", y=2, aria=False).encode(x="at:Q", text="words:N")
    chart = _when_empty(_layer(points, line, words), data, "no commissioner has been rated yet")
    return chart.properties(
        width=PACK_WIDTH,
        height=90 * max(len(rows), 2),
        autosize=FIT_WIDTH,
        description="Co-production: each rated commissioner's middle rating against what it says.",
    )


def _legend() -> alt.Legend:
    """A legend under the chart, one column of names: it fits a phone's width and never hides the marks.
    A long name ("Confirmed: claims it and ...") goes on two lines, the category over what it means."""
    return alt.Legend(
        orient="bottom", direction="vertical", labelLimit=0, titleLimit=0, labelExpr="split(datum.label, ': ')"
    )


def sha_tiles(gap: pd.DataFrame) -> Drawn:
    """Commissioners as tiles in one row per SHA or NHS region, coloured and shaped by co-production
    category exactly as on the scatter. `gap` is mart_coproduction_gap (region_name, org_code, category)."""
    region = labels.column("region_name")
    category = labels.column("category").label
    data = gap.sort_values("org_code").assign(
        region=gap["region_name"].map(lambda name: formats.text(name, region.empty or "")),
        category_name=gap["category"].map(lambda c: labels.value("coproduction", c)),
    )
    data = data.assign(slot=data.groupby("region").cumcount(), said=data["name"] + ": " + data["category_name"])
    chart = (
        alt.Chart(data)
        .mark_point(filled=True, size=120, opacity=1, stroke="#0b0c0c", strokeWidth=0.5)
        .encode(
            x=alt.X("slot:O", axis=None),
            description=alt.Description("said:N"),
            y=alt.Y("region:N", title=region.label, sort="ascending"),
            color=alt.Color("category_name:N", title=category, scale=category_scale("coproduction"), legend=_legend()),
            shape=alt.Shape("category_name:N", title=category, scale=_shape_scale("coproduction"), legend=_legend()),
            tooltip=[
                _tooltip("name"),
                _tooltip("region", title=region.label),
                _tooltip("category_name", title=category),
            ],
        )
    )
    return chart.properties(
        width=PACK_WIDTH,
        height=26 * max(data["region"].nunique(), 4),
        autosize=FIT_WIDTH,
        description="Co-production category of each commissioner, one row per region.",
    )


def hex_map(placed: pd.DataFrame, value: str, title: str, unit: str | None) -> Drawn:
    """Equal-sized tiles per area (`placed`: x, y, name and `value`, from dashboards.ui.maps), shaded by
    the value on its own scale; an area whose value is suppressed or missing stays grey and says so."""
    data = placed.assign(shown=placed[value].map(lambda v: formats.number(v, formats.SUPPRESSED)))
    data = data.assign(said=data["name"].fillna(data["code"]) + ": " + data["shown"])
    base = alt.Chart(data).encode(
        x=alt.X("x:Q", axis=None),
        y=alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True)),
        tooltip=[_tooltip("name", title="Area"), _tooltip("shown", title=title)],
        description=alt.Description("said:N"),
    )
    every_area = base.mark_point(shape=HEXAGON, filled=True, size=260, stroke="white", color="#dddddd")
    # the shaded tiles repeat what the grey ones already tell a screen reader, so they are hidden from it
    shaded = base.mark_point(shape=HEXAGON, filled=True, size=260, stroke="white", aria=False)
    with_value = shaded.transform_filter(f"isValid(datum['{value}'])").encode(
        color=alt.Color(f"{value}:Q", title=title, scale=alt.Scale(scheme="blues", domain=measure_scale(unit).domain))
    )
    return _layer(every_area, with_value).properties(
        width=420,
        height=520,
        autosize=FIT_WIDTH,
        description=f"Map of {title.lower()} by area; grey: suppressed or no answers.",
    )


def spend_share(money: pd.DataFrame) -> Drawn:
    """How many commissioners spent each tenth of their allocation, 0% upwards, with the count on each bar.
    `money` is mart_breaks_money; those reporting no money, or no allocation, are left out (said below it)."""
    reported = money[~money["reports_none"].astype(bool) & money["spend_share_pct"].notna()]
    top = max(100.0, float(reported["spend_share_pct"].max()) if not reported.empty else 0.0)
    top = 10 * -(-top // 10)  # up to the next whole tenth, so the last bin is whole
    binned = alt.Bin(step=10, extent=[0, top])
    title = labels.column("spend_share_pct").label
    base = alt.Chart(reported).encode(
        x=alt.X("spend_share_pct:Q", bin=binned, title=title, scale=alt.Scale(domain=[0, top]), axis=PERCENT_AXIS),
        y=alt.Y(
            "count():Q",
            title="Commissioners",
            scale=_zero_to(pd.Series(dtype=float)) if reported.empty else alt.Scale(domainMin=0, nice=True),
            axis=alt.Axis(tickMinStep=1),
        ),
    )
    bars = base.mark_bar(color="#1d70b8").encode(tooltip=[alt.Tooltip("count():Q", title="Commissioners")])
    counts = base.mark_text(dy=-6, color="#0b0c0c", aria=False).encode(text="count():Q")
    chart = _when_empty(_layer(bars, counts), reported, "no commissioner has reported spend and allocation")
    return chart.properties(
        width=PACK_WIDTH,
        height=220,
        autosize=FIT_WIDTH,
        description=f"Commissioners by {title.lower()}, in steps of 10%.",
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
            _tooltip("group"),
            _tooltip("shown", title=title),
            _tooltip("ci_lower", "Q"),
            _tooltip("ci_upper", "Q"),
            _tooltip("base", "Q"),
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
    chart = _when_empty(_layer(bars, interval, values), data)
    return chart.properties(
        width=PACK_WIDTH,
        height=_rows_height(data["group"].nunique()),
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
    base = alt.Chart(data).encode(x=x, tooltip=[_tooltip("wave", title="Quarter"), _tooltip("shown", title=title)])
    line = base.mark_line(point=alt.OverlayMarkDef(size=70, filled=True), color="#1d70b8").encode(y=y)
    values = base.mark_text(dy=-12, color="#0b0c0c", aria=False).encode(y=y, text="shown:N")
    suppressed = (
        base.transform_filter("!isValid(datum.value)")
        .transform_calculate(at="0")
        .mark_text(dy=-8, color="#505a5f")
        .encode(y=alt.Y("at:Q", scale=measure_scale(unit), title=title), text=alt.Text("shown:N", title=title))
    )
    chart = _when_empty(_layer(line, values, suppressed), data)
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
        tooltip=[_tooltip("theme_name", title=labels.column("theme").label), _tooltip("shown", title="Comments")],
    )
    x = alt.X("comments:Q", title=labels.column("comments").label, scale=_zero_to(data["comments"] * 1.1))
    chart = _bars_with_values(base, x, "shown", alt.value("#1d70b8"))
    return _when_empty(chart, data).properties(
        width=PACK_WIDTH, height=_rows_height(len(data)), autosize=FIT_WIDTH, description="Carers' comments per theme."
    )


def rag_bar(counts: dict[str, int]) -> Drawn:
    """Actions per RAG status, red first: each bar named in words ("Red: off track") and its count
    written on it. One bar's row is BAR_STEP high, so the chart never collapses; no legend (the names
    are on the axis), which leaves the KPIs' the pack's only legend."""
    rags = list(labels.values("rag"))
    names, _ = _categories("rag")
    data = pd.DataFrame({"rag": names, "actions": [counts.get(rag, 0) for rag in rags]})
    base = alt.Chart(data).encode(
        y=alt.Y(
            "rag:N",
            sort=names,
            scale=alt.Scale(domain=names),
            title=labels.column("rag").label,
            axis=alt.Axis(title=None, labelLimit=200),
        ),
        tooltip=[_tooltip("rag"), alt.Tooltip("actions:Q", title="Actions")],
    )
    x = alt.X("actions:Q", title="Actions", scale=_zero_to(data["actions"] * 1.1), axis=alt.Axis(tickMinStep=1))
    colour = alt.Color("rag:N", title=labels.column("rag").label, scale=category_scale("rag"), legend=None)
    return _bars_with_values(base, x, "actions", colour).properties(
        width=PACK_WIDTH,
        height=_rows_height(len(names)),
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
    key = _legend() if legend else None
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
        alt.Scale(domain=[0, 100], nice=False) if percent else _zero_to(pd.concat([kpi["value"], kpi["target"]]) * 1.15)
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
        shape=alt.Shape("rag_name:N", title=labels.column("rag").label, scale=_shape_scale("rag"), legend=key),
        tooltip=[
            _tooltip("quarter", title="Quarter"),
            _tooltip("shown", title="Value"),
            _tooltip("target_shown", title="Target"),
            _tooltip("rag_name", title=labels.column("rag").label),
        ],
    )
    words = base.mark_text(dy=-10, fontSize=10, color="#0b0c0c", aria=False).encode(y=y, text="rag_word:N")
    target = (
        alt.Chart(data)
        .mark_rule(strokeDash=[4, 3], color="#0b0c0c")
        .encode(y=alt.Y("target:Q", scale=scale, title=y_title), tooltip=[_tooltip("target_shown", title="Target")])
    )
    target_words = (
        alt.Chart(data.tail(1))
        .mark_text(align="right", baseline="top", dy=4, x="width", color="#0b0c0c", aria=False)
        .encode(y=alt.Y("target:Q", scale=scale, title=y_title), text=alt.value("target"))
    )
    return _layer(line, target, target_words, points, words).properties(
        width=PACK_WIDTH,
        height=150,
        autosize=FIT_WIDTH,
        title=alt.Title(textwrap.wrap(name, 50), fontSize=12),
        description=f"{name}: quarter by quarter against its target.",
    )
