"""Every CSV and Excel download: text a spreadsheet would run as a formula arrives as text (OWASP CSV injection)."""

from __future__ import annotations

import codecs
import csv
import io

import openpyxl  # type: ignore[import-untyped]  # ships no hints, and its stubs are not installed
import pandas as pd
import pytest

from pipelines.exports import csv_bytes, excel_bytes
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.files import import_file

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a downloaded CSV, which must start with UTF-8's byte order mark so Excel reads accents."""
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes, sheet: str | None = None) -> list[list[openpyxl.cell.cell.Cell]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in (book[sheet] if sheet else book.worksheets[0]).iter_rows()]


def as_excel_reads(text: str) -> str:
    """A text as openpyxl reads it back: XML turns a carriage return into a line feed."""
    return text.replace("\r", "\n")


def formula_cells(rows: list[list[openpyxl.cell.cell.Cell]]) -> list[str]:
    return [cell.coordinate for row in rows for cell in row if cell.data_type == "f"]


@pytest.fixture
def comments() -> pd.DataFrame:
    return pd.DataFrame(
        {"comment": [*FORMULAS, "Café visits, a lifeline", "#N/A"], "change": [-4, 0, 1, 2, 3, 4, 5, -1]}
    )


def test_each_text_cell_that_starts_like_a_formula_is_quoted_in_the_csv_and_numbers_are_not(comments):
    rows = read_csv(csv_bytes(comments))
    assert rows[0] == ["comment", "change"]
    assert [row[0] for row in rows[1:]] == [*("'" + text for text in FORMULAS), "Café visits, a lifeline", "#N/A"]
    assert [row[1] for row in rows[1:]] == ["-4", "0", "1", "2", "3", "4", "5", "-1"]


def test_the_workbook_holds_no_formula_and_the_same_quoted_text_and_numbers_as_numbers(comments):
    rows = read_xlsx(excel_bytes({"comments": comments}), "comments")
    assert formula_cells(rows) == []
    assert [row[0].value for row in rows[1:]] == [
        *("'" + as_excel_reads(text) for text in FORMULAS),
        "Café visits, a lifeline",
        "#N/A",  # openpyxl would store this as an error value; it stays the text it is
    ]
    assert {row[0].data_type for row in rows} == {"s"}
    assert [row[1].value for row in rows[1:]] == [-4, 0, 1, 2, 3, 4, 5, -1]
    assert {row[1].data_type for row in rows[1:]} == {"n"}


def test_a_column_name_that_starts_like_a_formula_is_quoted_and_a_blank_stays_blank():
    frame = pd.DataFrame({"=cmd|' /C calc'!A0": ["a", None], "n": [-1.5, None]})
    assert read_csv(csv_bytes(frame)) == [["'=cmd|' /C calc'!A0", "n"], ["a", "-1.5"], ["", ""]]
    rows = read_xlsx(excel_bytes({"t": frame}))
    assert [[cell.value for cell in row] for row in rows] == [["'=cmd|' /C calc'!A0", "n"], ["a", -1.5], [None, None]]


def test_a_downloaded_csv_imports_again(con, tmp_path):
    """The byte order mark and CRLF line ends suit Excel and our own import alike."""
    path = tmp_path / "again.csv"
    path.write_bytes(csv_bytes(pd.DataFrame({"AREA": ["E06000001"], "DIFFERENCE": ["Café visits, a lifeline"]})))
    result = import_file(con, path, "carer_experience", wave_id=ensure_wave(con, "carer_experience", "2011-Q3"))
    assert (result.landed, result.quarantined) == (1, 0)
    assert con.execute("select DIFFERENCE from response_carer_experience").fetchall() == [("Café visits, a lifeline",)]
