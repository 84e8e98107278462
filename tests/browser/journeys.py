"""Steps a person takes in the browser, shared by the journey tests: what a carer or an organisation does."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page

from tests.browser.conftest import after_run, wait_ready

CARER = {  # section by section: (question text start, answer label); a show-if branch: PERSBUDGET Yes
    "life": [
        ("Thinking about how you spend", "I do some of the things I value or enjoy with my time but not enough"),
        (
            "Which of the following statements best describes how much control",
            "I have some control over my daily life but not enough",
        ),
        ("Thinking about how much time you have to look after", "I look after myself"),
        ("Thinking about your personal safety", "I have no worries about my personal safety"),
        ("Thinking about how much social contact", "I have some social contact with people but not enough"),
        ("Thinking about encouragement", "I feel I have encouragement and support"),
    ],
    "services": [
        ("Overall, how satisfied", "I am very satisfied"),
        ("In the last 12 months, do you feel involved", "I usually felt involved or consulted"),
        ("In the last 12 months, have you found it easy", "Fairly easy to find"),
    ],
    "breaks": [
        ("In the last 12 months, have you had a break", "Yes"),
        ("When you take a break", "Yes, sometimes"),
        ("Do you, or the person you care for, get a personal budget", "Yes"),
        ("Are there rules about how you can use", "Yes, some rules get in the way"),
    ],
}


def open_waves(con) -> None:
    """Waves of all three surveys open today, as an administrator would open them."""
    from pipelines.outreach.waves import open_wave

    today = date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    for survey, scope in (("carer_experience", []), ("org_rating", ["DEMO01"]), ("commissioner_return", ["5ND"])):
        open_wave(con, survey, quarter, today - timedelta(days=1), today + timedelta(days=30), scope)


def choose(page: Page, question: str, answer: str) -> None:
    group = page.get_by_role("radiogroup", name=question)
    if not group.count():
        group = page.locator('[data-testid="stRadio"]').filter(has_text=question)
    after_run(page, group.get_by_text(answer, exact=True).first.click)


def press(page: Page, name: str, timeout: float | None = None) -> None:
    after_run(page, page.get_by_role("button", name=name, exact=True).click, timeout)


def carer_section(page: Page, code: str) -> None:
    for question, answer in CARER[code]:
        choose(page, question, answer)
    press(page, "Continue")


def pick_area(page: Page, council: str = "Hartlepool") -> None:
    box = page.get_by_role("combobox", name="Which council area do you live in?")
    box.click()
    box.fill(council)
    after_run(page, page.get_by_role("option", name=f"{council} (").first.click)
    page.get_by_role("listbox").wait_for(state="hidden")  # a list still closing would take the next click


def visit(page: Page, address: str) -> None:
    """Type an address and wait until the page's first script run has finished (a new, signed-out
    Streamlit session); the title alone can show well before the questions when the CPU is busy."""
    page.goto(address)
    page.wait_for_function("window.__runs > 0", timeout=60_000)
    wait_ready(page)


def sign_in(page: Page, url: str, username: str, password: str) -> None:
    visit(page, f"{url}/sign_in")
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password", exact=True).fill(password)
    press(page, "Sign in")


def go_to(page: Page, title: str) -> None:
    """Open a page from the navigation, as a person does (a typed address starts a new, signed-out session)."""
    after_run(page, page.get_by_role("link", name=title, exact=True).click)


FOCUS = """() => {
    const e = document.activeElement;
    const group = e.closest('[role=radiogroup]');
    return {tag: e.tagName, group: group ? group.getAttribute('aria-label') : null,
            checked: group ? (group.querySelector('input:checked')?.closest('label')?.innerText || null) : null,
            text: e.innerText || ''};
}"""


def tab_to(page: Page, found, presses: int = 40) -> dict:
    """Press Tab until the focused element satisfies `found(focus)`; the focus as FOCUS describes it."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if found(focus):
            return focus
    raise AssertionError(f"Tab never reached the element; focus ended on {focus}")


def answer_by_keyboard(page: Page, question: str, answer: str) -> None:
    """Tab to a question's radio group, then Space and arrow keys until `answer` is chosen."""
    tab_to(page, lambda focus: (focus["group"] or "").startswith(question))
    after_run(page, lambda: page.keyboard.press("Space"))
    for _ in range(10):
        if (page.evaluate(FOCUS)["checked"] or "").strip() == answer:
            return
        after_run(page, lambda: page.keyboard.press("ArrowDown"))
    raise AssertionError(f"could not choose {answer!r} for {question!r} with the arrow keys")
