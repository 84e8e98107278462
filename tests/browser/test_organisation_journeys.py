"""Organisations and the Board in the browser: rate and file a return from the e-mailed link (JavaScript on and
off), sign in, open every dashboard with no refusal by the security policy, make the pack."""

import re
import threading
import urllib.parse
import urllib.request
from datetime import date
from decimal import Decimal

import pytest

from accounts.users import add_user
from pipelines.outreach.contacts import add_demo_contacts
from pipelines.outreach.mailer import MailSettings, send_invitations
from tests.browser.conftest import PHONE, after_run, axe, free_port, new_page, serve, shot
from tests.browser.journeys import (
    answer,
    checks_of_every_page,
    go_to,
    heading,
    open_waves,
    press,
    sign_in,
    submit,
    visit,
)
from tests.conftest import scalar
from warehouse.connection import connect

PASSWORD = "correct horse battery staple 42"
JS = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])


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


def emailed_links(db_path, smtp_server, address: str) -> dict[str, str]:
    """Send the open waves' invitation e-mails through a real SMTP server; {organisation code: its link}."""
    host, port, received = smtp_server
    con = connect(db_path)
    add_demo_contacts(con, ["DEMO01", "5ND"])
    for survey in ("org_rating", "commissioner_return"):
        wave = scalar(con, "select wave_id from waves where survey_code = ? and closes >= current_date", [survey])
        send_invitations(con, wave, MailSettings(host=host, port=port), public_url=address, allow_loopback=True)
    con.close()
    links = {}
    for message in received:
        body = message.get_content()
        code = "DEMO01" if "org_rating" in body else "5ND"
        links[code] = re.search(r"(http://\S+token=\S+)", body).group(1)  # type: ignore[union-attr]
    return links


@JS
def test_a_carers_organisation_rates_from_its_email_link_without_signing_in(org_db, chromium, smtp_server, javascript):
    port = free_port()
    link = emailed_links(org_db, smtp_server, f"http://127.0.0.1:{port}")["DEMO01"]
    suffix = "" if javascript else "-no-js"
    page = new_page(chromium, PHONE, javascript=javascript)
    with serve(org_db, port=port):
        page.goto(link)
        checks_of_every_page(page)
        submit(page, "Start now")
        assert heading(page) == "Commissioners to rate"
        checks_of_every_page(page)
        shot(page, f"org-rating-1-commissioners{suffix}")
        page.locator(".govuk-task-list__link").first.click()
        page.wait_for_load_state()
        answer(page, "How far did this commissioner engage", "Consulted on plans or budgets")
        answer(page, "Were you involved in writing the plan", "Yes")
        answer(page, "Were you involved in setting the budget", "No")
        answer(page, "Did your organisation receive funding", "Yes")
        checks_of_every_page(page)
        shot(page, f"org-rating-2-rating{suffix}")
        submit(page)
        page.get_by_label(re.compile("How much funding for breaks")).fill("12.5k")  # asked because of the Yes
        checks_of_every_page(page)
        submit(page)
        checks_of_every_page(page)
        submit(page)  # the evidence is optional
        checks_of_every_page(page)
        assert "£12,500" in page.content()
        submit(page, "Send")
        checks_of_every_page(page)
        shot(page, f"org-rating-3-sent{suffix}")
        assert "Your rating has been sent" in page.content()
    page.context.close()
    con = connect(org_db)
    assert con.execute(
        "select RATER, ENGAGEMENT, FUNDAMOUNT from response_org_rating where source = 'web'"
    ).fetchall() == [("DEMO01", "2", Decimal("12500.00"))]


def carers_under_load(url: str, stop: threading.Event, sent: list[str]) -> None:
    """One carer after another through the real forms over HTTP, as fast as the server answers, until `stop`."""
    while not stop.is_set():
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(urllib.request.Request(f"{url}/survey/carer_experience/start", data=b"", method="POST"))
        for _ in range(40):
            html = page.read().decode()
            csrf = re.search(r'name="csrf" value="([^"]+)"', html)
            if csrf is None or stop.is_set():
                break
            form = {"csrf": csrf.group(1), "AREA": "E06000001", "QOLTIME": "1"}
            page = opener.open(page.geturl(), data=urllib.parse.urlencode(form).encode())
            if page.geturl().endswith("/done"):
                sent.append(page.geturl())
                break


@JS
def test_a_commissioner_files_a_return_from_its_link_with_money_and_partners_while_carers_answer(
    org_db, chromium, smtp_server, javascript
):
    port = free_port()
    link = emailed_links(org_db, smtp_server, f"http://127.0.0.1:{port}")["5ND"]
    suffix = "" if javascript else "-no-js"
    page = new_page(chromium, {"width": 1280, "height": 900}, javascript=javascript)
    stop, sent = threading.Event(), list[str]()
    with serve(org_db, port=port) as url:
        load = [threading.Thread(target=carers_under_load, args=(url, stop, sent)) for _ in range(6)]
        for thread in load:
            thread.start()
        try:
            page.goto(link)
            submit(page, "Start now")
            answer(page, "What is the status of your plan", "Updated plan and budget published")
            submit(page)
            page.get_by_label("Day", exact=True).fill("30")
            page.get_by_label("Month", exact=True).fill("9")
            page.get_by_label("Year", exact=True).fill("2026")
            page.get_by_label(re.compile("Web address where it is published")).fill("www.example.nhs.uk/breaks")
            checks_of_every_page(page)
            submit(page)
            answer(page, "Is it a joint plan with the council?", "Yes")
            submit(page)
            page.get_by_label(re.compile("Existing allocation")).fill("£1,250,000")
            page.get_by_label(re.compile("Planned spend")).fill("1.4m")
            checks_of_every_page(page)
            submit(page)
            answer(page, "Do you work with carers' organisations", "Yes")
            submit(page)
            partners = page.get_by_role("group", name=re.compile("^Which carers' organisations"))
            names = [partners.locator(".govuk-checkboxes__label").nth(i).inner_text().strip() for i in (0, 2)]
            for name in names:
                partners.get_by_label(name, exact=True).check()
            checks_of_every_page(page)
            shot(page, f"commissioner-return-partners{suffix}")
            submit(page)
            checks_of_every_page(page)
            for name in names:
                assert name in page.content()  # the choice is kept, under load
            submit(page, "Send")
            assert "Your return has been sent" in page.content()
            shot(page, f"commissioner-return-sent{suffix}")
        finally:
            stop.set()
            for thread in load:
                thread.join(timeout=60)
    page.context.close()
    con = connect(org_db)
    codes = dict(con.execute("select name, code from organisations where type = 'carers_org'").fetchall())
    assert con.execute(
        "select COMMISSIONER, PUBDATE, PUBURL, BUDGETEXIST, SPENDPLAN, WORKSWITHORGS "
        "from response_commissioner_return where source = 'web'"
    ).fetchall() == [
        (
            "5ND",
            date(2026, 9, 30),
            "https://www.example.nhs.uk/breaks",
            Decimal("1250000.00"),
            Decimal("1400000.00"),
            sorted(codes[name] for name in names),
        )
    ]
    carers = scalar(con, "select count(*) from response_carer_experience where source = 'web'")
    assert carers == len(sent) and carers >= 3  # the load was real, and every carer it sent landed once


def test_a_board_member_opens_each_dashboard_and_downloads_the_pack(org_db, desktop):
    pages = [
        "Plan status",
        "Co-production gaps",
        "Breaks money",
        "Carer experience",
        "Carers' comments",
        "Commissioner profile",
        "Who to chase",
        "Quarterly review",  # last: the pack is made there
    ]
    with serve(org_db) as url:
        sign_in(desktop, url, "board1", PASSWORD)
        go_to(desktop, "Plan status")
        desktop.get_by_role("combobox", name="Quarter").click()
        after_run(
            desktop, desktop.get_by_role("option", name="2011-12 Q2 (July to September 2011)").click
        )  # carries over
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
        assert desktop.refused == []  # every chart drew under the dashboards' policy


def test_a_signed_in_carers_organisation_opens_the_same_form_from_the_app(org_db, desktop):
    with serve(org_db) as url:
        sign_in(desktop, url, "co1", PASSWORD)
        go_to(desktop, "Rate commissioners")
        with desktop.context.expect_page() as opened:
            desktop.get_by_role("link", name=re.compile("^Open the form for")).click()
        form = opened.value
        form.wait_for_load_state()
        assert heading(form) == "Commissioners to rate" and form.url.startswith(f"{url}/survey/org_rating/choose")
        checks_of_every_page(form)
        assert desktop.refused == []
