"""A mart's frame made ready for people: chosen columns, each value formatted, headers in words.

Pages, downloads and the pack all call `for_people`, so a table reads the same on screen, in Excel and
on paper. Every cell comes out as text: a column that mixes numbers with "suppressed: fewer than 5"
must not be turned back into `nan` by a later step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from presentation import formats, labels


def _named(kind: str) -> Callable[[object, str], str]:
    return lambda value, empty: empty if formats.missing(value) else labels.value(kind, value)


def _items(value: object) -> list:
    """A list cell (a Python list, or an array from DuckDB) as a list; anything else as no items."""
    return [] if not hasattr(value, "__iter__") or isinstance(value, str) else list(value)


def _themes(value: object, empty: str) -> str:
    """A comment's themes, named and joined; none found says so."""
    return ", ".join(labels.value("theme", theme) for theme in _items(value)) or empty


def _list(value: object, empty: str) -> str:
    return ", ".join(str(item) for item in _items(value)) or (value if isinstance(value, str) and value else empty)


def _rating_name(value: object, empty: str) -> str:
    return empty if formats.missing(value) else labels.value("rating_name", int(float(value)))  # type: ignore[arg-type]


FORMATS: dict[str, Callable[[object, str], str]] = {
    "text": formats.text,
    "link": formats.text,
    "count": formats.count,
    "pounds": formats.pounds,
    "percent": formats.percent,
    "points": formats.points,
    "rating": formats.decimal,
    "number": formats.number,
    "date": formats.day,
    "moment": formats.moment,
    "yes_no": formats.yes_no,
    "period": lambda value, empty: empty if formats.missing(value) else formats.period_name(str(value)),
    "themes": _themes,
    "list": _list,
    "rating_name": _rating_name,
    **{
        kind: _named(kind)
        for kind in (
            "org_type",
            "plan_status",
            "coproduction",
            "rag",
            "value_source",
            "suppression",
            "unit",
            "breakdown",
            "measure",
            "theme",
            "survey",
            "action_state",
            "better_when",
        )
    },
}
# formats whose values arrive as numbers, dates or booleans: a string in their column is already words
WRITTEN_AS_NUMBERS = {"count", "pounds", "percent", "points", "rating", "number", "date", "moment", "yes_no"}
DEFAULT_EMPTY = {
    "pounds": formats.NOT_REPORTED,
    "percent": formats.SUPPRESSED,
}


def cell(column: str, value: object) -> str:
    """One value of a mart's column as people read it; text is already for people and is kept, so a
    table a page has put together ("suppressed: fewer than 5" beside numbers) can be passed again."""
    entry = labels.column(column)
    if isinstance(value, str) and entry.format in WRITTEN_AS_NUMBERS:
        return value
    empty = formats.words(
        entry.empty if entry.empty is not None else DEFAULT_EMPTY.get(entry.format, formats.NOT_APPLICABLE)
    )
    return FORMATS[entry.format](value, empty)


def heading(column: str) -> str:
    return labels.column(column).label


def for_people(
    frame: pd.DataFrame, columns: Iterable[str] | None = None, *, headings: dict[str, str] | None = None
) -> pd.DataFrame:
    """The frame's `columns` (all by default), formatted by the labels file, with people's headings;
    `headings` overrides a heading where a page needs a more particular one ("Change since 2011-12 Q2")."""
    chosen = list(columns) if columns is not None else list(frame.columns)
    shown = pd.DataFrame(
        {column: [cell(column, value) for value in frame[column].tolist()] for column in chosen}, dtype=object
    )
    return shown.rename(columns={column: (headings or {}).get(column, heading(column)) for column in chosen})
