"""CSV and Excel files into `land()`: encodings, delimiters and headers as people really save them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

import surveys
from pipelines.errors import FileRefused
from pipelines.landing.land import PROBLEM, ROW, FileInfo, Landed, Progress, Staged, land, land_again, match_columns
from pipelines.landing.sql_names import WHITESPACE, literal, quote
from pipelines.sources import bulk_csv
from pipelines.sources.reading import Table, read_table
from surveys import Survey

# the question naming the organisation whose answers a row holds, for an organisation importing its own
OWN_ORGANISATION = {"org_rating": "RATER", "commissioner_return": "COMMISSIONER"}
COMPLETION_COLUMNS = ("completed", "completion_date", "date_completed", "submitdate")
STAGED = "_staged"  # the file's rows, numbered as the file numbers them, before land() takes them
SQL = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Preview:
    """What an import would read: the columns matched to questions, those ignored, those missing, the first rows."""

    matched: dict[str, str]  # question field -> the file's column
    ignored: list[str]
    missing: list[str]
    first_rows: pd.DataFrame


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    survey_code: str,
    *,
    wave_id: int | None = None,
    submitted_by: str | None = None,
    for_organisation: str | None = None,
    progress: Progress = lambda stage: None,
) -> Landed:
    """Read a CSV or .xlsx file and land its rows; the whole file lands or nothing does.

    The rows go into a temporary table (`STAGED`) that DuckDB may spill to disk, and the checks that
    look across rows run there in SQL, so memory does not grow with the file (see bulk_csv.py).
    The same bytes imported again into the same wave are recognised by their checksum and add nothing
    without being read. `for_organisation`: an organisation importing its own answers; a row of anyone
    else's refuses the file.
    """
    path = Path(path)
    if not path.exists():
        raise FileRefused(f"There is no file {path.name}.")
    progress("reading the file")
    scanned = bulk_csv.scan(path)
    info = FileInfo(name=path.name, checksum=scanned.checksum, size=scanned.size)
    if wave_id is not None and for_organisation is None:
        again = land_again(con, survey_code, file=info, wave_id=wave_id, submitted_by=submitted_by)
        if again is not None:
            return again
    survey = surveys.load(survey_code)
    try:
        notes = bulk_csv.stage(con, path, survey, scanned, STAGED)
        if notes is None:
            notes = _stage_table(con, read_table(path, survey))
        notes += _dates_read_day_first(con, survey, path.name)
        _repeated_answers(con, survey)
        if for_organisation is not None:
            _only_own(con, survey_code, for_organisation, path.name)
        if wave_id is None:
            wave_id = wave_by_completion_date(con, survey_code, path.name)
        _drop_unused_problem_column(con)
        result = land(
            con,
            survey_code,
            Staged(STAGED),
            source="file",
            wave_id=wave_id,
            file=info,
            submitted_by=submitted_by,
            progress=progress,
        )
    finally:
        con.execute(f"drop table if exists temp.{STAGED}")
    result.notes = notes
    return result


def _stage_table(con: duckdb.DuckDBPyConnection, table: Table) -> list[str]:
    """The careful reader's table into `STAGED`, as the fast path stages a plain file; its notes."""
    frame = _frame(table)
    if PROBLEM not in frame.columns:
        frame[PROBLEM] = pd.array([None] * len(frame), dtype="string")
    con.register("_read", frame)
    try:
        con.execute(
            f"create or replace temp table {STAGED} as select cast({quote(ROW)} as bigint) as _row, "
            f"* exclude ({quote(ROW)}) from _read"
        )
    finally:
        con.unregister("_read")
    return table.notes


def _frame(table: Table) -> pd.DataFrame:
    """The table as land() takes it: text cells under the file's column names, each row's number in the file,
    and the reader's own problems."""
    columns = zip(*table.rows, strict=True) if table.rows else ([] for _ in table.columns)
    # built column by column through Arrow: twice as fast as pandas from a list of rows (50,000 rows: 0.4 s)
    frame = pa.table({c: pa.array(v, pa.string()) for c, v in zip(table.columns, columns, strict=True)}).to_pandas()
    frame[ROW] = table.row_numbers
    if table.refused_rows:
        frame[PROBLEM] = pd.array([table.refused_rows.get(i) for i in range(len(table.rows))], dtype="string")
    return frame


def _drop_unused_problem_column(con: duckdb.DuckDBPyConnection) -> None:
    """Leave `_problem` out of the batch when no row was refused, so raw rows keep only what the file held."""
    if not con.execute(f"select count({quote(PROBLEM)}) from {STAGED}").fetchall()[0][0]:
        con.execute(f"alter table {STAGED} drop column {quote(PROBLEM)}")


def _staged_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute(f"describe {STAGED}").fetchall() if row[0] not in ("_row", PROBLEM)]


def _first_rows(con: duckdb.DuckDBPyConnection, expression: str) -> list[tuple[str, int]]:
    """Each distinct value of the SQL `expression` over the staged rows with the first row it is on, in file
    order: the checks below judge a few thousand distinct values in Python, never ten million rows."""
    return con.execute(
        f"select {expression} as value, min(_row) as first from {STAGED} group by all order by first"
    ).fetchall()


SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _dates_read_day_first(con: duckdb.DuckDBPyConnection, survey: Survey, name: str) -> list[str]:
    """Refuse a file whose dates only make sense month first; say so when every date could be read either way."""
    notes = []
    fields, _, _ = match_columns(survey, _staged_columns(con))
    for question in (q for q in survey.questions if q.type == "date" and q.code in fields):
        values = _first_rows(con, quote(fields[question.code]))
        found = [(n, text, int(m.group(1)), int(m.group(2))) for text, n in values if (m := SLASHED.match(text))]
        month_first = [(n, text) for n, text, first, second in found if second > 12 >= first]
        if month_first:
            number, text = month_first[0]
            raise FileRefused(
                f"{name}: the dates in {fields[question.code]} are written month first (row {number} has "
                f"{text.strip()}), so they would be read wrongly; nothing was imported. Write them day first "
                "(25/03/2026) or as 2026-03-25, and import the file again."
            )
        if found and all(first <= 12 and second <= 12 for _, _, first, second in found):
            notes.append(
                f"{name}: every date in {fields[question.code]} could be month or day first; they were read day "
                f"first, as in the UK ({found[0][1].strip()} is {found[0][2]} {calendar.month_name[found[0][3]]})."
            )
    return notes


def _repeated_answers(con: duckdb.DuckDBPyConnection, survey: Survey) -> None:
    """Rows of one file about the same thing (a commissioner rated twice): identical repeats are reported as
    duplicates, different ones are all quarantined as conflicts; never both counted."""
    columns = _staged_columns(con)
    fields, _, _ = match_columns(survey, columns)
    if not survey.natural_key or any(code not in fields for code in survey.natural_key):
        return
    key = [f"upper({_stripped(fields[code])})" for code in survey.natural_key]
    answers = [_stripped(c) for c in columns if c in fields.values()]
    con.execute(
        f"create or replace temp view _repeat_keys as select _row, [{', '.join(key)}] as key, "
        f"[{', '.join(answers)}] as answers from {STAGED} where " + " and ".join(f"{k} <> ''" for k in key)
    )
    try:
        con.execute((SQL / "repeated_answers.sql").read_text(encoding="utf-8"))
    finally:
        con.execute("drop view if exists temp._repeat_keys")


def _stripped(column: str) -> str:
    """SQL of a staged cell without surrounding whitespace, as Python's str.strip() drops it."""
    return f"trim({quote(column)}, {literal(WHITESPACE)})"


def wave_by_completion_date(con: duckdb.DuckDBPyConnection, survey_code: str, name: str) -> int:
    """The one wave whose dates cover every staged row's completion date; a file without one is refused.

    Rows that land in no wave show on no page, so a file imported without --wave needs a column of
    completion dates (`completed`, `completion_date`, `date_completed` or LimeSurvey's `submitdate`).
    """
    column = next((c for c in _staged_columns(con) if c.strip().lower() in COMPLETION_COLUMNS), None)
    if column is None:
        raise FileRefused(
            f"Nothing was imported from {name}: say which wave its answers belong to (--wave, for example "
            "--wave 2011-Q3, or the wave on the Import page), or add a 'completed' column with each answer's date."
        )
    waves = con.execute(
        "select wave_id, period, opens, closes from waves where survey_code = ? order by opens", [survey_code]
    ).fetchall()
    placed: dict[int, str] = {}
    for day, number in _first_rows(con, f"left({_stripped(column)}, 10)"):
        when = _completion_date(day)
        covering = [(wave, period) for wave, period, opens, closes in waves if when and opens <= when <= closes]
        if not covering:
            said = "has no date" if when is None else f"{when:%d %B %Y} falls in no {survey_code} wave"
            raise FileRefused(
                f"Nothing was imported from {name}: row {number}'s {column} {said}; "
                "open the wave first, or import the file with --wave."
            )
        placed.setdefault(covering[0][0], covering[0][1])
    if len(placed) > 1:
        raise FileRefused(
            f"Nothing was imported from {name}: its completion dates fall in {len(placed)} waves "
            f"({', '.join(placed.values())}); import one file per wave, or give the wave with --wave."
        )
    return next(iter(placed))


def _only_own(con: duckdb.DuckDBPyConnection, survey_code: str, org_code: str, name: str) -> None:
    field = OWN_ORGANISATION.get(survey_code)
    if field is None:
        raise FileRefused(f"Organisations import only their own ratings or returns, not {survey_code} answers.")
    column = next((c for c in _staged_columns(con) if c.strip().upper() == field), None)
    for value, number in [] if column is None else _first_rows(con, quote(column)):
        if str(value or "").strip().upper() != org_code:
            raise FileRefused(
                f"Nothing was imported from {name}: row {number} gives {field} {value or '(blank)'}, and you can "
                f"import only {org_code}'s own answers."
            )


def _completion_date(value) -> date | None:
    """An ISO date (time after it ignored, as LimeSurvey writes it) or a UK day/month/year date."""
    text = str(value or "").strip()
    for form, width in (("%Y-%m-%d", 10), ("%d/%m/%Y", 10)):
        try:
            return datetime.strptime(text[:width], form).date()
        except ValueError:
            continue
    return None


def preview(con: duckdb.DuckDBPyConnection, path: Path, survey_code: str, *, rows: int = 5) -> Preview:
    """The columns a file's import would match and ignore, and its first rows, without landing anything."""
    first = _frame(read_table(Path(path), surveys.load(survey_code))).head(rows).drop(columns=[ROW])
    matched, ignored, missing = match_columns(surveys.load(survey_code), list(first.columns))
    return Preview(matched, ignored, missing, first)


def summary(file_name: str, result: Landed, seconds: float, *, without_wave: int = 0) -> list[str]:
    """The lines a person reads after an import, the same in the CLI and on the Import page.

    `without_wave`: how many current answers in the database belong to no wave (they show on no page).
    """
    lines = [*result.notes]
    lines += [
        f"{file_name}: {result.received:,} rows read in {seconds:.1f} s: "
        f"{result.landed:,} landed ({result.new_versions:,} as new versions), "
        f"{result.quarantined:,} quarantined, {result.already_present:,} already present"
    ]
    if result.extra_columns:
        lines.append("ignored columns not in the survey: " + ", ".join(result.extra_columns))
    lines += [f"  row {row}: {reason}" for row, _field, reason in result.problems[:20]]
    if result.quarantined > 20:
        lines.append(f"  ... and more; every reason is on the Quarantine page (batch {result.batch_id})")
    if without_wave:
        lines.append(f"{without_wave:,} current answers in the database belong to no wave and show on no page")
    return lines
