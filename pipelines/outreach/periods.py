"""Periods a wave may cover: a quarter (2011-Q3), a financial year (2011-12) or a named period with its dates.

Councils plan by financial year (1 April to 31 March) and Carers Boards meet quarterly; a one-off
collection ("Winter 2026 check-in") has dates of its own. Anything else is refused in one sentence
that lists the forms, rather than read as something it is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pipelines.errors import PipelineError

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
FINANCIAL_YEAR = re.compile(r"^(\d{4})[-/](\d{2})$")
LOOKS_DATED = re.compile(r"^\d{4}(\s*[-/]|$)")  # a label meant as a quarter or year, so never a custom name
FORMS = (
    "a quarter such as 2011-Q3, a financial year such as 2011-12 (1 April 2011 to 31 March 2012), "
    "or a name of your own with its first and last days"
)


class PeriodRefused(PipelineError):
    """A period label that is none of the accepted forms; the message lists them."""


@dataclass(frozen=True)
class Period:
    label: str  # as stored in waves.period: '2011-Q3', '2011-12' or the name given
    title: str  # as people read it: 'July to September 2011'
    start: date
    end: date


def parse_period(text: str, start: date | None = None, end: date | None = None) -> Period:
    """The period a label names; a custom name needs `start` and `end`, the other forms take theirs from the label."""
    label = " ".join(text.split())
    if quarter := QUARTER.match(label):
        year, number = int(quarter[1]), int(quarter[2])
        first = date(year, 3 * number - 2, 1)
        last = (date(year + (number == 4), (3 * number) % 12 + 1, 1)) - timedelta(days=1)
        return Period(f"{year}-Q{number}", f"{first:%B} to {last:%B %Y}", first, last)
    if year_match := FINANCIAL_YEAR.match(label):
        year, following = int(year_match[1]), int(year_match[2])
        if following != (year + 1) % 100:
            raise PeriodRefused(
                f"'{label}' is not a financial year: the second part is the next year's last two digits, "
                f"as in {year}-{(year + 1) % 100:02d}."
            )
        return Period(
            f"{year}-{following:02d}", f"April {year} to March {year + 1}", date(year, 4, 1), date(year + 1, 3, 31)
        )
    if not label or LOOKS_DATED.match(label):
        raise PeriodRefused(f"'{label}' is not a period Carers Monitor knows: use {FORMS}.")
    if start is None or end is None:
        raise PeriodRefused(f"'{label}' is a name, so give its first and last days too; or use {FORMS}.")
    if end < start:
        raise PeriodRefused(f"'{label}' ends on {end:%d %B %Y}, before it starts on {start:%d %B %Y}.")
    return Period(label, label, start, end)
