"""Quarantine review: try again after the cause is fixed, correct a value, reject for good (issue 13)."""

import pytest

from pipelines.landing import quarantine
from pipelines.landing.quarantine import QuarantineError
from pipelines.outreach import organisations
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.files import import_file
from tests.conftest import ROOT, run_cli, scalar

HARTLEPOOL, TEES = "E06000001", "5ND"


@pytest.fixture
def ratings_file(tmp_path):
    """Two ratings by an organisation registered as CO-0001 later on, and one good rating by a known one."""
    path = tmp_path / "ratings.csv"
    path.write_text(
        "RATER,COMMISSIONER,ENGAGEMENT,INPLAN,INBUDGET\n"
        f"CO-0001,{TEES},2,Y,N\n"
        f"CO-0001,5NE,1,N,N\n"
        f"DEMO01,{TEES},9,Y,N\n",
        encoding="utf-8",
    )
    return path


def _setup(con) -> int:
    con.execute(
        "insert into organisations (code, name, type) values ('DEMO01', 'Test carers centre (fictional)', 'carers_org')"
    )
    ensure_wave(con, "commissioner_return", "2011-Q3")
    return ensure_wave(con, "org_rating", "2011-Q3")


def test_a_file_imported_before_its_organisation_existed_lands_after_try_again(con, ratings_file):
    wave = _setup(con)
    first = import_file(con, ratings_file, "org_rating", wave_id=wave)
    assert (first.landed, first.quarantined) == (0, 3)
    assert set(quarantine.open_rows(con)["row_number"]) == {2, 3, 4}  # the file's rows, below its header
    organisations.register(con, "Hartlepool Carers", HARTLEPOOL, works_with=[TEES])
    again = quarantine.retry(con, first.batch_id, by="admin1")
    assert (again.landed, again.quarantined) == (2, 1)  # DEMO01's rating of 9 is still not an answer
    still = quarantine.open_rows(con)
    assert (list(still["field"]), list(still["row_number"])) == (["ENGAGEMENT"], [4])  # still row 4 of the file
    reimported = import_file(con, ratings_file, "org_rating", wave_id=wave)
    assert (reimported.landed, reimported.already_present, reimported.quarantined) == (0, 2, 1)
    assert scalar(con, "select count(*) from response_org_rating") == 2
    assert len(quarantine.open_rows(con)) == 1  # the still-bad row, once, from the newest attempt


def test_a_corrected_value_lands_as_a_new_raw_payload_with_who_and_why(con, ratings_file):
    wave = _setup(con)
    batch = import_file(con, ratings_file, "org_rating", wave_id=wave).batch_id
    organisations.register(con, "Hartlepool Carers", HARTLEPOOL, works_with=[TEES])
    quarantine.retry(con, batch, by="admin1")
    bad = int(quarantine.open_rows(con)["raw_id"][0])
    before = scalar(con, "select payload from raw_submissions where raw_id = ?", [bad])
    landed = quarantine.correct(con, bad, {"ENGAGEMENT": "3"}, by="admin1", why="The form said 3; keyed as 9")
    assert landed.landed == 1 and quarantine.open_rows(con).empty
    assert scalar(con, "select payload from raw_submissions where raw_id = ?", [bad]) == before  # never edited
    assert con.execute(
        "select outcome, decided_by, reason from quarantine_outcomes where raw_id = ?", [bad]
    ).fetchall() == [("corrected", "admin1", "The form said 3; keyed as 9")]
    assert scalar(con, "select ENGAGEMENT from response_org_rating where RATER = 'DEMO01'") == "3"
    assert import_file(con, ratings_file, "org_rating", wave_id=wave).landed == 0  # nothing twice


def test_a_row_rejected_for_good_leaves_the_list_and_does_not_come_back(con, ratings_file):
    wave = _setup(con)
    import_file(con, ratings_file, "org_rating", wave_id=wave)
    for raw_id in set(quarantine.open_rows(con)["raw_id"]):
        quarantine.reject(con, int(raw_id), by="admin1", reason="Not one of ours")
    assert quarantine.open_rows(con).empty
    assert import_file(con, ratings_file, "org_rating", wave_id=wave).already_present == 3
    with pytest.raises(QuarantineError, match="not waiting in quarantine"):
        quarantine.reject(con, int(raw_id), by="admin1", reason="again")
    with pytest.raises(QuarantineError, match="Give the reason"):
        quarantine.reject(con, 1, by="admin1", reason=" ")


def test_the_cli_lists_and_retries_a_batch(db_path, ratings_file):
    from warehouse.connection import connect

    con = connect(db_path)
    wave = _setup(con)
    batch = import_file(con, ratings_file, "org_rating", wave_id=wave).batch_id
    organisations.register(con, "Hartlepool Carers", HARTLEPOOL, works_with=[TEES])
    con.close()

    listed = run_cli(db_path, "quarantine", "list")
    assert listed.returncode == 0 and f"batch {batch}" in listed.stdout and "row 4, ENGAGEMENT" in listed.stdout
    retried = run_cli(db_path, "quarantine", "retry", str(batch))
    assert retried.returncode == 0 and "2 landed, 1 still quarantined" in retried.stdout
    assert (
        run_cli(db_path, "quarantine", "retry", "999").stderr.strip() == "Batch 999 has no rows waiting in quarantine."
    )


def test_on_the_page_an_administrator_tries_again_then_corrects_the_last_row(app_env, db_path, ratings_file):
    from streamlit.testing.v1 import AppTest

    from dashboards.ui.access import User
    from warehouse.connection import connect

    con = connect(db_path)
    wave = _setup(con)
    import_file(con, ratings_file, "org_rating", wave_id=wave)
    organisations.register(con, "Hartlepool Carers", HARTLEPOOL, works_with=[TEES])
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_quarantine.py"), default_timeout=60)
    at.session_state["user"] = User("admin1", "administrator")
    at.run()
    assert list(at.dataframe[0].value["row"]) == [2, 3, 4]
    at.button(key="quarantine_retry").click().run()
    assert at.success[0].value == "Tried again: 2 landed, 1 still in quarantine."
    at.run()
    assert list(at.dataframe[0].value["field"]) == ["ENGAGEMENT"]
    at.text_input(key="quarantine_fix_ENGAGEMENT").input("3")
    at.text_input(key="quarantine_why").input("Keyed 9 for 3")
    at.button[1].click().run()  # the form's submit button
    assert at.success[0].value == "The corrected row landed."
    at.run()
    assert at.success[0].value == "Nothing is waiting in quarantine."
