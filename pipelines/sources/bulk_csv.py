"""Plain UTF-8 CSV files read by DuckDB's own parser into a temporary table, in constant memory.

`reading.py`'s careful reader is the authority on what a file holds, and the only one that explains a
badly made file; it holds the whole file as Python text. This is its fast path for the files that need
none of that care, which are the big ones machines write: UTF-8 text with no blank line and every row
as wide as the header. DuckDB then numbers the rows exactly as the careful reader would, and reads ten
million rows in seconds without holding them in Python. On anything else (DuckDB refuses a row, the
file is not plain, the header is not on one of the first lines) nothing is staged and the careful
reader reads the file, with its own sentence for each problem.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.landing.sql_names import quote, trimmed
from pipelines.sources import reading
from surveys import Survey

BLOCK = 8 << 20  # bytes read at a time for the checksum and the look for blank lines
PREFIX = 1 << 20  # bytes looked at for Excel's sep= line, the delimiter and the header
UTF8_BOM = b"\xef\xbb\xbf"
BLANK_LINES = (b"\n\n", b"\n\r\n", b"\r\r")  # a blank line: DuckDB would skip it without counting it


@dataclass(frozen=True)
class Scan:
    checksum: str  # sha256 of the file's bytes
    size: int
    plain: bool  # text with no blank line and no BOM but UTF-8's: a candidate for DuckDB's reader


def scan(path: Path) -> Scan:
    """The file's checksum and whether it may be plain, in one pass of BLOCK bytes at a time."""
    digest = hashlib.sha256()
    size, plain, tail = 0, True, b""
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            if size == 0:
                plain = not block.startswith((b"\xff\xfe", b"\xfe\xff", reading.ZIP, reading.WORKBOOK))
                plain = plain and not any(block.startswith(magic) for magic, _ in reading.NOT_SPREADSHEETS)
            digest.update(block)
            seam = tail + block
            plain = plain and not any(blank in seam for blank in BLANK_LINES)
            tail, size = block[-2:], size + len(block)
    return Scan(digest.hexdigest(), size, plain)


def stage(con: duckdb.DuckDBPyConnection, path: Path, survey: Survey, scanned: Scan, table: str) -> list[str] | None:
    """Read a plain file into the temporary `table` (`_row`, its columns as text, `_problem`); return the notes
    a person should read, or None (nothing staged) when the careful reader must read it."""
    if not scanned.plain:
        return None
    head = _head(path)
    if head is None:
        return None
    lines = head.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:-1]  # the last may be cut short
    hinted = reading._delimiter_hint(lines)
    lines = lines[1:] if hinted else lines
    delimiter = head.strip()[4] if hinted else reading._delimiter("\n".join(lines))
    reader = csv.reader(io.StringIO("\n".join(lines), newline=""), delimiter=delimiter, strict=True)
    try:
        grid = [row for _, row in zip(range(reading.HEADER_SEARCH), reader, strict=False)]
    except csv.Error:
        return None
    at, score = reading._header_at(grid, survey)
    if score == 0 or len(grid) <= at or _lines_of(grid[: at + 1], delimiter) != at + 1:
        return None  # no header near the top, or a quoted line break above it: the careful reader numbers those
    notes: list[str] = []
    header = reading.header_names(grid[at], path.name, at, notes)
    return notes if _read(con, path, header, len(grid[at]), delimiter, hinted + at + 1, at, table) else None


def _head(path: Path) -> str | None:
    """The file's first PREFIX bytes as text, up to the last whole line; None if they are not UTF-8."""
    with path.open("rb") as handle:
        data = handle.read(PREFIX)
    data = data.removeprefix(UTF8_BOM)
    if len(data) == PREFIX:
        data = data[: data.rfind(b"\n") + 1]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lines_of(rows: list[list[str]], delimiter: str) -> int:
    """How many lines these rows took in the file (more than one each when a quoted cell holds a line break)."""
    return sum(1 + sum(cell.count("\n") for cell in row) for row in rows)


def _read(con, path: Path, header: list[str], width: int, delimiter: str, skip: int, at: int, table: str) -> bool:
    """Stage the rows under the header; False (nothing staged) if DuckDB refuses any of them."""
    columns = "{" + ", ".join(f"'c{i}': 'varchar'" for i in range(width)) + "}"
    # cells as the careful reader gives them: text, an empty cell as '', a quoted line break as \n
    cells = [
        f"case when contains(coalesce(c{i}, ''), chr(13)) then replace(replace(c{i}, chr(13) || chr(10), chr(10)), "
        f"chr(13), chr(10)) else coalesce(c{i}, '') end as {quote(name)}"
        for i, name in enumerate(header)
    ]
    # a row of blank cells, as the careful reader skips it (trimmed(): a blank is null, and it looks at the ends
    # of a cell before trimming it, which costs a fraction of trim() over every cell)
    blank = " and ".join(f"{trimmed(f'c{i}')} is null" for i in range(width))
    try:
        con.execute(
            f"""
            create or replace temp table {quote(table)} as
            select cast({at + 1} + n as bigint) as _row, {", ".join(cells)}, cast(null as varchar) as _problem
            from (
                select row_number() over () as n, *
                from read_csv(?, header = false, skip = ?, delim = ?, quote = '"', escape = '"', strict_mode = true,
                    auto_detect = false, encoding = 'utf-8', columns = {columns})
            )
            where not ({blank})
            """,
            [str(path), skip, delimiter],
        )
    except duckdb.Error:
        con.execute(f"drop table if exists temp.{quote(table)}")
        return False
    if con.execute(f"select count(*) from {quote(table)}").fetchall()[0][0] == 0:
        con.execute(f"drop table temp.{quote(table)}")
        return False  # a header and no rows: the careful reader says so
    return True
