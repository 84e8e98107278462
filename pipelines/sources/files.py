"""CSV and Excel files into `land()`: encodings, delimiters and headers as people really save them."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

import surveys
from pipelines.errors import FileRefused
from pipelines.landing.land import FileInfo, Landed, Progress, land, match_columns

EXCEL = (".xlsx", ".xlsm")
# the question naming the organisation whose answers a row holds, for an organisation importing its own
OWN_ORGANISATION = {"org_rating": "RATER", "commissioner_return": "COMMISSIONER"}
COMPLETION_COLUMNS = ("completed", "completion_date", "date_completed", "submitdate")


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

    `for_organisation`: an organisation importing its own answers; a row of anyone else's refuses the file.
    """
    path = Path(path)
    if not path.exists():
        raise FileRefused(f"There is no file {path}.")
    progress("reading the file")
    info = FileInfo(name=path.name, checksum=_sha256(path), size=path.stat().st_size)
    with tempfile.TemporaryDirectory(prefix="carers-import-") as scratch:  # a re-encoded copy goes with it
        rows = _read(con, path, Path(scratch))
        if for_organisation is not None:
            _only_own(survey_code, rows, for_organisation, path.name)
        if wave_id is None:
            wave_id = wave_by_completion_date(con, survey_code, rows, path.name)
        return land(
            con,
            survey_code,
            rows,
            source="file",
            wave_id=wave_id,
            file=info,
            submitted_by=submitted_by,
            progress=progress,
        )


def wave_by_completion_date(
    con: duckdb.DuckDBPyConnection, survey_code: str, rows: duckdb.DuckDBPyRelation | pd.DataFrame, name: str
) -> int:
    """The one wave whose dates cover every row's completion date; a file without one is refused.

    Rows that land in no wave show on no page, so a file imported without --wave needs a column of
    completion dates (`completed`, `completion_date`, `date_completed` or LimeSurvey's `submitdate`).
    """
    columns = list(rows.columns)
    column = next((c for c in columns if c.strip().lower() in COMPLETION_COLUMNS), None)
    if column is None:
        raise FileRefused(
            f"Nothing was imported from {name}: say which wave its answers belong to (--wave, for example "
            "--wave 2011-Q3, or the wave on the Import page), or add a 'completed' column with each answer's date."
        )
    values = _values(rows, column)
    waves = con.execute(
        "select wave_id, period, opens, closes from waves where survey_code = ? order by opens", [survey_code]
    ).fetchall()
    placed: dict[int, str] = {}
    for number, value in enumerate(values, start=1):
        when = _completion_date(value)
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


def _only_own(survey_code: str, rows: duckdb.DuckDBPyRelation | pd.DataFrame, org_code: str, name: str) -> None:
    field = OWN_ORGANISATION.get(survey_code)
    if field is None:
        raise FileRefused(f"Organisations import only their own ratings or returns, not {survey_code} answers.")
    column = next((c for c in rows.columns if c.strip().upper() == field), None)
    values = [] if column is None else _values(rows, column)
    for number, value in enumerate(values, start=1):
        if str(value or "").strip().upper() != org_code:
            raise FileRefused(
                f"Nothing was imported from {name}: row {number} gives {field} {value or '(blank)'}, and you can "
                f"import only {org_code}'s own answers."
            )


def _values(rows: duckdb.DuckDBPyRelation | pd.DataFrame, column: str) -> list:
    if isinstance(rows, duckdb.DuckDBPyRelation):
        return [r[0] for r in rows.select(duckdb.ColumnExpression(column)).fetchall()]
    return list(rows[column])


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
    with tempfile.TemporaryDirectory(prefix="carers-preview-") as scratch:
        read = _read(con, Path(path), Path(scratch))
        first = (read.limit(rows).df() if isinstance(read, duckdb.DuckDBPyRelation) else read.head(rows)).astype(
            "string"
        )
    matched, ignored, missing = match_columns(surveys.load(survey_code), list(first.columns))
    return Preview(matched, ignored, missing, first)


def summary(file_name: str, result: Landed, seconds: float, *, without_wave: int = 0) -> list[str]:
    """The lines a person reads after an import, the same in the CLI and on the Import page.

    `without_wave`: how many current answers in the database belong to no wave (they show on no page).
    """
    lines = [
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


def _read(con: duckdb.DuckDBPyConnection, path: Path, scratch: Path) -> duckdb.DuckDBPyRelation | pd.DataFrame:
    return _read_excel(path) if path.suffix.lower() in EXCEL else _read_csv(con, path, scratch)


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, scratch: Path) -> duckdb.DuckDBPyRelation:
    readable = _as_utf8(path, scratch)
    try:
        # the sniffer finds the delimiter (comma, semicolon or tab) and the quoting; every value stays text
        return con.read_csv(str(readable), header=True, all_varchar=True, encoding="utf-8")
    except duckdb.Error as error:
        raise FileRefused(f"{path.name} could not be read as a CSV file: {str(error).splitlines()[0]}") from None


def _as_utf8(path: Path, scratch: Path) -> Path:
    """The file itself when it is UTF-8 (with or without BOM); else a UTF-8 copy read as Windows-1252."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return path
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
    copy = scratch / (path.stem + ".utf8.csv")
    copy.write_text(text, encoding="utf-8")
    return copy


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _read_excel(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=str, keep_default_na=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(f"{path.name} could not be read as an Excel file: {error}") from None
    return frame.astype("string")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
