"""The shape of the review's content, shared by the page, the HTML pack and the PDF pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from presentation.changes import Change
from presentation.charts import Drawn


@dataclass
class Figure:
    label: str
    value: str  # already formatted; "suppressed: fewer than 5" where the base is under the threshold
    change: Change | None = None  # since the previous wave of the series, judged; None when there is none
    note: str | None = None  # the denominator or caveat


@dataclass(frozen=True)
class Quote:
    """A carer's words and the theme they were chosen for, kept apart until they are shown: each way of
    showing them (the page's Markdown, the pack's HTML) escapes the words and sets them apart for the
    bidirectional algorithm in its own way, so that a direction override in them cannot reorder the theme."""

    words: str
    theme: str


@dataclass
class Section:
    key: str
    title: str
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # formatted: presentation.tables
    charts: list[Drawn] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # sentences under the figures, e.g. a second reading


@dataclass
class Review:
    quarter: str
    quarter_name: str  # '2011-12 Q3 (October to December 2011)'
    compared_with: str | None  # the previous wave of the series, by name; None for a first wave
    made_at: datetime
    summary: list[str]
    sections: list[Section]
