"""Every CSV and Excel download: text a spreadsheet would run as a formula arrives as text (OWASP CSV injection)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.cell.cell import Cell, MergedCell
from streamlit.testing.v1 import AppTest

import surveys
from dashboards.ui.access import User
from pipelines.exports import csv_bytes, excel_bytes
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.files import import_file
from pipelines.sources.template import template_files
from tests.conftest import PRODUCT, ROOT, run_cli
from warehouse.connection import connect

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
HYPERLINK = FORMULAS[0]


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a downloaded CSV, which must start with UTF-8's byte order mark so Excel reads accents."""
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes, sheet: str | None = None) -> list[list[Cell | MergedCell]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in (book[sheet] if sheet else book.worksheets[0]).iter_rows()]


def as_excel_reads(text: str) -> str:
    """A text as openpyxl reads it back: XML turns a carriage return into a line feed."""
    return text.replace("\r", "\n")


def formula_cells(rows: list[list[Cell | MergedCell]]) -> list[str]:
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


WRITERS = re.compile(r"\.to_csv\(|\.to_excel\(|ExcelWriter\(|csv\.(Dict)?[wW]riter\(|Workbook\(")


def test_no_code_but_pipelines_exports_writes_a_csv_or_excel_file():
    files = [ROOT / name for name in PRODUCT if name.endswith(".py")]
    files += [path for name in PRODUCT if not name.endswith(".py") for path in sorted((ROOT / name).rglob("*.py"))]
    writers = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        if path != ROOT / "pipelines" / "exports.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WRITERS.search(line)
    ]
    assert writers == []


# The download paths, each through the code a person uses.


def test_the_comments_page_downloads_a_carers_formula_as_text_in_csv_and_excel(app_env, db_path, downloads):
    con = connect(db_path)
    wave = ensure_wave(con, "carer_experience", "2024-Q1")
    land(con, "carer_experience", [{"AREA": "E06000001", "DIFFERENCE": HYPERLINK}], source="file", wave_id=wave)
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/carer_comments.py"), default_timeout=60)
    at.session_state["user"] = User("board1", "board")
    at.run()
    assert not at.exception
    assert read_csv(downloads["carer-comments-2024-Q1.csv"])[1][0] == "'" + HYPERLINK
    rows = read_xlsx(downloads["carer-comments-2024-Q1.xlsx"])
    assert formula_cells(rows) == [] and rows[1][0].value == "'" + HYPERLINK


def test_the_quarantine_page_downloads_a_rejected_formula_as_text(app_env, db_path, tmp_path, downloads):
    path = tmp_path / "ratings.csv"
    path.write_text(
        'RATER,COMMISSIONER,ENGAGEMENT,INPLAN,INBUDGET\nDEMO01,5ND,"=HYPERLINK(""http://x"",""y"")",Y,N\n',
        encoding="utf-8",
    )
    con = connect(db_path)
    con.execute(
        "insert into organisations (code, name, type) values ('DEMO01', 'Test centre (fictional)', 'carers_org')"
    )
    ensure_wave(con, "commissioner_return", "2011-Q3")
    batch = import_file(con, path, "org_rating", wave_id=ensure_wave(con, "org_rating", "2011-Q3")).batch_id
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_quarantine.py"), default_timeout=60)
    at.session_state["user"] = User("admin1", "administrator")
    at.run()
    assert not at.exception
    header, row = read_csv(downloads[f"quarantine-batch-{batch}.csv"])
    assert dict(zip(header, row, strict=True))["value"] == "'" + HYPERLINK


def test_the_template_quotes_wording_that_starts_like_a_formula(tmp_path):
    definition = (surveys.FOLDER / "org_rating.yaml").read_text(encoding="utf-8")
    poisoned = tmp_path / "org_rating.yaml"
    poisoned.write_text(definition.replace("text: Your organisation", "text: '-2+3 or your organisation'"))
    files = template_files(surveys.load_file(poisoned))
    codes = read_csv(files["org_rating_codes.csv"])
    assert ["RATER", "'-2+3 or your organisation", "an organisation code (carers_org)", "True"] in codes
    rows = read_xlsx(files["org_rating_template.xlsx"], "codes")
    assert formula_cells(rows) == []
    assert rows[1][1].value == "'-2+3 or your organisation"


def test_the_template_command_writes_csv_marked_as_utf8_and_a_workbook_without_formulas(db_path, tmp_path):
    done = run_cli(db_path, "template", "--survey", "carer_experience", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    written = {Path(line.removeprefix("wrote ")).name for line in done.stdout.splitlines()}
    assert written == {"carer_experience_template.csv", "carer_experience_codes.csv", "carer_experience_template.xlsx"}
    header = read_csv((tmp_path / "carer_experience_template.csv").read_bytes())[0]
    assert header[:2] == ["REF", "QOLTIME"]  # the mark is not read as part of the first column's name
    for sheet in ("answers", "codes"):
        assert formula_cells(read_xlsx((tmp_path / "carer_experience_template.xlsx").read_bytes(), sheet)) == []
