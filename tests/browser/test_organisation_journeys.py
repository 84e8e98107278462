"""Organisations and the Board in the browser: sign in, rate, file a return, open every dashboard, the pack."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.users import add_user
from tests.browser.conftest import after_run, axe, serve, shot, wait_ready
from tests.browser.journeys import choose, go_to, open_waves, press, sign_in, visit
from warehouse.connection import connect

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def org_db(app_db):
    con = connect(app_db)
    open_waves(con)
    for username, role, org in (
        ("co1", "carers_org", "DEMO01"),
        ("comm1", "commissioner", "5ND"),
        ("board1", "board", None),
    ):
        add_user(con, username, role, org_code=org, password=PASSWORD)
    con.execute("update users set must_change_password = false")
    con.close()
    return app_db


def test_the_sign_in_page_passes_axe(org_db, phone):
    with serve(org_db) as url:
        visit(phone, f"{url}/sign_in")
        shot(phone, "sign-in-phone")
        assert axe(phone) == []


def test_a_carers_organisation_rates_a_commissioner_and_cannot_open_a_board_page(org_db, desktop):
    with serve(org_db) as url:
        sign_in(desktop, url, "co1", PASSWORD)
        assert not desktop.get_by_role("link", name="Plan status").count()  # no Board page in its navigation
        go_to(desktop, "Rate commissioners")
        assert axe(desktop) == []
        choose(desktop, "How far did this commissioner engage", "Consulted on plans or budgets")
        for question in (
            "Were you involved in writing the plan",
            "Were you involved in setting the budget",
            "Did your organisation receive funding",
        ):
            choose(desktop, question, "No")
        press(desktop, "Continue")  # the rating is one section: then "check your answers"
        press(desktop, "Send my answers")
        desktop.get_by_text("Your rating is saved.").wait_for()
        shot(desktop, "org-rating-sent")
        visit(desktop, f"{url}/plan_status")
        assert not desktop.get_by_role("heading", name="Plan publication status").count()
    con = connect(org_db)
    assert con.execute("select RATER, ENGAGEMENT from response_org_rating where source = 'web'").fetchall()[0] == (
        "DEMO01",
        "2",
    )


def choose_organisation(page, name: str) -> None:
    """Pick a carers' organisation in the multiselect, as a person does: pick it, close the list by
    clicking beside it, and look. In full-suite runs on a busy CPU the pick was sometimes gone again a
    moment later (Streamlit's multiselect, not reproduced alone); a person then picks it again, and so
    does this, at most three times."""
    chosen = page.locator('[data-testid="stMultiSelect"]').get_by_text(name)
    for _ in range(3):
        page.get_by_role("combobox", name="Which carers' organisations?").click()
        after_run(page, page.get_by_role("option", name=name).first.click)
        page.locator("h1").first.click()  # Escape here lost the choice in 2 of 3 runs on a busy CPU
        page.get_by_role("listbox").wait_for(state="hidden")  # a closing list would take the next click
        wait_ready(page)
        if chosen.count():
            return
    raise AssertionError(f"{name} did not stay chosen after three tries")


def test_a_commissioner_files_a_return_with_a_published_plan(org_db, desktop):
    with serve(org_db) as url:
        sign_in(desktop, url, "comm1", PASSWORD)
        go_to(desktop, "Commissioner return")
        assert axe(desktop) == []
        choose(desktop, "What is the status of your plan and budget", "Updated plan and budget published")
        wait_ready(desktop)  # the publication questions appear
        desktop.get_by_role("spinbutton", name="day, When was it published?").click()
        desktop.keyboard.type("30092011")  # day, month, year: the date field moves on by itself
        desktop.keyboard.press("Escape")  # typing needs no calendar
        wait_ready(desktop)
        assert desktop.get_by_role("spinbutton", name="month, When was it published?").inner_text() == "09"
        desktop.get_by_role("textbox", name="Web address where it is published").fill(
            "https://example.nhs.uk/breaks-plan"
        )
        choose(desktop, "Is it a joint plan with the council? (optional)", "Yes")
        assert axe(desktop) == []  # with the date and address questions shown
        desktop.get_by_role("button", name="Choose date").click()  # Streamlit's calendar: one known exception
        calendar = axe(desktop)
        assert [(v["id"], len(v["nodes"])) for v in calendar] == [("label-content-name-mismatch", 2)], calendar
        desktop.keyboard.press("Escape")
        press(desktop, "Continue")
        assert axe(desktop) == []
        desktop.get_by_role("textbox", name="Existing allocation for carers' breaks").fill("£120,000")
        desktop.get_by_role("textbox", name="Actual spend on carers' breaks so far").fill("95000")
        press(desktop, "Continue")
        choose(desktop, "Do you work with carers' organisations", "Yes")
        wait_ready(desktop)
        choose_organisation(desktop, "(DEMO01)")
        shot(desktop, "commissioner-return-partners")
        assert axe(desktop) == []
        press(desktop, "Continue")
        desktop.get_by_role("heading", name="Check your answers").wait_for()
        assert desktop.get_by_text("North East Carers Centre 1 (fictional, demo)").count()  # read back
        assert axe(desktop) == []
        press(desktop, "Send my answers")
        desktop.get_by_text("Your return is saved.").wait_for()
        shot(desktop, "commissioner-return-saved")
    con = connect(org_db)
    assert con.execute(
        "select COMMISSIONER, PLANSTATUS, PUBDATE, BUDGETEXIST, SPENDACTUAL, WORKSWITHORGS "
        "from response_commissioner_return where source = 'web'"
    ).fetchall() == [("5ND", "PUB", date(2011, 9, 30), Decimal("120000.00"), Decimal("95000.00"), ["DEMO01"])]


def test_a_board_member_opens_each_dashboard_and_downloads_the_pack(org_db, desktop):
    pages = [
        "Plan status",
        "Co-production gaps",
        "Breaks money",
        "Carer experience",
        "Carers' comments",
        "Commissioner profile",
        "Quarterly review",
    ]
    with serve(org_db) as url:
        sign_in(desktop, url, "board1", PASSWORD)
        go_to(desktop, "Plan status")
        desktop.get_by_role("combobox", name="Quarter").click()
        after_run(desktop, desktop.get_by_role("option", name="2011-Q3").click)  # carries over to every page
        desktop.get_by_role("listbox").wait_for(state="hidden")
        for page in pages:
            go_to(desktop, page)
            assert not desktop.locator('[data-testid="stException"]').count(), page
            shot(desktop, "board-" + page.lower().replace(" ", "-").replace("'", ""))
        press(desktop, "Make the board pack", timeout=90_000)  # charts and a PDF: slow when CI is busy
        with desktop.expect_download(timeout=60_000) as download:
            desktop.get_by_role("button", name="Download the pack (PDF)").click()
        name = download.value.suggested_filename
        assert name.startswith("board-pack-") and name.endswith(".pdf")
        assert download.value.path().read_bytes().startswith(b"%PDF")
