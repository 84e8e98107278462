"""Plain-English sentences about what changed since the previous wave, written from the headline figures.

Each sentence says which wave it compares with, and states only what the figures can know: while a
wave is still open its non-response is "not yet", so it neither names repeat non-responders nor says
that everyone answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from presentation import formats
from presentation.changes import SAME, UNCLEAR, half_width, judge


@dataclass(frozen=True)
class Headlines:
    """The quarter's headline figures; None where the figure is suppressed or not collected."""

    quarter: str
    published_plans: int | None = None
    asked: int | None = None
    answered: int | None = None
    repeat_non_responders: int | None = None
    carer_responses: int | None = None
    satisfied_pct: float | None = None
    satisfied_lower: float | None = None
    satisfied_upper: float | None = None
    had_break_pct: float | None = None
    had_break_lower: float | None = None
    had_break_upper: float | None = None
    is_open: bool = False


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _returns(current: Headlines) -> str | None:
    if current.asked is None:
        return None
    answered = current.answered or 0
    if current.is_open:
        return f"This wave is still open: {answered:,} of {current.asked:,} returns so far."
    return f"{answered:,} of the {current.asked:,} commissioners asked sent a return."


def _published(current: Headlines, previous: Headlines | None, since: str | None) -> str | None:
    if current.published_plans is None:
        return None
    now = current.published_plans
    of = f" ({now:,} of the {current.asked:,} asked)" if current.asked else ""
    change = judge(now, None if previous is None else previous.published_plans, since=since, higher_is_better=True)
    if change is None:
        return f"{_plural(now, 'commissioner has', 'commissioners have')} published a plan{of}."
    if change.judgement == SAME:
        return f"No change since {since} in the number of commissioners with a published plan{of}."
    more = now - (previous.published_plans or 0)  # type: ignore[union-attr]
    if more > 0:
        return (
            f"{_plural(more, 'more commissioner has', 'more commissioners have')} a published plan than in {since}{of}."
        )
    return (
        f"{_plural(-more, 'fewer commissioner has', 'fewer commissioners have')} a published plan than in {since}{of}."
    )


def _repeats(current: Headlines, since: str | None) -> str | None:
    if since is None or current.is_open or current.repeat_non_responders is None:
        return None
    if current.repeat_non_responders:
        return (
            f"{_plural(current.repeat_non_responders, 'commissioner', 'commissioners')} asked sent no return "
            f"in this wave nor in {since}."
        )
    return f"No commissioner asked missed both this wave and {since}."


def _carers(current: Headlines, previous: Headlines | None, since: str | None) -> str | None:
    if current.carer_responses is None:
        return None
    tail = (
        ""
        if since is None or previous is None or previous.carer_responses is None
        else (f" ({previous.carer_responses:,} in {since})")
    )
    return f"{_plural(current.carer_responses, 'carer', 'carers')} answered the survey{tail}."


def _measure(current: Headlines, previous: Headlines | None, since: str | None, name: str, what: str) -> str | None:
    now = getattr(current, f"{name}_pct")
    if formats.missing(now):
        return None
    sentence = f"{what.capitalize()}: {formats.percent(now)}"
    if previous is None:
        return sentence + "."
    change = judge(
        now,
        getattr(previous, f"{name}_pct"),
        since=since,
        higher_is_better=True,
        unit="points",
        half_widths=(
            half_width(getattr(current, f"{name}_lower"), getattr(current, f"{name}_upper")),
            half_width(getattr(previous, f"{name}_lower"), getattr(previous, f"{name}_upper")),
        ),
    )
    if change is None:
        return sentence + "."
    if change.judgement in (SAME, UNCLEAR):
        return f"{sentence}, {change.delta} since {since}: {change.judgement} (within the 95% interval)."
    return f"{sentence}, {change.delta} since {since}: {change.judgement}."


def summarise(current: Headlines, previous: Headlines | None, quarter_name: str, since: str | None) -> list[str]:
    """The sentences, most important first; a first wave says there is nothing to compare it with."""
    sentences = []
    if since is None:
        sentences.append(f"{quarter_name} is the first wave of its series, so there is nothing to compare it with.")
    for sentence in (
        _returns(current),
        _published(current, previous, since),
        _repeats(current, since),
        _carers(current, previous, since),
        _measure(current, previous, since, "satisfied", "carers satisfied with support"),
        _measure(current, previous, since, "had_break", "carers who had a break"),
    ):
        if sentence:
            sentences.append(sentence)
    return sentences
