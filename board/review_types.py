"""The shape of the review's content, shared by the page, the HTML pack and the PDF pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from presentation.charts import Drawn


@dataclass
class Figure:
    label: str
    value: str  # already formatted; "suppressed" where the base is under the threshold
    change: str | None = None  # since last quarter, formatted
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
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    charts: list[Drawn] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Review:
    quarter: str
    made_at: datetime
    summary: list[str]
    sections: list[Section]
