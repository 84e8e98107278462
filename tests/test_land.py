"""The single landing path: raw first, validation, quarantine, transactions, idempotency, versions."""

import pytest

import pipelines.landing.land as landing
import surveys
from pipelines.errors import FileRefused, WaveClosed
from pipelines.landing.land import land
from pipelines.landing.validation import validation_sql
from pipelines.outreach.waves import ensure_wave
from tests.conftest import scalar

GOOD = {
    "COMMISSIONER": "5ND",
    "PLANSTATUS": "PUB",
    "PUBDATE": "2011-06-30",
    "PUBURL": "https://www.example.org/plan",
    "BUDGETEXIST": "£1,250,000",
    "WORKSWITH": "Y",
    "WORKSWITHORGS": "",
}


def _table_counts(con):
    return con.execute(
        "select (select count(*) from raw_submissions), (select count(*) from rejections), "
        "(select count(*) from response_commissioner_return), (select count(*) from import_batches)"
    ).fetchall()[0]


def test_a_good_row_lands_typed_with_money_parsed(con):
    result = land(con, "commissioner_return", [GOOD], source="web")
    assert (result.landed, result.quarantined) == (1, 0)
    row = con.execute(
        "select PLANSTATUS, PUBDATE, BUDGETEXIST, version, is_current from response_commissioner_return"
    ).fetchall()[0]
    assert str(row[1]) == "2011-06-30" and float(row[2]) == 1250000.0
    assert (row[0], row[3], row[4]) == ("PUB", 1, True)
    assert scalar(con, "select received->>'BUDGETEXIST' from int_raw_rows") == "£1,250,000"


def test_bad_answers_are_quarantined_with_reasons_a_person_understands(con):
    bad = dict(GOOD, PLANSTATUS="Published-ish", BUDGETEXIST="-5", PUBURL="www.example", COMMISSIONER="NOPE")
    result = land(con, "commissioner_return", [bad], source="web")
    assert (result.landed, result.quarantined) == (0, 1)
    reasons = dict(con.execute("select field, reason from rejections").fetchall())
    assert reasons["PLANSTATUS"].startswith(
        "PLANSTATUS 'Published-ish' is not one of the answers; expected one of: PUB Updated plan"
    )
    assert reasons["BUDGETEXIST"] == "BUDGETEXIST '-5' is below the minimum of £0"
    assert "is not a web address" in reasons["PUBURL"]
    assert "is not a known organisation code" in reasons["COMMISSIONER"]
    assert scalar(con, "select count(*) from raw_submissions") == 1  # kept raw all the same


def test_required_answer_missing_only_when_its_question_is_shown(con):
    not_shown = dict(GOOD, PLANSTATUS="WILL", PUBDATE="", PUBURL="")
    shown_blank = dict(GOOD, PUBDATE="")
    result = land(con, "commissioner_return", [not_shown, shown_blank], source="file")
    assert (result.landed, result.quarantined) == (1, 1)
    assert result.problems == [(2, "PUBDATE", "PUBDATE is required but was left blank")]


def test_answers_to_hidden_questions_are_not_kept(con):
    land(con, "commissioner_return", [dict(GOOD, PLANSTATUS="WILL")], source="file")
    assert con.execute("select PUBDATE, PUBURL from response_commissioner_return").fetchall() == [(None, None)]


def test_labels_are_accepted_for_codes_forgiving_case_and_spaces(con):
    land(con, "commissioner_return", [dict(GOOD, PLANSTATUS="  updated PLAN and budget published ")], source="file")
    assert scalar(con, "select PLANSTATUS from response_commissioner_return") == "PUB"


def test_resubmitting_the_same_answers_lands_nothing(con):
    first = land(con, "commissioner_return", [dict(GOOD, _source_id="form-1")], source="web")
    again = land(con, "commissioner_return", [dict(GOOD, _source_id="form-1")], source="web")
    assert (first.landed, again.landed, again.already_present) == (1, 0, 1)
    assert scalar(con, "select count(*) from raw_submissions") == 1


def test_a_revised_answer_lands_as_the_next_version_and_keeps_the_old(con):
    land(con, "commissioner_return", [dict(GOOD, _source_id="5ND")], source="web")
    revised = land(con, "commissioner_return", [dict(GOOD, _source_id="5ND", PLANSTATUS="WILL")], source="web")
    assert (revised.landed, revised.new_versions) == (1, 1)
    rows = con.execute(
        "select version, is_current, PLANSTATUS from response_commissioner_return order by version"
    ).fetchall()
    assert rows == [(1, False, "PUB"), (2, True, "WILL")]


def test_the_same_source_id_in_another_wave_is_another_response(con):
    first, second = (
        ensure_wave(con, "commissioner_return", "2011-Q2"),
        ensure_wave(con, "commissioner_return", "2011-Q3"),
    )
    for wave in (first, second):
        land(con, "commissioner_return", [dict(GOOD, _source_id="5ND")], source="file", wave_id=wave)
    assert con.execute("select wave_id, version from response_commissioner_return order by wave_id").fetchall() == [
        (first, 1),
        (second, 1),
    ]


def test_two_identical_rows_from_two_carers_both_land(con):
    carer = {"AREA": "E06000001", "QOLTIME": "1"}
    result = land(con, "carer_experience", [carer, dict(carer)], source="file")
    assert result.landed == 2
    again = land(con, "carer_experience", [carer, dict(carer), dict(carer)], source="file")
    assert (again.landed, again.already_present) == (1, 2)


def test_a_failure_mid_batch_leaves_the_database_unchanged(con, monkeypatch):
    before = _table_counts(con)

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(landing, "quarantine", crash)  # raw rows and accepted rows are written by now
    with pytest.raises(RuntimeError, match="power cut"):
        land(con, "commissioner_return", [GOOD, dict(GOOD, PLANSTATUS="??")], source="file")
    assert _table_counts(con) == before


def test_a_missing_required_column_refuses_the_whole_batch(con):
    before = _table_counts(con)
    with pytest.raises(FileRefused, match="required columns PLANSTATUS, WORKSWITH are missing"):
        land(con, "commissioner_return", [{"COMMISSIONER": "5ND"}], source="file")
    assert _table_counts(con) == before


def test_a_closed_wave_refuses_web_answers_and_flags_late_paper(con):
    wave = ensure_wave(con, "commissioner_return", "2011-Q2")  # closed: it ended in 2011
    with pytest.raises(WaveClosed, match="closed on 30 June 2011"):
        land(con, "commissioner_return", [GOOD], source="web", wave_id=wave)
    land(con, "commissioner_return", [GOOD], source="paper", wave_id=wave)
    assert scalar(con, "select late from response_commissioner_return") is True


def test_multi_answers_and_show_if_chains(con):
    carer = {"AREA": "E06000001", "CONDITIONS[DEM]": "Y", "ASSESSOFFER": "N", "ASSESSDONE": "Y", "ASSESSDAYS": "12"}
    land(con, "carer_experience", [carer, {"AREA": "E06000001"}], source="file")
    rows = con.execute(
        "select CONDITIONS_DEM, CONDITIONS_PHY, ASSESSDONE, ASSESSDAYS from response_carer_experience "
        "order by response_id"
    ).fetchall()
    assert rows == [(True, False, None, None), (None, None, None, None)]


def test_validation_sql_is_generated_from_the_definition():
    sql = validation_sql(surveys.load("org_rating"))
    for code in ("RATER", "COMMISSIONER", "ENGAGEMENT", "FUNDAMOUNT"):
        assert f"'{code}" in sql
    assert "for " not in sql.lower().split("select", 1)[0]


def test_a_multi_answered_no_to_each_option_lands_with_nothing_ticked(con):
    # found by the landing properties: "N" for every option ticked nothing and was quarantined as "not a tick"
    row = {"AREA": "E06000001", "CONDITIONS[PHY]": "N", "CONDITIONS[DEM]": "no"}
    result = land(con, "carer_experience", [row], source="file")
    assert (result.landed, result.quarantined, result.problems) == (1, 0, [])
    assert con.execute("select CONDITIONS_PHY, CONDITIONS_DEM from response_carer_experience").fetchall() == [
        (None, None)
    ]


@pytest.mark.parametrize("days", ["-1e19", "99999999999999999999", "1e300", "inf", "NaN"])
def test_a_whole_number_too_large_to_store_is_quarantined_not_a_crash(con, days):
    # found by the landing properties: the cast to a whole number raised, and the whole batch was refused
    row = {"AREA": "E06000001", "ASSESSOFFER": "Y", "ASSESSDONE": "Y", "ASSESSDAYS": days}
    result = land(con, "carer_experience", [row, {"AREA": "E06000001"}], source="file")
    assert (result.landed, result.quarantined) == (1, 1)
    said = result.problems[0][2]  # "1e300" is also a spreadsheet's display of a number, and is said so
    assert result.problems[0][:2] == (1, "ASSESSDAYS")
    assert "is not a whole number" in said or "looks like a spreadsheet display, not the amount" in said
