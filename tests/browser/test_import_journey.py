"""An administrator brings a file in through the browser and settles its quarantined row (issue 13)."""

from accounts.users import add_user
from pipelines.outreach.waves import ensure_wave
from tests.browser.conftest import after_run, axe, serve, shot, wait_ready
from tests.browser.journeys import go_to, press, sign_in
from warehouse.connection import connect

PASSWORD = "correct horse battery staple 42"


def test_an_administrator_imports_a_file_and_corrects_its_quarantined_row(app_db, desktop, tmp_path):
    con = connect(app_db)
    add_user(con, "admin1", "administrator", password=PASSWORD)
    con.execute("update users set must_change_password = false")
    ensure_wave(con, "org_rating", "2026-27")
    con.close()
    ratings = tmp_path / "ratings.csv"
    # councils, as commissioners of a 2026-27 wave (a PCT of 2011 did not exist then, and is quarantined so)
    ratings.write_text(
        "RATER,COMMISSIONER,ENGAGEMENT,INPLAN,INBUDGET\nDEMO01,E06000001,9,N,N\nDEMO01,E06000002,2,Y,N\n"
    )
    with serve(app_db) as url:
        sign_in(desktop, url, "admin1", PASSWORD)
        go_to(desktop, "Import a file")
        box = desktop.get_by_role("combobox", name="Questionnaire")
        box.click()
        after_run(
            desktop, desktop.get_by_role("option", name="How commissioners engaged carers' organisations").first.click
        )
        desktop.get_by_role("listbox").wait_for(state="hidden")
        wave = desktop.get_by_role("combobox", name="Wave the answers belong to")
        wave.click()
        after_run(desktop, desktop.get_by_role("option", name="April 2026 to March 2027 (2026-27)").click)
        desktop.get_by_role("listbox").wait_for(state="hidden")
        after_run(desktop, lambda: desktop.locator("input[type=file]").set_input_files(str(ratings)))
        desktop.get_by_text("Matched to questions: RATER, COMMISSIONER").wait_for()
        assert axe(desktop) == []
        press(desktop, "Import the file", timeout=60_000)
        desktop.get_by_text("ratings.csv: 2 rows read").wait_for(timeout=60_000)
        shot(desktop, "admin-import-summary")
        go_to(desktop, "Quarantine")
        desktop.get_by_text("1 rows, 1 problems shown").wait_for()
        desktop.get_by_role("textbox", name="ENGAGEMENT").fill("3")
        desktop.get_by_role("textbox", name="Why this correction (kept with it)").fill("The form says 3")
        press(desktop, "Land the corrected row", timeout=60_000)
        desktop.get_by_text("The corrected row landed.").wait_for(timeout=60_000)
        wait_ready(desktop)
    con = connect(app_db)
    assert con.execute(
        "select count(*) from response_org_rating where source = 'file' and RATER = 'DEMO01' and is_current"
    ).fetchall() == [(2,)]
    con.close()
