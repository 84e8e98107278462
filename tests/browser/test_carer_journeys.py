"""A carer on a 360 px phone: the whole survey, save and come back, and a single-use invitation link."""

import re

import pytest

from pipelines.outreach.tokens import issue_invitation
from tests.browser.conftest import axe, enlarge_text, new_page, serve, shot, text_cut_off, wait_ready
from tests.browser.journeys import CARER, answer_by_keyboard, carer_section, open_waves, pick_area, press, tab_to, visit
from tests.conftest import scalar
from warehouse.connection import connect


@pytest.fixture
def carer_db(app_db):
    con = connect(app_db)
    open_waves(con)
    con.close()
    return app_db


def _finish(page, name: str) -> str:
    """From the caring section on: skip what is optional, give the area, check, send; the reference."""
    for _ in range(3):  # assessment, caring situation, about you: all optional
        press(page, "Continue")
    pick_area(page)
    press(page, "Continue")
    page.get_by_role("textbox", name="What one thing would make the biggest difference").fill("A break every month.")
    press(page, "Continue")
    page.get_by_role("heading", name="Check your answers").wait_for()
    shot(page, f"{name}-check-answers")
    assert axe(page) == []
    press(page, "Send my answers")
    confirmation = page.get_by_text(re.compile(r"Your reference number is CE-"))
    confirmation.wait_for()
    shot(page, f"{name}-confirmation")
    found = re.search(r"CE-\w{5}-\w{5}", confirmation.inner_text())
    assert found is not None
    return found.group(0)


def test_a_carer_completes_the_survey_on_a_phone_with_a_show_if_branch(carer_db, phone):
    with serve(carer_db) as url:
        visit(phone, f"{url}/form_carer_experience")
        shot(phone, "carer-1-start")
        assert axe(phone) == []
        carer_section(phone, "life")
        carer_section(phone, "services")
        assert not phone.get_by_text("Are there rules about how you can use").count()  # hidden until Yes
        carer_section(phone, "breaks")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
        reference = _finish(phone, "carer")
    con = connect(carer_db)
    row = con.execute(
        "select PERSBUDGET, BUDGETLIMITS, AREA, DIFFERENCE, source from response_carer_experience where source = 'web'"
    ).fetchall()
    assert row == [("Y", "2", "E06000001", "A break every month.", "web")] and reference


def test_a_carer_completes_a_section_with_the_keyboard_alone(carer_db, phone):
    with serve(carer_db) as url:
        visit(phone, f"{url}/form_carer_experience")
        for question, answer in CARER["life"]:
            answer_by_keyboard(phone, question, answer)
        tab_to(phone, lambda focus: focus["tag"] == "BUTTON" and focus["text"].strip() == "Continue")
        phone.keyboard.press("Enter")
        wait_ready(phone)
        phone.get_by_text("Section 2 of").wait_for()
        shot(phone, "carer-keyboard-section-2")
        press(phone, "Back")
        for question, answer in CARER["life"]:  # what the keyboard chose is what was kept
            assert (
                phone.get_by_role("radiogroup", name=question)
                .get_by_role("radio", name=answer, exact=True)
                .is_checked()
            )


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 740}], ids=["desktop", "phone"]
)
def test_text_at_200_percent_loses_nothing_and_the_form_still_works(carer_db, chromium, viewport):
    page = new_page(chromium, viewport)
    with serve(carer_db) as url:
        visit(page, f"{url}/form_carer_experience")
        enlarge_text(page)
        assert (
            page.evaluate("parseFloat(getComputedStyle(document.querySelector('[role=radiogroup] p')).fontSize)") >= 28
        )
        assert text_cut_off(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        shot(page, f"carer-text-200-{viewport['width']}")
        carer_section(page, "life")
        page.get_by_text("Section 2 of").wait_for()
        assert text_cut_off(page) == []
    page.context.close()


def test_a_missed_answer_is_announced_in_a_summary_that_links_to_the_question(carer_db, phone):
    with serve(carer_db) as url:
        visit(phone, f"{url}/form_carer_experience")
        for _ in range(7):  # six optional sections, then "Where you live" left blank
            press(phone, "Continue")
        summary = phone.get_by_role("alert")  # read out by screen readers as it appears
        summary.get_by_text("There is a problem").wait_for()
        link = summary.get_by_role("link", name="Which council area do you live in?: Select an answer")
        assert link.get_attribute("href") == "#error-area"
        beside = phone.locator("#error-area")  # the same message beside the question, in words not colour alone
        assert beside.inner_text() == "Error: Select an answer"
        shot(phone, "carer-error-summary")
        assert axe(phone) == []
        link.click()
        assert phone.url.endswith("#error-area") and beside.is_visible()
        pick_area(phone)
        press(phone, "Continue")
        assert not phone.get_by_role("alert").count()


def test_a_carer_saves_closes_the_page_and_comes_back_with_the_code(carer_db, phone, chromium):
    with serve(carer_db) as url:
        visit(phone, f"{url}/form_carer_experience")
        carer_section(phone, "life")
        press(phone, "Save and come back later")
        saved = re.search(r"return code is (\S+)\.", phone.get_by_text("Your answers are saved").inner_text())
        assert saved is not None
        code = saved.group(1)
        phone.context.close()
        later = new_page(chromium, {"width": 360, "height": 740})
        visit(later, f"{url}/form_carer_experience?resume={code}")
        later.get_by_text("Section 2 of").wait_for()
        carer_section(later, "services")
        carer_section(later, "breaks")
        _finish(later, "carer-resumed")
    con = connect(carer_db)
    assert con.execute("select QOLTIME, SATISFIED from response_carer_experience where source = 'web'").fetchall() == [
        ("2", "2")
    ]


def test_an_invitation_link_works_once_and_is_refused_the_second_time(carer_db, phone, chromium):
    con = connect(carer_db)
    wave = scalar(con, "select wave_id from waves where survey_code = 'carer_experience' and closes >= current_date")
    token = issue_invitation(con, wave, channel="post", sample_ref="S1")
    con.close()
    with serve(carer_db) as url:
        visit(phone, f"{url}/form_carer_experience?token={token}")
        for _ in range(3):
            press(phone, "Continue")
        _finish(phone, "carer-invited")
        again = new_page(chromium, {"width": 360, "height": 740})
        visit(again, f"{url}/form_carer_experience?token={token}")
        again.get_by_text(re.compile("already been sent")).wait_for()
        assert not again.get_by_role("button", name="Continue").count()
        shot(again, "carer-invitation-used")


def test_a_deliberately_broken_form_makes_the_journey_fail(carer_db, phone):
    # the fault (the form forgets the answers when sending) is switched on only here, by the environment
    with serve(carer_db, env={"CARERS_MONITOR_FAULT": "form_drops_answers"}) as url:
        visit(phone, f"{url}/form_carer_experience")
        for code in ("life", "services", "breaks"):
            carer_section(phone, code)
        # any failure will do: the journey must not complete
        with pytest.raises(Exception):  # noqa: B017
            _finish(phone, "carer-broken")
    con = connect(carer_db)
    assert scalar(con, "select count(*) from response_carer_experience where source = 'web'") == 0
