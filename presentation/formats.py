"""Each kind of value as people read it; a missing value becomes the words the caller gives.

The words for a gap matter: "no answers yet", "suppressed: fewer than 5", "not asked" and "not
applicable" mean different things to a Board member, so every formatter takes them (`empty`) rather than
printing whatever pandas holds (`nan`, `None`, `NaT`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pandas as pd

import settings
from pipelines.outreach.periods import FINANCIAL_YEAR, QUARTER

NO_ANSWERS = "no answers yet"
SUPPRESSED = "{suppressed}"  # filled in by `words`: the threshold is a setting
NOT_ASKED = "not asked"
NOT_APPLICABLE = "not applicable"
NOT_REPORTED = "not reported"


def suppressed() -> str:
    """'suppressed: fewer than 5', with the threshold this installation suppresses below."""
    return f"suppressed: fewer than {settings.current().suppression_threshold}"


def words(empty: str) -> str:
    """The words for a missing value, with `{suppressed}` filled in."""
    return empty.replace(SUPPRESSED, suppressed()) if SUPPRESSED in empty else empty


def missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas' NA: anything that would print as a placeholder."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # a list or array is a value, not a gap
        return False


def count(value: object, empty: str = NOT_APPLICABLE) -> str:
    """A whole number with thousands separators: 1250.0 -> '1,250'."""
    return words(empty) if missing(value) else f"{round(float(value)):,}"  # type: ignore[arg-type]


def pounds(value: object, empty: str = NOT_REPORTED) -> str:
    """Money to the pound with separators: 1255000 -> '£1,255,000'."""
    return words(empty) if missing(value) else f"£{round(float(value)):,}"  # type: ignore[arg-type]


def percent(value: object, empty: str = SUPPRESSED, decimals: int = 1) -> str:
    """A percentage to one decimal: 37.0 -> '37.0%'."""
    return words(empty) if missing(value) else f"{float(value):.{decimals}f}%"  # type: ignore[arg-type]


def points(value: object, empty: str = NOT_APPLICABLE) -> str:
    """A difference of percentages, signed: 12.5 -> '+12.5 points'."""
    if missing(value):
        return words(empty)
    number = float(value)  # type: ignore[arg-type]
    word = "point" if abs(number) == 1 else "points"
    return f"{number:+.1f} {word}" if number else f"0.0 {word}"


def decimal(value: object, empty: str = NOT_APPLICABLE, decimals: int = 1) -> str:
    """A score or rating on its own scale: 2.0 -> '2.0'."""
    return words(empty) if missing(value) else f"{float(value):.{decimals}f}"  # type: ignore[arg-type]


def day(value: object, empty: str = NOT_APPLICABLE) -> str:
    """A date without a time: 2013-04-01 00:00:00 -> '1 April 2013'."""
    if missing(value):
        return words(empty)
    if isinstance(value, str):
        value = pd.Timestamp(value)
    if isinstance(value, datetime | pd.Timestamp):
        value = value.date()
    assert isinstance(value, date)
    return f"{value.day} {value:%B %Y}"


def moment(value: object, empty: str = NOT_APPLICABLE) -> str:
    """A date and time to the minute, for when something happened: '2 December 2026 at 14:05'."""
    if missing(value):
        return words(empty)
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return f"{stamp.day} {stamp:%B %Y} at {stamp:%H:%M}"


def yes_no(value: object, empty: str = NOT_APPLICABLE) -> str:
    return words(empty) if missing(value) else ("Yes" if value else "No")


def text(value: object, empty: str = NOT_APPLICABLE) -> str:
    return words(empty) if missing(value) or str(value) == "" else str(value)


def number(value: object, empty: str = NOT_APPLICABLE) -> str:
    """A number of unknown kind: whole numbers without a decimal point, others to one decimal."""
    if missing(value):
        return words(empty)
    if isinstance(value, int | Decimal) or float(value).is_integer():  # type: ignore[arg-type]
        return count(value, empty)
    return decimal(value, empty)


def period_name(label: str, start: date | None = None, end: date | None = None) -> str:
    """A wave's period with no room to mistake a calendar quarter for a financial one:
    '2011-Q4' -> '2011-12 Q3 (October to December 2011)'; '2011-12' -> '2011-12 (April 2011 to March
    2012)'; a named period keeps its name, with its days when they are known."""
    if quarter := QUARTER.match(label):
        year, number_ = int(quarter[1]), int(quarter[2])
        first_month = 3 * number_ - 2
        financial_start = year if number_ > 1 else year - 1
        financial_quarter = number_ - 1 if number_ > 1 else 4
        months = f"{date(year, first_month, 1):%B} to {date(year, first_month + 2, 1):%B} {year}"
        return f"{financial_start}-{(financial_start + 1) % 100:02d} Q{financial_quarter} ({months})"
    if FINANCIAL_YEAR.match(label):
        year = int(label[:4])
        return f"{label} (April {year} to March {year + 1})"
    if start is not None and end is not None:
        return f"{label} ({day(start)} to {day(end)})"
    return label
