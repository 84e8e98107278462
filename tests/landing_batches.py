"""Hypothesis strategies for landing: batches of rows built from a survey definition, each answer tagged with
what the definition makes of it (valid, invalid, blank, or unclassified when the docs promise nothing)."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from pipelines.landing.sql_names import WHITESPACE
from pipelines.landing.validation import TICKED, UNTICKED, YES_NO
from surveys import Question, Survey

OrgCodes = dict[str, list[str]]  # {organisation type: codes loaded in the test database}

# text a person or a spreadsheet may put anywhere: any character but NUL and lone surrogates, with
# emoji, right-to-left text, a bidi override and control characters made likely
ODD = ("😀", "👍🏽", "שלום", "مرحبا", "\u202e", "\x07", "\x1b[0m", "\r\n", "\t", "'", '"', "\\", ";", ",", "£")
CHARACTERS = st.characters(codec="utf-8", exclude_characters="\x00")  # utf-8: no lone surrogates
ANY_TEXT = st.lists(st.one_of(st.text(CHARACTERS, max_size=8), *map(st.just, ODD)), max_size=5).map("".join)
# text with something in it that trimming leaves: a letter, a mark, a symbol or a digit somewhere
VISIBLE = st.characters(categories=("L", "M", "N", "P", "S"))
TEXT = st.tuples(ANY_TEXT, VISIBLE, ANY_TEXT).map("".join)
# surrounding whitespace, which land() trims as Python's str.strip() does: spaces, NBSP, tabs, line breaks
SPACES = st.sampled_from(["", " ", "  ", "\u00a0", " \u3000", "\t", "\r\n", "\v "])
INFINITE = {"inf", "infinity", "nan"}


@dataclass(frozen=True)
class Answer:
    text: str | None  # as the source gives it; None when the cell is missing
    kind: str  # 'valid', 'invalid', 'blank' or 'unclassified'
    meaning: str | bool | None = None  # a valid choice's option code; whether a tick is ticked

    def padded(self) -> Answer:
        """The same answer with spaces around it, which trimming takes off again."""
        return self if self.text is None else Answer(f" {self.text} ", self.kind, self.meaning)


@dataclass(frozen=True)
class Row:
    answers: dict[str, Answer]  # by field (`CODE` or `CODE[SQ]`), for the fields the batch has a column for
    ref: str | None = None  # the survey's reference column, when the batch has one
    note: str | None = None  # an extra column, reported and ignored

    def padded(self) -> Row:
        ref = None if self.ref is None else f" {self.ref} "
        return Row({f: a.padded() for f, a in self.answers.items()}, ref, self.note)


@dataclass(frozen=True)
class Batch:
    survey: Survey
    columns: dict[str, str]  # {field, or '_ref' / '_note': the column's name as received}
    rows: list[Row] = field(default_factory=list)

    def records(self) -> list[dict[str, str | None]]:
        """The rows as a source hands them to land(): {column: text}, every row with every column."""
        return [self.record(row) for row in self.rows]

    def record(self, row: Row) -> dict[str, str | None]:
        values = {**{f: a.text for f, a in row.answers.items()}, "_ref": row.ref, "_note": row.note}
        return {column: values[key] for key, column in self.columns.items()}

    def __repr__(self) -> str:  # the failing example as a regression test would write it
        return f"Batch({self.survey.code!r}, rows={self.records()!r})"

    def _repr_pretty_(self, printer, cycle) -> None:  # what hypothesis prints for a failing example
        printer.text(repr(self))


def _cased(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, text.lower(), text.upper()])


def _spaced(texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(SPACES, texts, SPACES).map("".join)


def trimmed(text: str | None) -> str | None:
    """The answer as land() reads it: trimmed, blank as missing."""
    return (text or "").strip() or None


def _not_in(spellings: set[str]) -> Callable[[str], bool]:
    """An answer that, trimmed, is given and is none of these spellings (in any case)."""
    return lambda text: (trimmed(text) or "").lower() not in {"", *spellings}


def _choices(question: Question) -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    """A single or array answer: an option's code or label, in any case; or anything else."""
    meaning = {s: o.code for o in question.options for s in (o.code, o.label)}
    if {o.code for o in question.options} >= set(YES_NO):  # a yes/no also as a spreadsheet writes it
        meaning |= {s: code for code, spellings in YES_NO.items() for s in spellings}
    valid = st.sampled_from(sorted(meaning)).flatmap(
        lambda s: _spaced(_cased(s)).map(lambda text: Answer(text, "valid", meaning[s]))
    )
    unknown = st.one_of(st.sampled_from(["9", "0", "?", "Z", "yes please", "N/A"]), TEXT)
    spellings = {s.lower() for s in meaning}
    return valid, unknown.filter(_not_in(spellings)).map(lambda text: Answer(text, "invalid"))


def _ticks(question: Question, sub: int) -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    """One option of a multi: ticked (Y, yes, 1, x, its code or label...) or not (N, no, 0, false); or neither."""
    option = question.options[sub]
    yes = {*TICKED, option.code, option.label}
    valid = st.one_of(
        _spaced(st.sampled_from(sorted(yes)).flatmap(_cased)).map(lambda text: Answer(text, "valid", True)),
        _spaced(st.sampled_from(UNTICKED).flatmap(_cased)).map(lambda text: Answer(text, "valid", False)),
    )
    spellings = {s.lower() for s in (*yes, *UNTICKED)}
    unknown = st.one_of(st.sampled_from(["maybe", "2", "?", "tick", "Y Y"]), TEXT)
    return valid, unknown.filter(_not_in(spellings)).map(lambda text: Answer(text, "invalid"))


def _money(pence: int) -> st.SearchStrategy[str]:
    pounds = Decimal(pence) / 100
    return st.sampled_from([f"{pounds:.2f}", f"£{pounds:,.2f}", f"{pounds:,}", f"£ {pounds:.2f}"])


def _numbers(question: Question) -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    """In range (whole where it must be, money as people write it); or negative, out of range, text, not whole."""
    low = int(question.minimum) if question.minimum is not None else -(10**9)
    high = int(question.maximum) if question.maximum is not None else 10**12
    if question.unit == "GBP":
        texts = st.integers(low * 100, high * 100).flatmap(_money)
    elif question.integer:
        texts = st.integers(low, high).flatmap(lambda n: st.sampled_from([str(n), f"{n}.0", f"+{n}"]))
    else:
        texts = st.floats(low, high, allow_nan=False).map(repr)
    bad = [st.sampled_from(["5 days", "three", "1,5" if question.unit != "GBP" else "1.2.3"])]
    if question.integer or question.unit == "GBP":  # beyond what a whole number or an amount of money can hold
        bad.append(st.sampled_from(["1e300", "99999999999999999999", "-1e19", "inf", "-inf", "NaN"]))
    if question.minimum is not None:
        bad.append(st.integers(max_value=low - 1).map(str))
    if question.maximum is not None:
        bad.append(st.integers(min_value=high + 1).map(str))
    if question.integer:
        bad.append(st.integers(low, high - 1).map(lambda n: f"{n}.5"))
    words = TEXT.filter(
        lambda t: not any(c in string.digits for c in t) and t.strip(WHITESPACE + "£+-").lower() not in INFINITE
    )
    return texts.map(lambda text: Answer(text, "valid")), st.one_of(*bad, words.filter(_not_in(set()))).map(
        lambda text: Answer(text, "invalid")
    )


def _dates() -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    formats = st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d 00:00:00", "%d-%m-%Y"])
    valid = st.tuples(st.dates(date(1900, 1, 1), date(2100, 12, 31)), formats).map(lambda d: d[0].strftime(d[1]))
    impossible = ["2011-02-30", "2011-13-01", "2011-00-10", "31/04/2011", "29/02/2011", "2011-02-29", "00/01/2011"]
    words = TEXT.filter(lambda t: not any(c in string.digits for c in t))
    return valid.map(lambda text: Answer(text, "valid")), st.one_of(st.sampled_from(impossible), words).map(
        lambda text: Answer(text, "invalid")
    )


def _texts(question: Question) -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    """Any text up to the limit (a web address where one is asked for); or too long, or not a web address."""
    too_long = st.tuples(st.sampled_from(["x", "😀", "ש"]), st.integers(1, 20)).map(
        lambda t: t[0] * (question.max_length + t[1])
    )
    if question.format == "url":
        host = st.text(string.ascii_lowercase, min_size=1, max_size=10)
        url = st.tuples(st.sampled_from(["https://", "http://"]), host, st.sampled_from([".org", ".gov.uk/plan"]))
        not_url = st.sampled_from(["www.example.org", "example", "ftp://x.org", "https://", "http://localhost", "☹"])
        return url.map("".join).map(lambda text: Answer(text, "valid")), st.one_of(too_long, not_url).map(
            lambda text: Answer(text, "invalid")
        )
    return TEXT.map(lambda text: Answer(text, "valid")), too_long.map(lambda text: Answer(text, "invalid"))


def _orgs(question: Question, orgs: OrgCodes) -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    """Codes of the asked-for types that the database knows, in any case; or unknown codes, or other types'."""
    mine = sorted(c for t in question.org_types for c in orgs.get(t, []))
    others = sorted(c for t, codes in orgs.items() if t not in question.org_types for c in codes)
    known = {c.lower() for codes in orgs.values() for c in codes}
    unknown = st.one_of(st.sampled_from(["ZZZ99", "E99999999", "X", "5ND5ND"]), TEXT).filter(
        lambda t: ";" not in t and (trimmed(t) or "").lower() not in {"", *known}
    )
    wrong = st.one_of(unknown, st.sampled_from(others))
    code = st.sampled_from(mine).flatmap(_cased)
    if not question.multiple:
        return _spaced(code).map(lambda text: Answer(text, "valid")), wrong.map(lambda text: Answer(text, "invalid"))
    some = st.lists(_spaced(code), min_size=1, max_size=3)
    spoiled = st.tuples(some, wrong, st.integers(0, 3)).map(lambda t: [*t[0][: t[2]], t[1], *t[0][t[2] :]])
    return some.map(";".join).map(lambda text: Answer(text, "valid")), spoiled.map(";".join).map(
        lambda text: Answer(text, "invalid")
    )


def answers(
    question: Question, sub: int, orgs: OrgCodes
) -> tuple[st.SearchStrategy[Answer], st.SearchStrategy[Answer]]:
    """(valid answers, invalid answers) for one field of a question (`sub`: which option or row of it)."""
    if question.type in ("single", "array"):
        return _choices(question)
    if question.type == "multi":
        return _ticks(question, sub)
    if question.type == "number":
        return _numbers(question)
    if question.type == "date":
        return _dates()
    if question.type == "text":
        return _texts(question)
    return _orgs(question, orgs)


BLANK = st.sampled_from([None, "", " ", "   "]).map(lambda text: Answer(text, "blank"))
REFS = st.sampled_from(["R1", "R2", " R1 ", "r1", "", None])  # few, so that rows share a reference


# answers whose fate the docs do not promise: any text at all
UNCLASSIFIED = ANY_TEXT.map(lambda text: Answer(text, "unclassified"))


@dataclass(frozen=True)
class FieldAnswers:
    """The answers one field may get: in a clean row (valid; blank too where optional), and in a spoiled one."""

    clean: st.SearchStrategy[Answer]
    spoiled: st.SearchStrategy[Answer]


def field_answers(survey: Survey, orgs: OrgCodes) -> dict[str, FieldAnswers]:
    found = {}
    for question in survey.questions:
        for sub, name in enumerate(question.fields):
            valid, invalid = answers(question, sub, orgs)
            clean = valid if question.required else st.one_of(valid, BLANK)
            found[name] = FieldAnswers(clean, st.one_of(invalid, BLANK, UNCLASSIFIED))
    return found


@st.composite
def _row(draw, present: list[str], kinds: dict[str, FieldAnswers], columns: dict[str, str]) -> Row:
    """A clean row, or one with up to three answers spoiled (invalid, blank, or unclassified)."""
    spoiled = draw(st.sets(st.sampled_from(present), max_size=3)) if draw(st.booleans()) else set()
    found = {name: draw(kinds[name].spoiled if name in spoiled else kinds[name].clean) for name in present}
    ref = draw(REFS) if "_ref" in columns else None
    note = draw(ANY_TEXT) if "_note" in columns else None
    return Row(found, ref, note)


def _spellings(name: str) -> st.SearchStrategy[str]:
    """A column name as files write it: the code, in lower case, with spaces around it."""
    return st.sampled_from([name, name.lower(), f" {name} ", f"{name.lower()} "])


def batches(survey: Survey, orgs: OrgCodes) -> st.SearchStrategy[Batch]:
    """Batches of 1 to 10 rows of this survey: optional columns maybe absent, names spelt as files spell them,
    some rows repeated (exactly, or with spaces around every answer: the same answers, trimmed)."""
    kinds = field_answers(survey, orgs)
    needed = {name for q in survey.questions if q.required and not q.show_if for name in q.fields}
    optional = [name for name in kinds if name not in needed]

    @st.composite
    def batch(draw) -> Batch:
        # every column, or some of the optional ones: a failing example shrinks to the fewest columns
        kept = set(optional) if draw(st.booleans()) else draw(st.sets(st.sampled_from(optional)))
        present = [name for name in kinds if name in needed or name in kept]
        columns = {name: draw(_spellings(name)) for name in present}
        if survey.reference_column and draw(st.booleans()):
            columns["_ref"] = draw(_spellings(survey.reference_column))
        if draw(st.booleans()):
            columns["_note"] = "NOTES"
        rows = draw(st.lists(_row(present, kinds, columns), min_size=1, max_size=6))
        repeats = st.tuples(st.integers(0, 99), st.integers(0, 99), st.booleans())
        for source, position, pad in draw(st.lists(repeats, max_size=4)):
            copy = rows[source % len(rows)]
            rows.insert(position % (len(rows) + 1), copy.padded() if pad else copy)
        return Batch(survey, columns, rows)

    return batch()
