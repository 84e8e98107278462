"""The labels file read once: a column's label, format and empty words; a code's or category's name."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LABELS = Path(__file__).with_name("labels.toml")
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


@dataclass(frozen=True)
class Column:
    label: str
    format: str
    empty: str | None = None


@cache
def _file() -> dict:
    return tomllib.loads(LABELS.read_text(encoding="utf-8"))


def column(name: str) -> Column:
    """The column's entry. A heading already in words (a page's own column, "England (wave)") is kept
    as it is; a snake_case name the file does not know reads as words, and the text test finds it."""
    entry = _file()["columns"].get(name)
    if entry is None:
        return Column(name.replace("_", " ").capitalize() if SNAKE_CASE.fullmatch(name) else name, "text")
    return Column(**entry)


def known_column(name: str) -> bool:
    return name in _file()["columns"]


def value(kind: str, code: object) -> str:
    """The name of a code or category of one kind (`org_type`, `coproduction`, `rag`, ...); a code the
    file does not know is shown as it is, since a code nobody named is better seen than hidden."""
    names = _file()["values"].get(kind, {})
    return names.get(str(code), str(code))


def values(kind: str) -> dict[str, str]:
    """Every code of one kind with its name, in the file's order (the order charts and legends use)."""
    return dict(_file()["values"][kind])


def colours(kind: str) -> dict[str, str]:
    """Every code of one kind with its colour (`[colours.<kind>]`), the same on every chart and in the pack."""
    return dict(_file()["colours"][kind])


def shapes(kind: str) -> dict[str, str]:
    """Every code of one kind with its point shape, for charts where colour must not be the only cue."""
    return dict(_file()["shapes"][kind])
