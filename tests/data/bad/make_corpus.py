"""Writes the corpus of files councils, carers' organisations and commissioners send by mistake, and its manifest.

Run from the project root: `.venv/bin/python tests/data/bad/make_corpus.py`. The files and `manifest.yaml` it
writes are committed; `tests/test_bad_files.py` replays every entry. Each entry says what a person should see:
the refusal's first words, or how many rows land and which reasons quarantine the others.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pandas as pd
import yaml

HERE = Path(__file__).parent
CARER = ["REF", "AREA", "QOLTIME", "SATISFIED", "DIFFERENCE"]
GOOD = [["A1", "E06000001", "1", "2", "Café visits"], ["A2", "E06000002", "2", "3", "Respite costs £20"]]
RETURN = ["COMMISSIONER", "PLANSTATUS", "PUBDATE", "BUDGETEXIST", "WORKSWITH"]
RATING = ["RATER", "COMMISSIONER", "ENGAGEMENT", "INPLAN", "INBUDGET"]


def text(header, rows, delimiter=",", end="\n") -> str:
    return end.join(delimiter.join(row) for row in [header, *rows]) + end


def workbook(sheets: dict[str, list[list[str]]]) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, rows in sheets.items():
            width = max(len(row) for row in rows)
            padded = [row + [""] * (width - len(row)) for row in rows]
            pd.DataFrame(padded).to_excel(writer, sheet_name=name, index=False, header=False)
    return out.getvalue()


def zipped(name: str, data: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, data)
    return out.getvalue()


def landed(n: int, quarantined: int = 0, reasons: list[str] | None = None, notes: list[str] | None = None) -> dict:
    return {"landed": n, "quarantined": quarantined, "reasons": reasons or [], "notes": notes or []}


def refused(message: str) -> dict:
    return {"refused": message}


def one_return(cells: list[str]) -> str:
    return text(RETURN, [cells])


CARERS = "carer_experience"
RETURNS = "commissioner_return"
RATINGS = "org_rating"
FILES: list[tuple[str, str, bytes | str, dict]] = [
    # ---- encodings, delimiters, line ends
    ("utf8.csv", CARERS, text(CARER, GOOD), landed(2)),
    ("utf8_bom.csv", CARERS, "\ufeff" + text(CARER, GOOD), landed(2)),
    ("utf16le_unicode_text.txt", CARERS, b"\xff\xfe" + text(CARER, GOOD, "\t", "\r\n").encode("utf-16-le"), landed(2)),
    ("utf16be.csv", CARERS, b"\xfe\xff" + text(CARER, GOOD, "\t").encode("utf-16-be"), landed(2)),
    ("windows_1252.csv", CARERS, text(CARER, GOOD).encode("cp1252"), landed(2, notes=["read as Windows-1252"])),
    ("latin1.csv", CARERS, text(CARER, [["A1", "E06000001", "1", "2", "Ça va"]]).encode("latin-1"), landed(1)),
    ("semicolon.csv", CARERS, text(CARER, GOOD, ";"), landed(2)),
    ("tab.tsv", CARERS, text(CARER, GOOD, "\t"), landed(2)),
    ("excel_sep_line.csv", CARERS, "sep=;\n" + text(CARER, GOOD, ";"), landed(2)),
    ("cr_only.csv", CARERS, text(CARER, GOOD, ",", "\r"), landed(2)),
    ("crlf.csv", CARERS, text(CARER, GOOD, ",", "\r\n"), landed(2)),
    ("no_final_newline.csv", CARERS, text(CARER, GOOD).rstrip("\n"), landed(2)),
    (
        "quoted_commas.csv",
        CARERS,
        text(CARER, [["A1", "E06000001", "1", "2", '"Breaks, sitters, and days out"']]),
        landed(1),
    ),
    ("quoted_newline.csv", CARERS, text(CARER, [["A1", "E06000001", "1", "2", '"Two\nlines"']]), landed(1)),
    # ---- where the header is
    ("title_above_header.csv", CARERS, "Carers survey, March\n\n" + text(CARER, GOOD), landed(2, notes=["row 3"])),
    ("blank_lines_between.csv", CARERS, text(CARER, GOOD).replace("\n", "\n\n"), landed(2)),
    ("header_in_lower_case.csv", CARERS, text([c.lower() for c in CARER], GOOD), landed(2)),
    ("header_with_spaces.csv", CARERS, text([f" {c} " for c in CARER], GOOD), landed(2)),
    ("extra_columns.csv", CARERS, text([*CARER, "Notes"], [[*r, "x"] for r in GOOD]), landed(2)),
    # ---- workbooks
    ("answers.xlsx", CARERS, workbook({"Sheet1": [CARER, *GOOD]}), landed(2)),
    ("title_row.xlsx", CARERS, workbook({"Answers": [["Survey of carers"], CARER, *GOOD]}), landed(2, notes=["row 2"])),
    (
        "notes_sheet_first.xlsx",
        CARERS,
        workbook({"Read me": [["Notes"]], "Answers": [CARER, *GOOD]}),
        landed(2, notes=["sheet 'Answers'"]),
    ),
    (
        "two_alike_sheets.xlsx",
        CARERS,
        workbook({"April": [CARER, *GOOD], "May": [CARER, *GOOD]}),
        refused("two_alike_sheets.xlsx has 2 sheets (April, May) and not exactly one"),
    ),
    (
        "empty_workbook.xlsx",
        CARERS,
        workbook({"Sheet1": [[""]]}),
        refused("empty_workbook.xlsx has no cells filled in"),
    ),
    ("workbook_named_csv.csv", CARERS, workbook({"Sheet1": [CARER, *GOOD]}), landed(2)),
    # ---- not a spreadsheet at all
    ("image.csv", CARERS, b"\x89PNG\r\n\x1a\n" + bytes(40), refused("image.csv is a PNG image, not a spreadsheet")),
    ("photo.xlsx", CARERS, b"\xff\xd8\xff\xe0" + bytes(40), refused("photo.xlsx is a JPEG image, not a spreadsheet")),
    ("animation.csv", CARERS, b"GIF89a" + bytes(40), refused("animation.csv is a GIF image, not a spreadsheet")),
    ("report.csv", CARERS, b"%PDF-1.7\n" + bytes(40), refused("report.csv is a PDF document, not a spreadsheet")),
    (
        "archive.csv",
        CARERS,
        zipped("a.csv", text(CARER, GOOD)),
        refused("archive.csv is a zip archive, not a spreadsheet"),
    ),
    ("compressed.csv", CARERS, gzip.compress(text(CARER, GOOD).encode()), refused("compressed.csv is a gzip archive")),
    ("binary.csv", CARERS, bytes(range(256)) * 4, refused("binary.csv is not a text file")),
    ("damaged.xlsx", CARERS, b"PK\x03\x04" + bytes(100), refused("damaged.xlsx is a zip archive, not a spreadsheet")),
    # ---- damaged
    ("empty.csv", CARERS, b"", refused("empty.csv is empty: there is nothing in it to import.")),
    ("blank_lines_only.csv", CARERS, "\n \n\n", refused("blank_lines_only.csv has only blank lines")),
    ("header_only.csv", CARERS, text(CARER, []), refused("header_only.csv has a header row but no answers below it")),
    (
        "duplicated_column.csv",
        CARERS,
        "REF,AREA,QOLTIME,AREA\nA1,E06000001,1,E06000002\n",
        refused("duplicated_column.csv has two columns called AREA (columns 2 and 4)"),
    ),
    (
        "unnamed_column.csv",
        CARERS,
        "REF,,AREA\nA1,x,E06000001\n",
        refused("unnamed_column.csv: column 2 of the header row has no name"),
    ),
    (
        "unclosed_quote.csv",
        CARERS,
        'REF,AREA,DIFFERENCE\nA1,E06000001,fine\nA2,E06000001,"never closed\nA3,E06000001,x\n',
        refused("unclosed_quote.csv: a quotation mark on line 3 is never closed"),
    ),
    ("cut_short.csv", CARERS, text(CARER, GOOD) + "A3,E06000001", landed(2, 1, ["cut short: 2 of 5 fields"])),
    ("missing_required_column.csv", CARERS, text(["REF", "QOLTIME"], [["A1", "1"]]), refused("Nothing was imported")),
    # ---- values
    (
        "unknown_answer.csv",
        CARERS,
        text(CARER, [["A1", "E06000001", "9", "2", ""]]),
        landed(0, 1, ["not one of the answers"]),
    ),
    (
        "answer_as_label.csv",
        CARERS,
        text(CARER, [["A1", "E06000001", "I look after myself", "", ""]]),
        landed(0, 1, ["not one of"]),
    ),
    (
        "unknown_council.csv",
        CARERS,
        text(CARER, [["A1", "E99999999", "1", "2", ""]]),
        landed(0, 1, ["not a known organisation"]),
    ),
    ("nbsp_and_tabs.csv", RETURNS, one_return(["\u00a05ND\t", "NOUPD", "", '"\u00a01,200 "', "yes"]), landed(1)),
    ("yes_no_true_false.csv", RETURNS, one_return(["5ND", "NOUPD", "", "1200.50", "TRUE"]), landed(1)),
    ("yes_no_one_zero.csv", RETURNS, one_return(["5ND", "NOUPD", "", '"£1,200"', "0"]), landed(1)),
    (
        "negative_amount.csv",
        RETURNS,
        one_return(["5ND", "NOUPD", "", "-5", "N"]),
        landed(0, 1, ["below the minimum of £0"]),
    ),
    ("text_amount.csv", RETURNS, one_return(["5ND", "NOUPD", "", "lots", "N"]), landed(0, 1, ["is not a number"])),
    (
        "huge_amount.csv",
        RETURNS,
        one_return(["5ND", "NOUPD", "", "1000000000000000", "N"]),
        landed(0, 1, ["above the maximum of £50,000,000"]),
    ),
    (
        "scientific_amount.csv",
        RETURNS,
        one_return(["5ND", "NOUPD", "", "1.2E+06", "N"]),
        landed(0, 1, ["looks like a spreadsheet display"]),
    ),
    ("iso_date.csv", RETURNS, one_return(["5ND", "PUB", "2011-09-30", "", "N"]), landed(1)),
    ("day_first_date.csv", RETURNS, one_return(["5ND", "PUB", "30/09/2011", "", "N"]), landed(1)),
    ("dotted_date.csv", RETURNS, one_return(["5ND", "PUB", "30.09.2011", "", "N"]), landed(1)),
    ("excel_serial_date.csv", RETURNS, one_return(["5ND", "PUB", "40816", "", "N"]), landed(1)),
    (
        "impossible_date.csv",
        RETURNS,
        one_return(["5ND", "PUB", "31/02/2011", "", "N"]),
        landed(0, 1, ["is not a date"]),
    ),
    (
        "month_first_dates.csv",
        RETURNS,
        text(RETURN, [["5ND", "PUB", "03/04/2011", "", "N"], ["5J9", "PUB", "09/25/2011", "", "N"]]),
        refused("month_first_dates.csv: the dates in PUBDATE are written month first (row 3 has 09/25/2011)"),
    ),
    (
        "ambiguous_dates.csv",
        RETURNS,
        one_return(["5ND", "PUB", "03/04/2011", "", "N"]),
        landed(1, notes=["they were read day first"]),
    ),
    (
        "unknown_plan_status.csv",
        RETURNS,
        one_return(["5ND", "MAYBE", "", "", "N"]),
        landed(0, 1, ["not one of the answers"]),
    ),
    # ---- organisations in time
    (
        "ccg_in_2011.csv",
        RETURNS,
        one_return(["00K", "NOUPD", "", "", "N"]),
        landed(0, 1, ["00K did not exist in 2011-Q3"]),
    ),
    ("lower_case_code.csv", RETURNS, one_return(["5nd", "NOUPD", "", "", "N"]), landed(1)),
    ("council_as_commissioner.csv", RETURNS, one_return(["E06000001", "NOUPD", "", "", "N"]), landed(1)),
    (
        "sha_as_commissioner.csv",
        RETURNS,
        one_return(["Q30", "NOUPD", "", "", "N"]),
        landed(0, 1, ["not a known organisation"]),
    ),
    # ---- repeats within a file
    (
        "identical_repeat.csv",
        RATINGS,
        text(RATING, [["DEMO01", "5ND", "2", "Y", "N"]] * 2),
        landed(1, 1, ["a duplicate of row 2"]),
    ),
    (
        "conflicting_ratings.csv",
        RATINGS,
        text(RATING, [["DEMO01", "5ND", "0", "N", "N"], ["DEMO01", "5ND", "3", "Y", "Y"]]),
        landed(0, 2, ["conflicts with row 3", "conflicts with row 2"]),
    ),
    (
        "two_returns_one_commissioner.csv",
        RETURNS,
        text(RETURN, [["5ND", "NOUPD", "", "", "N"], ["5ND", "WILL", "", "", "N"]]),
        landed(0, 2, ["conflicts with row 3", "conflicts with row 2"]),
    ),
]


def main() -> None:
    manifest = []
    for name, survey, data, expected in FILES:
        (HERE / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        manifest.append({"file": name, "survey": survey, **expected})
    (HERE / "manifest.yaml").write_text(
        "# What each file in this folder should do on import (written by make_corpus.py; replayed by\n"
        "# tests/test_bad_files.py): the refusal's first words, or rows landed and quarantined with their reasons.\n"
        + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    print(f"{len(manifest)} files written to {HERE}")


if __name__ == "__main__":
    main()
