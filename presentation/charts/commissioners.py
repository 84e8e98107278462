"""Charts of the commissioners' returns and ratings: plan status, co-production (scatter and tiles) and
breaks money."""

from __future__ import annotations

import altair as alt
import pandas as pd

from presentation import formats, labels
from presentation.charts.base import (
    FIT_WIDTH,
    PACK_WIDTH,
    PERCENT_AXIS,
    Drawn,
    bars_with_values,
    categories,
    category_scale,
    jitter,
    layered,
    legend_below,
    rows_height,
    shape_scale,
    tooltip,
    when_empty,
    zero_to,
)


def plan_status(shares: pd.DataFrame) -> Drawn:
    """Commissioners per plan status, best to worst, as a % of those asked, with the share and count on
    each bar. `shares` is plan_status_shares: status, commissioners, pct_of_all, all_commissioners."""
    asked = int(shares["all_commissioners"].max()) if not shares.empty else 0
    names, _ = categories("plan_status")
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
        tooltip=[tooltip("status_name", title="Plan status"), tooltip("shown", title="Commissioners")],
    )
    x = alt.X("pct_of_all:Q", title=title, scale=alt.Scale(domain=[0, 100], nice=False), axis=PERCENT_AXIS)
    colour = alt.Color("status_name:N", title="Plan status", scale=category_scale("plan_status"), legend=None)
    chart = bars_with_values(base, x, "shown", colour)
    return when_empty(chart, data).properties(
        width=PACK_WIDTH,
        height=rows_height(len(names)),
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
            **_by_category(),
            tooltip=[
                tooltip("name"),
                tooltip("rating_shown", title=labels.column("median_rating").label),
                tooltip("ratings", "Q"),
                tooltip("category_name", title=category),
            ],
        )
    )
    consulted = alt.Chart(pd.DataFrame({"at": [2], "words": ["2: consulted"]}))
    line = consulted.mark_rule(strokeDash=[4, 4], color="#0b0c0c", aria=False).encode(x="at:Q")
    words = consulted.mark_text(align="left", dx=4, baseline="top", y=2, aria=False).encode(x="at:Q", text="words:N")
    chart = when_empty(layered(points, line, words), data, "no commissioner has been rated yet")
    return chart.properties(
        width=PACK_WIDTH,
        height=90 * max(len(rows), 2),
        autosize=FIT_WIDTH,
        description="Co-production: each rated commissioner's middle rating against what it says.",
    )


def _by_category() -> dict:
    """Co-production category by colour and by shape, with one legend of names: the same on the scatter
    and the tiles, so a category looks alike on both."""
    title = labels.column("category").label
    legend = legend_below()
    return {
        "color": alt.Color("category_name:N", title=title, scale=category_scale("coproduction"), legend=legend),
        "shape": alt.Shape("category_name:N", title=title, scale=shape_scale("coproduction"), legend=legend),
    }


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
            **_by_category(),
            tooltip=[
                tooltip("name"),
                tooltip("region", title=region.label),
                tooltip("category_name", title=category),
            ],
        )
    )
    return chart.properties(
        width=PACK_WIDTH,
        height=26 * max(data["region"].nunique(), 4),
        autosize=FIT_WIDTH,
        description="Co-production category of each commissioner, one row per region.",
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
            scale=zero_to(pd.Series(dtype=float)) if reported.empty else alt.Scale(domainMin=0, nice=True),
            axis=alt.Axis(tickMinStep=1),
        ),
    )
    bars = base.mark_bar(color="#1d70b8").encode(tooltip=[alt.Tooltip("count():Q", title="Commissioners")])
    counts = base.mark_text(dy=-6, color="#0b0c0c", aria=False).encode(text="count():Q")
    chart = when_empty(layered(bars, counts), reported, "no commissioner has reported spend and allocation")
    return chart.properties(
        width=PACK_WIDTH,
        height=220,
        autosize=FIT_WIDTH,
        description=f"Commissioners by {title.lower()}, in steps of 10%.",
    )
