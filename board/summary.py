"""Plain-English sentences about what changed since the last quarter, written from the headline figures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headlines:
    """The quarter's headline figures; None where the figure is suppressed or not collected."""

    quarter: str
    published_plans: int | None
    commissioners: int | None
    repeat_non_responders: int | None
    carer_responses: int | None
    satisfied_pct: float | None
    had_break_pct: float | None


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _published_change(now: int, before: int) -> str:
    change = now - before
    if change == 0:
        return f"No change in the number of commissioners with published plans ({now:,})."
    if change > 0:
        return (
            f"{_plural(change, 'more commissioner', 'more commissioners')} published plans this quarter "
            f"({now:,} in all)."
        )
    return (
        f"{_plural(-change, 'fewer commissioner has', 'fewer commissioners have')} a published plan "
        f"than last quarter ({now:,} in all)."
    )


def _points_change(now: float | None, before: float | None, what: str) -> str | None:
    if now is None:
        return None
    if before is None:
        return f"{what.capitalize()}: {now:.1f}%."
    change = round(now - before, 1)
    if change == 0:
        return f"{what.capitalize()}: {now:.1f}%, no change since last quarter."
    direction = "up" if change > 0 else "down"
    return f"{what.capitalize()}: {now:.1f}%, {direction} {abs(change):.1f} points since last quarter."


def summarise(current: Headlines, previous: Headlines | None) -> list[str]:
    """The sentences, most important first; a first quarter says there is nothing to compare with."""
    sentences = []
    if previous is None:
        sentences.append(
            f"{current.quarter} is the first quarter with data, so there is nothing to compare it with yet."
        )
        if current.published_plans is not None:
            sentences.append(
                f"{_plural(current.published_plans, 'commissioner has', 'commissioners have')} published plans."
            )
    elif current.published_plans is not None and previous.published_plans is not None:
        sentences.append(_published_change(current.published_plans, previous.published_plans))
    if current.repeat_non_responders:
        sentences.append(
            f"{_plural(current.repeat_non_responders, 'commissioner has', 'commissioners have')} "
            "not responded twice running."
        )
    elif current.repeat_non_responders == 0 and previous is not None:
        sentences.append("Every commissioner responded in at least one of the last two quarters.")
    if current.carer_responses is not None:
        before = previous.carer_responses if previous else None
        tail = "" if before is None else f" (last quarter: {before:,})"
        sentences.append(f"{_plural(current.carer_responses, 'carer', 'carers')} answered the survey{tail}.")
    for now_pct, before_pct, what in (
        (current.satisfied_pct, previous.satisfied_pct if previous else None, "carers satisfied with support"),
        (current.had_break_pct, previous.had_break_pct if previous else None, "carers who had a break"),
    ):
        sentence = _points_change(now_pct, before_pct, what)
        if sentence:
            sentences.append(sentence)
    return sentences
