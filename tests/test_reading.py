"""Files as councils really send them: the bytes' kind, encodings, delimiters, line ends, the header row,
workbooks with several sheets, and damaged files refused (or partly landed) in one plain sentence."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import odf.opendocument
import odf.table
import odf.text
import openpyxl
import pytest
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.errors import FileRefused
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.files import import_file
from tests.conftest import scalar

HEADER = ["REF", "AREA", "QOLTIME", "SATISFIED", "DIFFERENCE"]
ROWS = [["A1", "E06000001", "1", "2", "Café visits"], ["A2", "E06000002", "2", "3", "Respite costs £20"]]


@pytest.fixture
def wave(con):
    return ensure_wave(con, "carer_experience", "2011-Q3")


def _text(rows, delimiter=",", end="\n") -> str:
    return end.join(delimiter.join(row) for row in [HEADER, *rows]) + end


def _landed(con) -> list[tuple]:
    return con.execute("select source_id, AREA, DIFFERENCE from response_carer_experience order by 1").fetchall()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_text(ROWS).encode("utf-8-sig"), id="utf8_with_bom"),
        pytest.param(b"\xff\xfe" + _text(ROWS, "\t", "\r\n").encode("utf-16-le"), id="utf16le_unicode_text"),
        pytest.param(b"\xfe\xff" + _text(ROWS, "\t").encode("utf-16-be"), id="utf16be"),
        pytest.param(_text(ROWS).encode("cp1252"), id="windows_1252"),
        pytest.param(("sep=;\n" + _text(ROWS, ";")).encode("utf-8"), id="excel_sep_line"),
        pytest.param(_text(ROWS, ";", "\r").encode("utf-8"), id="semicolon_cr_only"),
        pytest.param(_text(ROWS, "\t", "\r\n").encode("utf-8"), id="tab_crlf"),
        pytest.param(("Carers survey export\n\n" + _text(ROWS)).encode("utf-8"), id="title_above_the_header"),
        pytest.param(_text(ROWS).replace("\n", "\n\n").encode("utf-8"), id="blank_lines_between_rows"),
    ],
)
def test_text_files_as_people_save_them_land_every_row_with_every_character(con, wave, tmp_path, data):
    path = tmp_path / "answers.csv"
    path.write_bytes(data)
    result = import_file(con, path, "carer_experience", wave_id=wave)
    assert (result.received, result.landed, result.quarantined) == (2, 2, 0)
    assert _landed(con) == [("A1", "E06000001", "Café visits"), ("A2", "E06000002", "Respite costs £20")]


def test_what_the_reader_did_is_said_in_the_summary(con, wave, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(("Carers survey export, March\n\n" + _text(ROWS)).encode("cp1252"))
    notes = import_file(con, path, "carer_experience", wave_id=wave).notes
    assert notes == [
        "export.csv is not UTF-8; it was read as Windows-1252 (as Excel saves CSV on Windows).",
        "export.csv: the column names were found on row 3; the rows above it were left out.",
    ]


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """A workbook as a person makes one: sheets of rows of any length (a title row has one cell), saved
    as the suffix says by a writer of that format (.xls by xlwt, .ods by odfpy, the others by openpyxl)."""
    writers = {".xls": _xls, ".ods": _ods}
    writers.get(path.suffix, _xlsx)(path, sheets)
    return path


def _xlsx(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    workbook = openpyxl.Workbook()
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    del workbook["Sheet"]  # the empty sheet a new workbook starts with
    workbook.save(path)


def _xls(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    workbook = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    workbook.save(str(path))


def _ods(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    document = odf.opendocument.OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = odf.table.Table(name=name)
        for row in rows:
            cells = odf.table.TableRow()
            for value in row:
                cell = odf.table.TableCell(valuetype="string")
                cell.addElement(odf.text.P(text=value))
                cells.addElement(cell)
            table.addElement(cells)
        document.spreadsheet.addElement(table)
    document.save(str(path))


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm", ".xls", ".ods"])
def test_a_workbook_with_a_title_and_a_notes_sheet_is_read_from_the_sheet_with_the_answers(con, wave, tmp_path, suffix):
    path = _workbook(
        tmp_path / f"answers{suffix}",
        {"Read me": [["This workbook holds the answers"]], "Answers": [["Survey of carers"], HEADER, *ROWS]},
    )
    result = import_file(con, path, "carer_experience", wave_id=wave)
    assert (result.received, result.landed) == (2, 2)
    assert _landed(con) == [("A1", "E06000001", "Café visits"), ("A2", "E06000002", "Respite costs £20")]
    assert f"answers{suffix}: the answers were read from the sheet 'Answers'." in result.notes
    assert f"answers{suffix}: the column names were found on row 2; the rows above it were left out." in result.notes


REFUSED = [
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(64), "answers.csv is a PNG image, not a spreadsheet", id="image"),
    pytest.param(b"%PDF-1.7\n", "answers.csv is a PDF document, not a spreadsheet", id="pdf"),
    pytest.param(b"", "answers.csv is empty: there is nothing in it to import.", id="empty"),
    pytest.param(b"\n\n  \n\n", "answers.csv has only blank lines: there is nothing in it to import.", id="blank"),
    pytest.param(
        _text([]).encode(), "answers.csv has a header row but no answers below it: nothing was imported.", id="header"
    ),
    pytest.param(
        b"REF,AREA,QOLTIME,AREA\nA1,E06000001,1,E06000002\n",
        "answers.csv has two columns called AREA (columns 2 and 4): nothing was imported",
        id="duplicated_column",
    ),
    pytest.param(
        b'REF,AREA,DIFFERENCE\nA1,E06000001,fine\nA2,E06000001,"a quote never closed\nA3,E06000001,x\n',
        "answers.csv: a quotation mark on line 3 is never closed, so the rows from there on could not be read",
        id="unclosed_quote",
    ),
]


@pytest.mark.parametrize("data, message", REFUSED)
def test_a_file_that_cannot_be_read_is_refused_in_one_sentence_and_records_nothing(con, wave, tmp_path, data, message):
    path = tmp_path / "answers.csv"
    path.write_bytes(data)
    with pytest.raises(FileRefused) as refusal:
        import_file(con, path, "carer_experience", wave_id=wave)
    said = str(refusal.value)
    assert said.startswith(message)
    assert str(tmp_path) not in said and "Traceback" not in said and "duckdb" not in said.lower()
    assert scalar(con, "select count(*) from import_batches") == 0  # no empty batch recorded


def test_a_zip_that_is_not_a_workbook_is_refused_as_a_zip(con, wave, tmp_path):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("answers.csv", _text(ROWS))
    path = tmp_path / "answers.xlsx"
    path.write_bytes(archive.getvalue())
    with pytest.raises(FileRefused, match=r"answers\.xlsx is a zip archive, not a spreadsheet: unzip it"):
        import_file(con, path, "carer_experience", wave_id=wave)


def test_a_workbook_whose_sheets_all_look_alike_is_refused_naming_them(con, wave, tmp_path):
    path = _workbook(tmp_path / "answers.xlsx", {"April": [HEADER, *ROWS], "May": [HEADER, *ROWS]})
    with pytest.raises(FileRefused, match=r"answers.xlsx has 2 sheets \(April, May\) and not exactly one"):
        import_file(con, path, "carer_experience", wave_id=wave)


def test_a_last_line_cut_short_lands_the_good_rows_and_quarantines_that_one(con, wave, tmp_path):
    path = tmp_path / "answers.csv"
    path.write_bytes((_text(ROWS) + "A3,E06000001").encode())  # the file stopped mid-row
    result = import_file(con, path, "carer_experience", wave_id=wave)
    assert (result.received, result.landed, result.quarantined) == (3, 2, 1)
    assert result.problems == [(4, "(row)", "cut short: 2 of 5 fields")]  # the file's own line 4


RETURN_HEADER = ["COMMISSIONER", "PLANSTATUS", "PUBDATE", "BUDGETEXIST", "WORKSWITH"]


@pytest.mark.parametrize(
    "cells, landed, reason",
    [
        pytest.param(["\u00a05ND\t", "NOUPD", "", "\u00a01,200 ", "yes"], ("5ND", None, 1200, "Y"), None, id="spaces"),
        pytest.param(["5ND", "NOUPD", "", "1200.50", "TRUE"], ("5ND", None, 1200.5, "Y"), None, id="true_is_yes"),
        pytest.param(["5ND", "NOUPD", "", "£1,200", "0"], ("5ND", None, 1200, "N"), None, id="zero_is_no"),
        pytest.param(["5ND", "PUB", "40817", "", "N"], ("5ND", date(2011, 10, 1), None, "N"), None, id="excel_serial"),
        pytest.param(["5ND", "PUB", "30.09.2011", "", "N"], ("5ND", date(2011, 9, 30), None, "N"), None, id="dots"),
        pytest.param(
            ["5ND", "NOUPD", "", "1.2E+06", "N"], None, "looks like a spreadsheet display, not the amount", id="sci"
        ),
        pytest.param(
            ["5ND", "NOUPD", "", "1000000000000000", "N"], None, "above the maximum of £50,000,000", id="huge"
        ),
        pytest.param(["5ND", "NOUPD", "", "-5", "N"], None, "below the minimum of £0", id="negative"),
        pytest.param(["5ND", "PUB", "31/02/2011", "", "N"], None, "is not a date", id="impossible_date"),
    ],
)
def test_values_as_spreadsheets_write_them(con, tmp_path, cells, landed, reason):
    wave = ensure_wave(con, "commissioner_return", "2011-Q3")
    path = tmp_path / "returns.csv"
    path.write_text(",".join(RETURN_HEADER) + "\n" + ",".join(f'"{c}"' for c in cells) + "\n", encoding="utf-8")
    result = import_file(con, path, "commissioner_return", wave_id=wave)
    if reason is None:
        assert result.landed == 1, result.problems
        assert con.execute(
            "select COMMISSIONER, PUBDATE, BUDGETEXIST, WORKSWITH from response_commissioner_return"
        ).fetchall() == [landed]
    else:
        assert result.quarantined == 1 and reason in result.problems[0][2], result.problems


def test_a_file_with_dates_only_month_first_can_be_is_refused_and_ambiguous_ones_are_read_day_first(con, tmp_path):
    wave = ensure_wave(con, "commissioner_return", "2011-Q3")
    path = tmp_path / "returns.csv"
    path.write_text("COMMISSIONER,PLANSTATUS,PUBDATE,WORKSWITH\n5ND,PUB,03/04/2011,N\n5J9,PUB,09/25/2011,N\n")
    with pytest.raises(FileRefused, match=r"PUBDATE are written month first \(row 3 has 09/25/2011\)"):
        import_file(con, path, "commissioner_return", wave_id=wave)
    path.write_text("COMMISSIONER,PLANSTATUS,PUBDATE,WORKSWITH\n5ND,PUB,03/04/2011,N\n")
    result = import_file(con, path, "commissioner_return", wave_id=wave)
    assert "they were read day first, as in the UK (03/04/2011 is 3 April)" in result.notes[0]
    assert con.execute("select PUBDATE from response_commissioner_return").fetchall() == [(date(2011, 4, 3),)]


def test_two_rows_about_the_same_rating_are_never_both_counted(con, tmp_path):
    wave = ensure_wave(con, "org_rating", "2011-Q3")
    rows = [
        "RATER,COMMISSIONER,ENGAGEMENT,INPLAN,INBUDGET",
        "DEMO01,5ND,2,Y,N",
        "DEMO01,5ND,2,Y,N",  # the same answer twice: a duplicate of row 2
        "DEMO01,5J9,0,N,N",
        "DEMO01,5J9,3,Y,Y",  # two different answers about 5J9: both held back
    ]
    from pipelines.demo.dataset import add_carers_orgs

    add_carers_orgs(con, con.execute("select code, name from organisations where type = 'SHA'").fetchall())
    path = tmp_path / "ratings.csv"
    path.write_text("\n".join(rows) + "\n")
    result = import_file(con, path, "org_rating", wave_id=wave)
    assert (result.landed, result.quarantined) == (1, 3)
    assert {(row, reason) for row, _, reason in result.problems} == {
        (3, "a duplicate of row 2"),
        (4, "conflicts with row 5 about the same answer"),
        (5, "conflicts with row 4 about the same answer"),
    }


def test_an_organisation_that_did_not_exist_during_the_wave_is_quarantined_with_its_successor(con, tmp_path):
    from pipelines.outreach.waves import open_wave

    successor = con.execute("select successor_code from org_successions where predecessor_code = '5A5'").fetchall()
    assert len(successor) == 1  # 5A5 (a PCT) was followed by exactly one CCG
    wave_2011 = ensure_wave(con, "commissioner_return", "2011-Q3")
    wave_2014 = open_wave(con, "commissioner_return", "2014-Q3", date(2014, 7, 1), date(2014, 9, 30), [])
    path = tmp_path / "returns.csv"
    path.write_text("COMMISSIONER,PLANSTATUS,WORKSWITH\n00K,NOUPD,N\n")  # a CCG, from April 2013
    result = import_file(con, path, "commissioner_return", wave_id=wave_2011)
    assert result.problems[0][2].startswith("00K did not exist in 2011-Q3 (from 1 April 2013)")
    path.write_text("COMMISSIONER,PLANSTATUS,WORKSWITH\n5A5,NOUPD,N\n")  # a PCT, until March 2013
    result = import_file(con, path, "commissioner_return", wave_id=wave_2014)
    assert (
        result.problems[0][2]
        == f"5A5 did not exist in 2014-Q3 (until 31 March 2013); its successor is {successor[0][0]}"
    )
    path.write_text("COMMISSIONER,PLANSTATUS,WORKSWITH\n5A5,NOUPD,N\n")
    assert import_file(con, path, "commissioner_return", wave_id=wave_2011).landed == 1  # in its own time it counts


CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"), max_size=12
).map(str.strip)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    end=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_csv_pythons_csv_module_writes_reads_back_to_the_same_cells(tmp_path, rows, delimiter, encoding, end):
    import csv

    from pipelines.sources.reading import read_table
    from surveys import load

    if encoding == "cp1252":  # a Windows file holds only what Windows-1252 can write
        rows = [[c.encode("cp1252", "ignore").decode("cp1252") for c in row] for row in rows]
    rows = [row for row in rows if any(row)]  # a row of blanks is a blank line, which readers skip
    if not rows:
        return
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=end, quoting=csv.QUOTE_ALL).writerows([HEADER, *rows])
    path = tmp_path / "round_trip.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    table = read_table(path, load("carer_experience"))
    assert table.columns == HEADER and table.rows == rows
