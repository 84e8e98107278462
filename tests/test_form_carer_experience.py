"""The public carer survey page, driven through AppTest against a real database file."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.outreach.tokens import issue_invitation
from tests.conftest import ROOT, scalar
from tests.form_filling import CARER, fill_all, fill_screen, open_current_waves
from warehouse.connection import connect

PAGE = str(ROOT / "dashboards/pages/form_carer_experience.py")


@pytest.fixture
def carer_db(app_env, db_path):
    con = connect(db_path)
    waves = open_current_waves(con)
    con.close()
    app_env(db_path)
    return db_path, waves


def landed(path, sql="select count(*) from response_carer_experience", params=None):
    con = connect(path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def page(**params) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def test_valid_answers_land_once_in_the_typed_table_with_a_reference(carer_db):
    path, waves = carer_db
    at = fill_all(page(), "carer_experience", "carer", CARER)
    assert "Check your answers" in at.subheader[0].value
    at.button(key="carer_submit").click().run()
    assert not at.exception
    assert "Your answers have been sent" in at.success[0].value
    found = re.search(r"\*\*(CE-\w{5}-\w{5})\*\*", at.markdown[-2].value)
    assert found is not None
    reference = found.group(1)
    rows = landed(
        path,
        "select source, wave_id, QOLSOCIAL, ASSESSDAYS, CONDITIONS_DEM, CONDITIONS_MH, AREA "
        "from response_carer_experience",
    )
    assert rows == [("web", waves["carer_experience"], "3", 21, True, False, "E06000001")]
    at.run()  # a resubmitted page shows the same confirmation and lands nothing more
    assert reference in at.markdown[-2].value
    assert landed(path)[0][0] == 1


def test_a_required_answer_left_blank_shows_the_summary_and_the_message_and_lands_nothing(carer_db):
    path, _ = carer_db
    at = fill_all(page(), "carer_experience", "carer", {k: v for k, v in CARER.items() if k != "AREA"})
    assert "There is a problem" in at.error[0].value
    assert "Which council area do you live in?" in at.error[0].value
    assert any("<strong>Error:</strong> Select an answer" in m.value for m in at.markdown)
    assert at.subheader[0].value == "Where you live"
    assert landed(path)[0][0] == 0


def test_show_if_hides_a_question_until_its_answer_and_skips_it_when_not_shown(carer_db):
    path, _ = carer_db
    at = page()
    for _ in range(2):
        at.button(key="carer_continue").click().run()
    assert at.subheader[0].value == "Breaks from caring"
    assert "carer_BUDGETLIMITS" not in [r.key for r in at.radio]
    at.radio(key="carer_PERSBUDGET").set_value("Y").run()
    assert "carer_BUDGETLIMITS" in [r.key for r in at.radio]
    at.radio(key="carer_BUDGETLIMITS").set_value("3").run()
    at.radio(key="carer_PERSBUDGET").set_value("N").run()
    assert "carer_BUDGETLIMITS" not in [r.key for r in at.radio]
    answers = {**CARER, "PERSBUDGET": "N", "ASSESSOFFER": "N"}
    answers.pop("BUDGETLIMITS")
    at = fill_all(at, "carer_experience", "carer", answers)
    check_page = " ".join(m.value for m in at.markdown)
    assert "Has your carer's assessment been completed?" not in check_page
    at.button(key="carer_submit").click().run()
    assert landed(path, "select PERSBUDGET, BUDGETLIMITS, ASSESSDONE, ASSESSDAYS from response_carer_experience") == [
        ("N", None, None, None)
    ]


def test_save_and_come_back_later_restores_answers_and_counts_no_response(carer_db):
    path, _ = carer_db
    at = page()
    fill_screen(at, "carer_experience", "carer", CARER)
    at.button(key="carer_continue").click().run()
    at.radio(key="carer_SATISFIED").set_value("7")
    at.button(key="carer_save").click().run()
    found = re.search(r"return code is \*\*([A-Z0-9-]+)\*\*", at.info[0].value)
    assert found is not None
    code = found.group(1)
    assert landed(path)[0][0] == 0
    assert landed(path, "select count(*) from drafts")[0][0] == 1
    assert code not in str(landed(path, "select * from drafts"))  # only its hash is kept
    again = page(resume=code)
    assert again.subheader[0].value == "Support and services"
    assert again.radio(key="carer_SATISFIED").value == "7"
    again.button(key="carer_back").click().run()
    assert again.radio(key="carer_QOLSOCIAL").value == "3"


def test_a_personal_invitation_lands_once_and_its_token_is_then_refused(carer_db):
    path, waves = carer_db
    con = connect(path)
    token = issue_invitation(con, waves["carer_experience"], channel="post", sample_ref="S1")
    con.close()
    at = fill_all(page(token=token), "carer_experience", "carer", CARER)
    at.button(key="carer_submit").click().run()
    assert "Your answers have been sent" in at.success[0].value
    used = page(token=token)
    assert "already been sent with this invitation" in used.info[0].value
    assert not used.radio
    unknown = page(token="AAAA-BBBB-CCCC-DDDD-EEEE")
    assert "could not find this invitation code" in unknown.info[0].value
    assert not unknown.radio
    assert landed(path)[0][0] == 1
    con = connect(path)
    assert scalar(con, "select count(*) from invitations where completed_at is not null") == 1
    con.close()
