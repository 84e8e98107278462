"""Steps a person takes in the browser, shared by the journey tests: on the Streamlit app (sign in, open a
page) and on the GOV.UK survey forms (answer a question, continue), and the checks every form page passes."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page

from tests.browser.conftest import after_run, wait_ready


def open_waves(con) -> None:
    """Waves of all three surveys open today, as an administrator would open them."""
    from pipelines.outreach.waves import open_wave

    today = date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    for survey, scope in (("carer_experience", []), ("org_rating", ["DEMO01"]), ("commissioner_return", ["5ND"])):
        open_wave(con, survey, quarter, today - timedelta(days=1), today + timedelta(days=30), scope)


# The Board's dashboards, as the navigation names them; with the pages it keeps the plan on and the public one
BOARD_DASHBOARDS = (
    "Plan status",
    "Co-production gaps",
    "Breaks money",
    "Carer experience",
    "Carers' comments",
    "Commissioner profile",
    "Who to chase",
    "Quarterly review",  # last: the pack is made there
)
BOARD_PAGES = (*BOARD_DASHBOARDS, "Action plan", "Published results")


def press(page: Page, name: str, timeout: float | None = None) -> None:
    after_run(page, page.get_by_role("button", name=name, exact=True).click, timeout)


def visit(page: Page, address: str) -> None:
    """Type an address and wait until the page's first script run has finished (a new, signed-out
    Streamlit session); the title alone can show well before the questions when the CPU is busy, and the
    same server may still be finishing the previous test's work (a board pack) when the address is typed."""
    page.goto(address, timeout=60_000)
    page.wait_for_function("window.__runs > 0", timeout=60_000)
    wait_ready(page)


def sign_in(page: Page, url: str, username: str, password: str) -> None:
    """Sign in on the Sign in page. The right password sends the browser to /session/start for its session
    cookie and back to the app's start, in a new Streamlit session that takes the sign-in up from the cookie."""
    visit(page, f"{url}/sign_in")
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password", exact=True).fill(password)
    with page.expect_navigation(url=f"{url}/", timeout=60_000):
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_function("window.__runs > 0", timeout=60_000)
    wait_ready(page)


def go_to(page: Page, title: str) -> None:
    """Open a page from the navigation, as a person does (a typed address starts a new, signed-out session)."""
    after_run(page, page.get_by_role("link", name=title, exact=True).click)


# ---- the survey forms (/survey/...): plain GOV.UK pages, the same with JavaScript on or off ----------------


def answer(page: Page, question: str, label: str) -> None:
    """Choose `label` in the radios or checkboxes whose legend starts with `question`."""
    group = page.get_by_role("group", name=re.compile("^" + re.escape(question)))
    group.get_by_label(label, exact=True).check()


def submit(page: Page, button: str = "Continue") -> None:
    """Press a form's button and wait for the page it leads to (a POST, then a redirect)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def heading(page: Page) -> str:
    return page.locator("h1").first.inner_text().strip()


SMALL_TARGETS = """() => {
  const targets = [...document.querySelectorAll(
    'a, button, input:not([type=hidden]), select, textarea, .govuk-radios__label, .govuk-checkboxes__label')]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
  const rects = targets.map(e => e.getBoundingClientRect());
  const small = [];
  targets.forEach((e, i) => {
    const r = rects[i];
    if (r.width >= 24 && r.height >= 24) return;
    if (e.closest('p, .govuk-footer__inline-list, .govuk-hint')) return;  // in a sentence: WCAG's inline exception
    // WCAG 2.5.8's spacing exception: a 24 px circle on its centre touches no other target
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const crowded = rects.some((o, j) => j !== i && !targets[j].contains(e) && !e.contains(targets[j]) &&
      Math.hypot(Math.max(o.left - cx, 0, cx - o.right), Math.max(o.top - cy, 0, cy - o.bottom)) < 12);
    if (crowded) small.push(`${e.tagName} ${(e.id || e.innerText || '').trim().slice(0, 40)} ${r.width}x${r.height}`);
  });
  return small;
}"""


def checks_of_every_page(page: Page) -> None:
    """What every survey page must pass, in every state: axe at WCAG 2.2 AA, targets of 24 px or more,
    nothing wider than the screen, a title that names the step, and nothing the security policy refused."""
    from tests.browser.conftest import axe

    violations = axe(page)
    assert violations == [], (page.url, violations)
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], (page.url, small)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    step, _, service = page.title().partition(" \u2013 ")  # "Step, en dash, service", as GOV.UK titles pages
    assert step.strip() and service.strip(), page.url
    assert getattr(page, "refused", []) == [], page.url
