"""Every CSV and Excel file the platform hands out, written one way so that no cell runs as a formula.

Carers' comments, organisations' evidence and quarantined values are free text that ends up in the
Board's spreadsheets. A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
Excel and LibreOffice as a formula (OWASP "CSV injection": `=HYPERLINK(...)` turns a comment into a
link that leaks the sheet). So each text cell that begins like one gets a single quote in front, the
OWASP rule, and in a workbook every text cell is stored as text. Numbers, dates and blanks are left as
they are: a negative number is a number, not text to neutralise.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """The value a spreadsheet will show as written: a text beginning like a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell, column names included, neutralised; numeric columns untouched."""
    safe = frame.set_axis([neutralise(name) for name in frame.columns], axis=1)
    for position in range(frame.shape[1]):  # by position: a table may repeat a column name
        values = frame.iloc[:, position]
        if not pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_datetime64_any_dtype(values):
            safe.isetitem(position, values.map(neutralise).to_numpy(dtype=object))
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as a CSV file, neutralised, in UTF-8 with a byte order mark and CRLF line ends.

    The mark is there because Excel, double-clicked on a CSV without it, reads the bytes in the
    computer's ANSI code page (Windows-1252 in England) and shows "Café" as "CafÃ©"; with it, Excel
    reads UTF-8. Our own import accepts the mark, so a downloaded file can be imported again.
    CRLF is RFC 4180's line end, and it makes Python's csv writer quote a cell holding a lone carriage
    return, which with "\n" alone it leaves bare, splitting the row in two.
    """
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per entry (name: table), neutralised, every text cell stored as text.

    openpyxl guesses a cell's type from a string: one beginning with `=` becomes a formula and one like
    `#N/A` an error value. The quote in front already stops the first; setting the data type to string
    stops any guess, so what a carer wrote is what the cell holds.
    """
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_frame(frame).to_excel(writer, sheet_name=name, index=False)
            for row in writer.sheets[name].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
    return out.getvalue()
