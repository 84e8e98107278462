"""A carer on a 360 px phone, with JavaScript on and off: from a letter's QR code or its typed personal code,
saving, reloading, the phone's Back button, a return code typed in lower case, to the confirmation."""

from __future__ import annotations

import re

import pypdfium2
import pytest
import zxingcpp

from pipelines.outreach.letters import make_invitation_letters
from tests.browser.conftest import PHONE, free_port, new_page, serve, shot
from tests.browser.journeys import answer, checks_of_every_page, heading, open_waves, submit
from tests.conftest import scalar
from warehouse.connection import connect

LIFE = [  # the first six pages: (question text start, answer label)
    ("Thinking about how you spend", "I do some of the things I value or enjoy with my time but not enough"),
    (
        "Which of the following statements best describes how much",
        "I have as much control over my daily life as I want",
    ),
    ("Thinking about how much time you have to look after", "I look after myself"),
    ("Thinking about your personal safety", "I have no worries about my personal safety"),
    ("Thinking about how much social contact", "I have some social contact with people but not enough"),
    ("Thinking about encouragement", "I feel I have encouragement and support"),
]
JS = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])


@pytest.fixture
def carer_db(app_db):
    con = connect(app_db)
    open_waves(con)
    con.close()
    return app_db


def letter_link(db_path, tmp_path, address: str) -> tuple[str, str]:
    """Print one invitation letter as an administrator would, and read its QR code back: (link, personal code)."""
    import pandas as pd

    con = connect(db_path)
    wave = scalar(con, "select wave_id from waves where survey_code = 'carer_experience' and closes >= current_date")
    sample = pd.DataFrame({"sample_ref": ["S1"], "address": ["Ms A Carer|1 High Street|Hartlepool|TS24 7AA"]})
    out = tmp_path / "letter.pdf"
    make_invitation_letters(con, wave, sample, out, public_url=address, allow_loopback=True)
    con.close()
    page = pypdfium2.PdfDocument(str(out))[0]
    link = zxingcpp.read_barcodes(page.render(scale=3).to_pil())[0].text
    code = re.search(r"([A-Z0-9]{4}(?:-[A-Z0-9]{4}){4})", page.get_textpage().get_text_range())
    assert code is not None
    return link, code.group(1)


def finish(page, name: str | None) -> str:
    """From wherever the carer is: Continue past what is optional, give the council area, write a comment,
    check and send; every page passes the checks (screenshots named after `name`, if given). Returns the
    reference on the confirmation."""
    for _ in range(30):
        checks_of_every_page(page)
        if heading(page) == "Check your answers before sending them":
            break
        if heading(page) == "Which council area do you live in?":
            page.get_by_label("Which council area do you live in?").select_option(label="Hartlepool")
        if heading(page).startswith("What one thing would make"):
            page.get_by_label(re.compile("What one thing would make")).fill("A break every month.")
        submit(page)
    if name:
        shot(page, f"{name}-check-answers")
    submit(page, "Send your answers")
    checks_of_every_page(page)
    if name:
        shot(page, f"{name}-confirmation")
    found = re.search(r"CE-\w{5}-\w{5}", page.locator(".govuk-panel").inner_text())
    assert found is not None
    return found.group(0)


@JS
def test_a_carer_from_a_letters_qr_code_saves_reloads_goes_back_and_finishes_with_the_code_typed(
    carer_db, chromium, tmp_path, javascript
):
    port = free_port()
    link, _ = letter_link(carer_db, tmp_path, f"http://127.0.0.1:{port}")
    suffix = "" if javascript else "-no-js"
    phone = new_page(chromium, PHONE, javascript=javascript)
    with serve(carer_db, port=port) as url:
        phone.goto(link)
        checks_of_every_page(phone)
        shot(phone, f"carer-1-start{suffix}")
        assert "Privacy notice" in phone.content() and "15 minutes" in phone.content()
        submit(phone, "Start now")
        for number, (question, label) in enumerate(LIFE[:3], start=2):
            checks_of_every_page(phone)
            if number == 2:
                shot(phone, f"carer-2-question{suffix}")
            answer(phone, question, label)
            submit(phone)
        phone.reload()  # a reload keeps the page and what was answered
        phone.go_back()  # the phone's Back button: the page before, with its answer
        assert phone.get_by_label(LIFE[2][1], exact=True).is_checked()
        phone.go_forward()
        answer(phone, *LIFE[3])
        submit(phone, "Save and come back later")
        checks_of_every_page(phone)
        shot(phone, f"carer-3-saved{suffix}")
        code = phone.locator(".app-code").inner_text()
        phone.context.close()

        later = new_page(chromium, PHONE, javascript=javascript)  # another day, another phone
        later.goto(f"{url}/survey/continue")
        checks_of_every_page(later)
        later.get_by_label("Continue your survey").fill(code.lower().replace("-", " "))
        submit(later)
        assert heading(later).startswith("Thinking about your personal safety")
        assert later.get_by_label(LIFE[3][1], exact=True).is_checked()
        shot(later, f"carer-4-continued{suffix}")
        submit(later, "Continue")
        reference = finish(later, f"carer{suffix}")
        later.context.close()
    con = connect(carer_db)
    assert con.execute(
        "select QOLTIME, QOLSAFETY, AREA, DIFFERENCE from response_carer_experience where source = 'web'"
    ).fetchall() == [("2", "1", "E06000001", "A break every month.")]
    assert scalar(con, "select count(*) from invitations where sample_ref = 'S1' and completed_at is not null") == 1
    assert reference.startswith("CE-")


@JS
def test_a_carer_types_the_personal_code_from_the_letter_and_a_used_code_is_refused(
    carer_db, chromium, tmp_path, javascript
):
    port = free_port()
    _, code = letter_link(carer_db, tmp_path, f"http://127.0.0.1:{port}")
    phone = new_page(chromium, PHONE, javascript=javascript)
    with serve(carer_db, port=port) as url:
        phone.goto(f"{url}/survey/code")
        checks_of_every_page(phone)
        submit(phone)  # nothing typed: the error summary, in the title and linked to the box
        assert phone.title().startswith("Error: ")
        checks_of_every_page(phone)
        shot(phone, "carer-code-error")
        phone.get_by_label("Enter your personal code").fill(code.lower())
        submit(phone)
        finish(phone, "carer-code")
        again = new_page(chromium, PHONE, javascript=javascript)
        again.goto(f"{url}/survey/code")
        again.get_by_label("Enter your personal code").fill(code)
        submit(again)
        assert "already been sent" in again.locator(".govuk-error-message").inner_text()
        again.context.close()
    phone.context.close()


def test_a_missed_answer_is_announced_and_linked_at_1280_px(carer_db, desktop):
    with serve(carer_db) as url:
        desktop.goto(f"{url}/survey/carer_experience")
        submit(desktop, "Start now")
        while heading(desktop) != "Which council area do you live in?":
            submit(desktop)
        submit(desktop)
        summary = desktop.locator(".govuk-error-summary")
        assert summary.get_by_role("link", name="Select an answer").get_attribute("href") == "#AREA"
        assert desktop.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")  # focus moved
        checks_of_every_page(desktop)
        shot(desktop, "carer-error-summary-desktop")


def test_a_deliberately_broken_form_makes_the_journey_fail(carer_db, phone):
    # the fault (the form forgets the answers when sending) is switched on only here, by the environment
    with serve(carer_db, env={"CARERS_MONITOR_FAULT": "form_drops_answers"}) as url:
        phone.goto(f"{url}/survey/carer_experience")
        submit(phone, "Start now")
        with pytest.raises(Exception):  # noqa: B017 - any failure will do: the journey must not complete
            finish(phone, None)
    con = connect(carer_db)
    assert scalar(con, "select count(*) from response_carer_experience where source = 'web'") == 0


def test_a_carer_answers_with_the_keyboard_alone(carer_db, phone):
    with serve(carer_db) as url:
        phone.goto(f"{url}/survey/carer_experience")
        submit(phone, "Start now")
        for _ in range(10):  # Tab from the top of the page to the first answer
            phone.keyboard.press("Tab")
            if phone.evaluate("document.activeElement.type === 'radio'"):
                break
        phone.keyboard.press("Space")
        phone.keyboard.press("ArrowDown")  # the arrow keys move the choice within the question
        for _ in range(10):
            phone.keyboard.press("Tab")
            if phone.evaluate("document.activeElement.innerText?.trim() === 'Continue'"):
                break
        with phone.expect_navigation():
            phone.keyboard.press("Enter")
        assert heading(phone).startswith("Which of the following statements best describes how much control")
        phone.go_back()
        assert phone.get_by_label(LIFE[0][1], exact=True).is_checked()  # the second answer, as the arrow chose


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_text_at_200_percent_loses_nothing_and_the_form_still_works(carer_db, chromium, viewport):
    page = new_page(chromium, viewport)
    with serve(carer_db) as url:
        page.goto(f"{url}/survey/carer_experience")
        submit(page, "Start now")
        page.evaluate("() => document.documentElement.style.fontSize = '200%'")  # as a browser's text size does
        label = "parseFloat(getComputedStyle(document.querySelector('.govuk-radios__label')).fontSize)"
        assert page.evaluate(label) >= 36
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, f"carer-text-200-{viewport['width']}")
        answer(page, *LIFE[0])
        submit(page)
        assert heading(page).startswith("Which of the following statements")
    page.context.close()


def test_the_privacy_notice_and_a_closed_survey_on_a_phone(app_db, phone):
    # the demo data's waves are all of 2011/12, so no wave is open here
    with serve(app_db) as url:
        phone.goto(f"{url}/survey/privacy")
        assert heading(phone) == "Privacy notice"
        checks_of_every_page(phone)
        shot(phone, "carer-privacy-notice")
        phone.goto(f"{url}/survey/carer_experience")
        assert heading(phone) == "This survey is closed"
        checks_of_every_page(phone)
        shot(phone, "carer-survey-closed")
