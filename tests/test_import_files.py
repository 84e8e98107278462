"""File imports: encodings, delimiters, Excel, templates, re-imports, refusals."""

import re
from pathlib import Path

import pandas as pd
import pytest

from pipelines.errors import FileRefused
from pipelines.landing import quarantine
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.files import import_file
from pipelines.sources.template import write_template
from tests.conftest import another_process_holds, run_cli, scalar
from warehouse.connection import connect


def _wave(con, survey: str = "carer_experience") -> int:
    """The wave these files' answers belong to (a file imported without one must have completion dates)."""
    return ensure_wave(con, survey, "2011-Q3")


ROOT = Path(__file__).resolve().parents[1]
HEADER = ["REF", "AREA", "QOLTIME", "SATISFIED", "DIFFERENCE"]


def _write(path: Path, rows: list[list[str]], *, delimiter=",", encoding="utf-8") -> Path:
    text = "\n".join(delimiter.join(row) for row in [HEADER, *rows]) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "delimiter, encoding, comment",
    [
        pytest.param(",", "cp1252", "Respite costs £20 \u2013 too much", id="cp1252"),
        pytest.param(",", "utf-8-sig", "Café visits — a lifeline", id="bom_utf8"),
        pytest.param(";", "utf-8", "More breaks, please", id="semicolon"),
        pytest.param("\t", "utf-8", "More breaks, please", id="tab"),
    ],
)
def test_files_in_the_encodings_and_delimiters_people_save_import_correctly(
    con, tmp_path, delimiter, encoding, comment
):
    quoted = f'"{comment}"' if delimiter in comment else comment
    path = _write(
        tmp_path / "answers.csv", [["A1", "E06000001", "1", "2", quoted]], delimiter=delimiter, encoding=encoding
    )
    result = import_file(con, path, "carer_experience", wave_id=_wave(con))
    assert (result.landed, result.quarantined) == (1, 0)
    assert scalar(con, "select DIFFERENCE from response_carer_experience") == comment


def test_a_file_mixing_good_and_bad_rows_lands_the_good_and_quarantines_each_bad(con, tmp_path):
    rows = [
        ["A1", "E06000001", "1", "2", ""],
        ["A2", "E06000001", "Very satisfied ", "2", ""],
        ["A3", "XXX", "1", "9", ""],
        ["A4", "e06000002", "i DON'T do anything I value or enjoy with my time", "", ""],
    ]
    path = _write(tmp_path / "mixed.csv", rows)
    result = import_file(con, path, "carer_experience", wave_id=_wave(con))
    assert (result.received, result.landed, result.quarantined) == (4, 2, 2)
    reasons = con.execute("select row_number, field, reason from rejections order by row_number, field").fetchall()
    # rows as the file numbers them: the header is row 1
    assert reasons[0] == (3, "QOLTIME", reasons[0][2]) and reasons[0][2].startswith(
        "QOLTIME 'Very satisfied ' is not one of the answers; expected one of: 1 I'm able"
    )
    assert [(r[0], r[1]) for r in reasons[1:]] == [(4, "AREA"), (4, "SATISFIED")]
    assert scalar(con, "select QOLTIME from response_carer_experience where source_id = 'A4'") == "3"
    again = import_file(con, path, "carer_experience", wave_id=_wave(con))
    # issue 13: a quarantined row is not "known"; it is checked again (and still fails), listed once
    assert (again.landed, again.quarantined, again.already_present) == (0, 2, 2)
    assert len(set(quarantine.open_rows(con)["raw_id"])) == 2
    longer = _write(tmp_path / "longer.csv", [*rows, ["A5", "E06000001", "2", "1", ""]])
    assert import_file(con, longer, "carer_experience", wave_id=_wave(con)).landed == 1


def test_a_file_missing_a_required_column_is_refused_whole(con, tmp_path):
    path = tmp_path / "no_area.csv"
    path.write_text("QOLTIME,SATISFIED\n1,2\n")
    before = scalar(con, "select count(*) from raw_submissions")
    with pytest.raises(FileRefused, match="required column AREA is missing"):
        import_file(con, path, "carer_experience", wave_id=_wave(con))
    assert scalar(con, "select count(*) from raw_submissions") == before
    assert scalar(con, "select count(*) from import_batches") == 0


def test_extra_columns_are_reported_and_missing_optional_ones_allowed(con, tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("shoe_size,AREA\n9,E06000001\n")
    result = import_file(con, path, "carer_experience", wave_id=_wave(con))
    assert (result.landed, result.extra_columns) == (1, ["shoe_size"])


@pytest.mark.parametrize("survey", ["carer_experience", "org_rating", "commissioner_return"])
def test_templates_filled_with_good_rows_land(con, tmp_path, survey):
    csv_path, codes_path, xlsx_path = write_template(survey, tmp_path)
    codes = pd.read_csv(codes_path)
    assert list(pd.read_csv(csv_path).columns) == codes["column"].tolist()
    good = {
        "carer_experience": {
            "AREA": "E06000001",
            "QOLTIME": "1",
            "CONDITIONS[DEM]": "Y",
            "ASSESSOFFER": "Y",
            "ASSESSDONE": "Y",
            "ASSESSDAYS": "14",
        },
        "org_rating": {
            "RATER": "DEMO01",
            "COMMISSIONER": "5ND",
            "ENGAGEMENT": "2",
            "INPLAN": "Y",
            "INBUDGET": "N",
            "FUNDED": "N",
        },
        "commissioner_return": {
            "COMMISSIONER": "5ND",
            "PLANSTATUS": "WILL",
            "WORKSWITH": "N",
            "BUDGETEXIST": "£10,000",
        },
    }[survey]
    if survey == "org_rating":
        con.execute(
            "insert into organisations (code, name, type) "
            "values ('DEMO01', 'Test carers centre (fictional)', 'carers_org')"
        )
    filled = pd.read_excel(xlsx_path, sheet_name="answers", dtype=str, engine="calamine")
    filled = pd.concat([filled, pd.DataFrame([good])], ignore_index=True)
    assert set(pd.read_excel(xlsx_path, sheet_name=None, engine="calamine")) == {"answers", "codes"}
    filled.to_excel(tmp_path / "filled.xlsx", index=False)
    filled.to_csv(tmp_path / "filled.csv", index=False)
    assert import_file(con, tmp_path / "filled.xlsx", survey, wave_id=_wave(con, survey)).landed == 1
    assert (
        import_file(con, tmp_path / "filled.csv", survey, wave_id=_wave(con, survey)).already_present == 1
    )  # the same answers, saved as CSV


def test_import_command_prints_a_summary_and_refuses_politely_when_the_app_holds_the_database(db_path, tmp_path):
    path = _write(tmp_path / "a.csv", [["A1", "E06000001", "1", "2", ""]])
    con = connect(db_path)
    _wave(con)
    con.close()
    command = ("import", str(path), "--survey", "carer_experience", "--wave", "2011-Q3")
    done = run_cli(db_path, *command)
    assert done.returncode == 0, done.stderr
    assert "1 landed (0 as new versions), 0 quarantined, 0 already present" in done.stdout
    with another_process_holds(db_path) as holder:
        busy = run_cli(db_path, *command)
    assert busy.returncode == 1
    assert busy.stderr.startswith(f"The database {db_path} is in use by another program (process {holder.pid})")
    assert "Traceback" not in busy.stderr


def test_the_cli_refusal_starts_a_line_of_its_own_after_the_progress_bar(db_path, tmp_path):
    # issue 13: the bar was left open when a file was refused, so the message followed it on its line
    path = tmp_path / "no_area.csv"
    path.write_text("QOLTIME\n1\n", encoding="utf-8")
    done = run_cli(db_path, "import", str(path), "--survey", "carer_experience", merge_output=True)
    assert done.returncode == 1
    lines = done.stdout.split("\n")
    refusal = [line for line in lines if "Nothing was imported" in line]
    assert len(refusal) == 1 and refusal[0].startswith("Nothing was imported"), lines


def test_the_re_encoded_copy_of_a_windows_1252_file_is_deleted_after_the_import(con, tmp_path):
    # issue 13: each Windows-1252 import left a UTF-8 copy in the temporary folder
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("carers-import-*"))
    path = tmp_path / "cp1252.csv"
    path.write_bytes("AREA,QOLTIME,DIFFERENCE\nE06000001,1,More respite \u2013 please\n".encode("cp1252"))
    assert import_file(con, path, "carer_experience", wave_id=_wave(con)).landed == 1
    assert set(Path(tempfile.gettempdir()).glob("carers-import-*")) == before


def _completed(tmp_path, *dates: str) -> Path:
    rows = "".join(f"E06000001,1,{when}\n" for when in dates)
    path = tmp_path / "dated.csv"
    path.write_text("AREA,QOLTIME,completed\n" + rows, encoding="utf-8")
    return path


def test_rows_without_a_wave_go_to_the_wave_covering_their_completion_date(con, tmp_path):
    # issue 13: rows imported without a wave landed and then showed on no page
    ensure_wave(con, "carer_experience", "2011-Q2")
    q3 = ensure_wave(con, "carer_experience", "2011-Q3")
    result = import_file(
        con, _completed(tmp_path, "2011-07-04", "30/09/2011", "2011-08-01 10:22:01"), "carer_experience"
    )
    assert result.landed == 3 and result.extra_columns == ["completed"]
    assert scalar(con, "select count(*) from response_carer_experience where wave_id = ?", [q3]) == 3


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        pytest.param((), "Nothing was imported from dated.csv: say which wave its answers belong to", id="no_dates"),
        pytest.param(
            ("2011-07-04", "2013-03-03"),
            "row 3's completed 03 March 2013 falls in no carer_experience "
            "wave; open the wave first, or import the file with --wave.",
            id="outside_every_wave",
        ),
        pytest.param(("2011-07-04", ""), "row 3's completed has no date", id="blank_date"),
        pytest.param(("2011-07-04", "2011-05-01"), "fall in 2 waves (2011-Q3, 2011-Q2)", id="two_waves"),
    ],
)
def test_a_file_that_cannot_be_placed_in_one_wave_is_refused_naming_wave(con, tmp_path, dates, message):
    ensure_wave(con, "carer_experience", "2011-Q2")
    ensure_wave(con, "carer_experience", "2011-Q3")
    path = _completed(tmp_path, *dates) if dates else _write(tmp_path / "dated.csv", [["A1", "E06000001", "1", "", ""]])
    with pytest.raises(FileRefused, match=re.escape(message)):
        import_file(con, path, "carer_experience")
    assert scalar(con, "select count(*) from raw_submissions") == 0


def test_the_import_summary_says_how_many_answers_belong_to_no_wave(db_path, tmp_path):
    from pipelines.landing.land import land

    con = connect(db_path)
    land(con, "carer_experience", [{"AREA": "E06000001", "QOLTIME": "1"}], source="paper")  # keyed without a wave
    _wave(con)
    con.close()
    path = _write(tmp_path / "a.csv", [["A1", "E06000001", "1", "2", ""]])
    done = run_cli(db_path, "import", str(path), "--survey", "carer_experience", "--wave", "2011-Q3")
    assert (
        done.stdout.strip().splitlines()[-1]
        == "1 current answers in the database belong to no wave and show on no page"
    )
