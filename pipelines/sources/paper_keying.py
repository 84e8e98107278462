"""Keying paper returns into `land()` (source 'paper'), once or twice with differences settled by a third.

Keyers type answer codes, one box per question (the question code is printed beside each question).
A multi question takes the ticked codes separated by spaces. Where two boxes are ticked on a question
that allows one, the keyer types both codes ("2 3", "2+3" or "2,3"): the return lands with that
answer unknown (blank), never as either answer, as the national carers' survey codes it. What was
keyed is kept in `paper_keyings`; with double entry only the agreed or settled keying lands.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

import surveys
from pipelines.landing.land import Landed, land
from surveys import Survey

SQL = Path(__file__).parent / "sql"

SPLIT = re.compile(r"[\s,+/;]+")


@dataclass
class Keyed:
    row: dict[str, str]
    unknown: list[str] = field(default_factory=list)  # single questions with two or more boxes ticked


def codes_of(value: str) -> list[str]:
    return [part for part in SPLIT.split(value.strip()) if part]


def to_row(survey: Survey, answers: dict[str, str], paper_ref: str) -> Keyed:
    """The land() row for keyed answers: multis expanded to CODE[SQ] ticks, double ticks made unknown."""
    keyed = Keyed(row={"_source_id": paper_ref.strip()})
    for question in survey.questions:
        value = (answers.get(question.code) or "").strip()
        if question.type == "multi":
            ticked = {code.lower() for code in codes_of(value)}
            for option, name in zip(question.options, question.fields, strict=False):
                keyed.row[name] = "Y" if option.code.lower() in ticked else ""
        elif question.type == "single" and len(codes_of(value)) > 1:
            keyed.row[question.code] = ""
            keyed.unknown.append(question.code)
        else:
            keyed.row[question.code] = value
    return keyed


def save_keying(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    wave_id: int | None,
    paper_ref: str,
    entry: int,
    answers: dict[str, str],
    keyed_by: str,
) -> None:
    cleaned = {code: value.strip() for code, value in answers.items() if value and value.strip()}
    con.execute(
        "insert into paper_keyings (survey_code, wave_id, paper_ref, entry, answers, keyed_by) "
        "values (?, ?, ?, ?, ?, ?)",
        [survey_code, wave_id, paper_ref.strip(), entry, json.dumps(cleaned), keyed_by],
    )


def keyings(con: duckdb.DuckDBPyConnection, survey_code: str, wave_id: int | None, paper_ref: str) -> dict[int, dict]:
    """The latest keying of each entry (1, 2, 3 = settled) of one paper return."""
    rows = con.execute(
        "select entry, answers, keyed_by from paper_keyings "
        "where survey_code = ? and wave_id is not distinct from ? and paper_ref = ? "
        "qualify row_number() over (partition by entry order by keying_id desc) = 1",
        [survey_code, wave_id, paper_ref.strip()],
    ).fetchall()
    return {entry: {"answers": json.loads(answers), "keyed_by": by} for entry, answers, by in rows}


def differences(first: dict[str, str], second: dict[str, str]) -> list[tuple[str, str, str]]:
    """(question code, first keying, second keying) where the two differ, compared code by code."""
    codes = sorted(set(first) | set(second))
    norm = lambda v: " ".join(sorted(c.upper() for c in codes_of(v or "")))  # noqa: E731
    return [(c, first.get(c, ""), second.get(c, "")) for c in codes if norm(first.get(c)) != norm(second.get(c))]


def key_return(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    wave_id: int | None,
    paper_ref: str,
    answers: dict[str, str],
    keyed_by: str,
    *,
    double_entry: bool,
) -> Landed | list[tuple[str, str, str]] | None:
    """Keep this keying; land it when single entry, or when it is the second and matches the first.

    Returns the Landed result, the differences still to settle, or None while waiting for a second keying.
    """
    done = keyings(con, survey_code, wave_id, paper_ref)
    entry = 1 if not double_entry or 1 not in done else 2
    save_keying(con, survey_code, wave_id, paper_ref, entry, answers, keyed_by)
    if not double_entry:
        return land_keyed(con, survey_code, wave_id, paper_ref, answers, keyed_by)
    if entry == 1:
        return None
    found = differences(done[1]["answers"], answers)
    return found or land_keyed(con, survey_code, wave_id, paper_ref, answers, keyed_by)


def settle(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    wave_id: int | None,
    paper_ref: str,
    chosen: dict[str, str],
    settled_by: str,
) -> Landed:
    """A third person's choice on each difference; the settled return (entry 3) is the one that lands."""
    done = keyings(con, survey_code, wave_id, paper_ref)
    if 1 not in done or 2 not in done:
        raise ValueError("Settling needs two keyings of this return.")
    if settled_by in (done[1]["keyed_by"], done[2]["keyed_by"]):
        raise ValueError("A third person settles: not either of the two who keyed it.")
    answers = {**done[2]["answers"], **chosen}
    save_keying(con, survey_code, wave_id, paper_ref, 3, answers, settled_by)
    return land_keyed(con, survey_code, wave_id, paper_ref, answers, settled_by)


def land_keyed(con, survey_code: str, wave_id: int | None, paper_ref: str, answers: dict[str, str], by: str) -> Landed:
    keyed = to_row(surveys.load(survey_code), answers, paper_ref)
    result = land(con, survey_code, [keyed.row], source="paper", wave_id=wave_id, submitted_by=by)
    con.execute(
        "update paper_keyings set landed_batch_id = ? where survey_code = ? and wave_id is not distinct from ? "
        "and paper_ref = ? and keying_id = "
        "(select max(keying_id) from paper_keyings where paper_ref = ? and survey_code = ?)",
        [result.batch_id, survey_code, wave_id, paper_ref.strip(), paper_ref.strip(), survey_code],
    )
    return result


def to_settle(con: duckdb.DuckDBPyConnection, survey_code: str) -> list[tuple]:
    """Paper returns keyed twice with differences and not yet settled: (survey, wave, paper reference)."""
    return con.execute(
        (SQL / "paper_keyings_to_settle.sql").read_text(encoding="utf-8"), {"survey": survey_code}
    ).fetchall()
