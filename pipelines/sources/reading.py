"""Reading the files people actually send: what the bytes are, their encoding and delimiter, where the header is.

Everything comes back as text cells exactly as written (values are judged later, by `land()`), with notes a
person should read ("the header is on row 3"), and a refusal in one plain sentence naming the file when it
cannot be read: never a library's error text or a temporary path.

- Text: UTF-8 (with or without BOM), UTF-16 by its BOM (Excel's "Unicode Text"), else charset-normalizer's
  best reading among Windows-1252 and ISO-8859-1; comma, semicolon or tab, or Excel's `sep=` first line;
  CR, LF or CRLF line ends. Python's csv module reads it strictly, so an unclosed quote is found, not swallowed.
- Workbooks: .xlsx, .xlsm, .xls and .ods through python-calamine (one fast reader for all four); with several
  sheets, the one whose header matches the survey, else a refusal naming the sheets.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from charset_normalizer import from_bytes
from python_calamine import CalamineWorkbook

from pipelines.errors import FileRefused
from surveys import Survey

NOT_SPREADSHEETS = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
WORKBOOK = b"\xd0\xcf\x11\xe0"  # the old .xls (OLE2)
ZIP = b"PK\x03\x04"  # .xlsx, .xlsm and .ods are zip files inside
HEADER_SEARCH = 10  # rows looked at for the header, when a title or merged cells sit above it
DELIMITERS = ",;\t"


@dataclass
class Table:
    """A file's cells as text, under its header, with the file's own row numbers for messages."""

    columns: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # the row (line) each row is on in the file or sheet, as a person counts
    notes: list[str] = field(default_factory=list)
    # index into rows -> why that row is quarantined before its answers are judged ("cut short: 2 of 5 fields")
    refused_rows: dict[int, str] = field(default_factory=dict)


def read_table(path: Path, survey: Survey) -> Table:
    """The cells of a CSV or workbook under its header row, or FileRefused saying why not."""
    name = path.name
    data = path.read_bytes()
    for magic, kind in NOT_SPREADSHEETS:
        if data.startswith(magic):
            raise FileRefused(f"{name} is {kind}, not a spreadsheet or a CSV file: nothing was imported.")
    if data.startswith(ZIP) and not _is_workbook(data):
        raise FileRefused(f"{name} is a zip archive, not a spreadsheet: unzip it and import the file inside.")
    if data.startswith((ZIP, WORKBOOK)):
        sheet, grid, notes = _read_workbook(data, name, survey)
    else:
        text, notes = _decode(data, name)
        sheet, grid = None, _parse_text(text, name)
    return _under_header(grid, survey, name, sheet, notes)


def _is_workbook(data: bytes) -> bool:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False
    return any(n.startswith("xl/") for n in names) or "content.xml" in names


# ---- text ---------------------------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The file's text and, when the bytes did not say, which encoding it was read in."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding.replace("-sig", ""), errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise FileRefused(f"{name} is not a text file (it holds binary data): nothing was imported.")
    guess = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best()
    encoding = guess.encoding if guess else "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "latin_1", data.decode("latin-1")
    label = {"cp1252": "Windows-1252", "latin_1": "ISO-8859-1"}.get(encoding, encoding)
    return text, [f"{name} is not UTF-8; it was read as {label} (as Excel saves CSV on Windows)."]


def _parse_text(text: str, name: str) -> list[list[str]]:
    """The rows of a delimited text, split strictly: an unclosed quote is refused, naming its line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    hinted = _delimiter_hint(lines)
    if hinted:
        text = "\n".join(lines[1:])  # Excel's own hint, which is not a row
    delimiter = lines[0].strip()[4] if hinted else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    read_to = 0  # the last line of the last row read whole
    try:
        for row in reader:
            rows.append(row)
            read_to = reader.line_num
    except csv.Error:
        raise FileRefused(
            f"{name}: a quotation mark on line {read_to + 1 + hinted} is never "
            "closed, so the rows from there on could not be read; nothing was imported. Close the quote, or "
            "remove it, and import the file again."
        ) from None
    return rows


def _delimiter_hint(lines: list[str]) -> bool:
    """Whether the file starts with Excel's `sep=` line (a line the reader was not given)."""
    return bool(lines) and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one splitting the first lines into the same, largest number of cells."""
    sample = [line for line in text.split("\n")[:20] if line.strip()]
    if not sample:
        return ","
    best, score = ",", -1
    for candidate in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=candidate))) for line in sample]
        steady = counts[0] > 1 and all(c == counts[0] for c in counts[: min(len(counts), 5)])
        value = counts[0] * (2 if steady else 1) if counts[0] > 1 else 0
        if value > score:
            best, score = candidate, value
    return best


# ---- workbooks ----------------------------------------------------------------------------------------------


def _read_workbook(data: bytes, name: str, survey: Survey) -> tuple[str, list[list[str]], list[str]]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = {sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False) for sheet in book.sheet_names}
    except Exception:  # calamine raises its own kinds for a damaged file; the person needs the sentence below
        raise FileRefused(
            f"{name} could not be opened as a spreadsheet: it may be damaged or password-protected."
        ) from None
    grids = {sheet: [[_cell(value) for value in row] for row in rows] for sheet, rows in sheets.items()}
    filled = {sheet: grid for sheet, grid in grids.items() if any(any(c.strip() for c in row) for row in grid)}
    if not filled:
        raise FileRefused(f"{name} has no cells filled in on any sheet: nothing was imported.")
    if len(filled) == 1:
        sheet = next(iter(filled))
        return sheet, filled[sheet], []
    scored = {sheet: _header_at(grid, survey)[1] for sheet, grid in filled.items()}
    best = max(scored.values())
    chosen = [sheet for sheet, score in scored.items() if score == best]
    if best == 0 or len(chosen) > 1:
        raise FileRefused(
            f"{name} has {len(filled)} sheets ({', '.join(filled)}) and not exactly one has the survey's columns: "
            "keep the answers on one sheet, or save that sheet alone, and import it again."
        )
    return chosen[0], filled[chosen[0]], [f"{name}: the answers were read from the sheet '{chosen[0]}'."]


def _cell(value) -> str:
    """A workbook cell as the text a person sees: dates as ISO dates, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- the header ---------------------------------------------------------------------------------------------


def _header_at(grid: list[list[str]], survey: Survey) -> tuple[int, int]:
    """(index, how many of its cells name the survey's fields) of the likeliest header in the first rows."""
    known = {name.lower() for q in survey.questions for name in (*q.fields, *q.columns)}
    best, score = 0, 0
    for index, row in enumerate(grid[:HEADER_SEARCH]):
        hits = sum(cell.strip().lower() in known for cell in row)
        if hits > score:
            best, score = index, hits
    if score == 0:  # nothing matches: the first row that has anything in it, so land() names what is missing
        best = next((i for i, row in enumerate(grid) if any(c.strip() for c in row)), 0)
    return best, score


def header_names(row: list[str], name: str, at: int, notes: list[str]) -> list[str]:
    """The column names of the header row found at index `at`, or FileRefused for an unnamed or repeated one.

    Trailing empty cells are a spreadsheet's formatting, not columns; a header below row 1 is noted.
    """
    header = [cell.strip().lstrip("\ufeff") for cell in row]
    while header and not header[-1]:
        header.pop()
    if at > 0:
        notes.append(f"{name}: the column names were found on row {at + 1}; the rows above it were left out.")
    seen: dict[str, int] = {}
    for number, column in enumerate(header, start=1):
        if not column:
            raise FileRefused(f"{name}: column {number} of the header row has no name; name it or delete it.")
        if column.lower() in seen:
            raise FileRefused(
                f"{name} has two columns called {column} (columns {seen[column.lower()]} and {number}): "
                "nothing was imported; delete or rename one of them."
            )
        seen[column.lower()] = number
    return header


def _under_header(grid: list[list[str]], survey: Survey, name: str, sheet: str | None, notes: list[str]) -> Table:
    if not grid or not any(cell.strip() for row in grid for cell in row):
        empty = "is empty" if not grid or all(not row for row in grid) else "has only blank lines"
        raise FileRefused(f"{name} {empty}: there is nothing in it to import.")
    at, _ = _header_at(grid, survey)
    header = header_names(grid[at], name, at, notes)
    table = Table(columns=header, rows=[], row_numbers=[], notes=notes)
    body = grid[at + 1 :]
    width = len(header)
    filled = [i for i, row in enumerate(body) if "".join(row).strip()]  # blank lines between or after rows left out
    for index in filled:
        row = body[index]
        if len(row) < width and index == filled[-1] and sheet is None:
            table.refused_rows[len(table.rows)] = f"cut short: {len(row)} of {width} fields"
        table.rows.append(row if len(row) == width else row[:width] + [""] * (width - len(row)))
        table.row_numbers.append(at + 2 + index)
    if not table.rows:
        raise FileRefused(f"{name} has a header row but no answers below it: nothing was imported.")
    return table
