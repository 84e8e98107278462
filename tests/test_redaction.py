"""Redaction against a labelled set, and where it runs: when an answer lands, and once for old rows.

The labelled set (tests/data/redaction/) is 129 comments with personal data of every kind and 85
clean ones full of look-alikes. A comment with personal data is caught only when every personal item
in it is gone; a clean comment changed at all is a false alarm.
"""

from pathlib import Path

import pytest
import yaml

import surveys
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from tests.conftest import scalar
from warehouse import redaction
from warehouse.prepare import prepare

DATA = Path(__file__).parent / "data" / "redaction"
PERSONAL = yaml.safe_load((DATA / "personal.yaml").read_text(encoding="utf-8"))
CLEAN = yaml.safe_load((DATA / "clean.yaml").read_text(encoding="utf-8"))


def test_the_labelled_set_is_big_enough_and_says_what_must_go():
    assert len(PERSONAL) >= 120 and len(CLEAN) >= 80
    kinds = {kind for row in PERSONAL for kind in row["kinds"]}
    assert kinds == {"name", "phone", "nhs_number", "postcode", "email", "date_of_birth", "address"}
    for row in PERSONAL:
        assert row["remove"] and all(item in row["text"] for item in row["remove"]), row["text"]


def test_redaction_catches_95_percent_and_changes_at_most_5_percent_of_clean_comments():
    personal = redaction.redact([row["text"] for row in PERSONAL])
    missed = [
        (row["text"], [item for item in row["remove"] if item in said])
        for row, said in zip(PERSONAL, personal, strict=True)
        if any(item in said for item in row["remove"])
    ]
    changed = [said for text, said in zip(CLEAN, redaction.redact(CLEAN), strict=True) if said != text]
    assert len(missed) / len(PERSONAL) <= 0.05, missed
    assert len(changed) / len(CLEAN) <= 0.05, changed


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Call 07700 900123 or +44 7700 900123", "Call [phone removed] or [phone removed]"),
        ("NHS 943 476 5919, not 943 476 5918", "NHS [NHS number removed], not 943 476 5918"),
        ("B12 1mg daily; we live in SO23 8UJ", "B12 1mg daily; we live in [postcode removed]"),
        ("Born on 3 March 1950, seen on 4 March 2024", "Born on [date of birth removed], seen on 4 March 2024"),
        ("Hampshire County Council and Universal Credit", "Hampshire County Council and Universal Credit"),
        ("", ""),
    ],
)
def test_each_kind_goes_and_what_is_public_stays(text, redacted):
    assert redaction.redact([text]) == [redacted]


def test_every_prose_answer_has_a_redacted_column_filled_when_it_lands(con):
    prose = {
        survey.code: question.code
        for survey in surveys.all_surveys()
        for question in survey.questions
        if question.type == "text" and question.format is None
    }
    assert prose == redaction.FREE_TEXT
    said = "Ring Priya on 07700 900123"
    land(
        con,
        "carer_experience",
        [{"AREA": "E06000001", "DIFFERENCE": said}, {"AREA": "E06000001", "DIFFERENCE": said}],
        source="file",
        wave_id=ensure_wave(con, "carer_experience", "2024-Q1"),
    )
    rows = con.execute("select DIFFERENCE, DIFFERENCE_redacted from response_carer_experience").fetchall()
    assert len(rows) == 2 and rows[0] == rows[1] and rows[0][0] == said
    assert "Priya" not in rows[0][1] and rows[0][1].endswith("[name removed] on [phone removed]")


def test_rows_landed_before_the_column_existed_are_filled_when_the_database_is_prepared(con):
    wave = ensure_wave(con, "carer_experience", "2024-Q1")
    land(
        con,
        "carer_experience",
        [{"AREA": "E06000001", "DIFFERENCE": "Email jo@example.com"}],
        source="file",
        wave_id=wave,
    )
    con.execute("update response_carer_experience set DIFFERENCE_redacted = null")  # as after migration 0069
    assert scalar(con, "select count(*) from mart_carer_comments where comment is not null") == 0
    prepare(con)
    assert scalar(con, "select DIFFERENCE_redacted from response_carer_experience") == "Email [email removed]"
    assert redaction.fill_missing(con) == 0  # nothing left: a later start loads no model
