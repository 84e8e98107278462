"""A change since the previous wave, judged for the Board: better, worse, or no clear change.

A count of commissioners is a census (every one asked is counted), so any change in it is real; a
carer percentage is an estimate from a sample, so its change is clear only when it is larger than the
95% interval of the difference (the two intervals' half-widths added in quadrature). Whether up is
good depends on the measure (`higher_is_better`); the arrow's colour then says better (green) or
worse (red), and grey when the change is not clear, so colour never says more than the words do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from presentation import formats

BETTER, WORSE, UNCLEAR, SAME = "better", "worse", "no clear change", "no change"


DELTAS = {
    "count": lambda d: f"{d:+,.0f}" if round(d) else "0",
    "points": formats.points,
    "pounds": lambda d: f"{'+' if d >= 0 else '-'}£{abs(d):,.0f}",
    "score": lambda d: f"{d:+.1f}" if round(d, 1) else "0.0",
}


@dataclass(frozen=True)
class Change:
    delta: str  # signed, as a metric's delta: "+3", "-2.1 points"
    since: str  # the wave compared with, by name
    judgement: str  # BETTER, WORSE, UNCLEAR or SAME
    colour: Literal["normal", "inverse", "off"]  # st.metric's delta_color: green for better either way

    @property
    def words(self) -> str:
        """'+3 since 2011-12 Q2 (July to September 2011): better'."""
        return f"{self.delta} since {self.since}: {self.judgement}"


def judge(
    now: float | None,
    before: float | None,
    *,
    since: str | None,
    higher_is_better: bool,
    unit: Literal["count", "points", "pounds", "score"] = "count",
    half_widths: tuple[float | None, float | None] | None = None,
) -> Change | None:
    """The change from `before` to `now`, or None when either is missing or there is no earlier wave
    (a page then says nothing rather than compare with nothing). `half_widths` are the two 95%
    intervals' half-widths for an estimate; without them the figures are counts of everyone asked."""
    if since is None or formats.missing(now) or formats.missing(before):
        return None
    difference = float(now) - float(before)  # type: ignore[arg-type]
    delta = DELTAS[unit](difference)
    if difference == 0:
        return Change(delta, since, SAME, "off")
    if half_widths is not None:
        low, high = half_widths
        if low is None or high is None or abs(difference) <= math.hypot(low, high):
            return Change(delta, since, UNCLEAR, "off")
    improved = (difference > 0) == higher_is_better
    return Change(delta, since, BETTER if improved else WORSE, "normal" if higher_is_better else "inverse")


def half_width(lower: float | None, upper: float | None) -> float | None:
    """Half the width of a 95% interval; None when the figure is suppressed."""
    if formats.missing(lower) or formats.missing(upper):
        return None
    return (float(upper) - float(lower)) / 2  # type: ignore[arg-type]
