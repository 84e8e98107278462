"""Text is text (issue "Text is text"): free text that carers, organisations, administrators and Board members
type or upload, and that files bring, shows in Chromium as the words it is, wherever the app shows it.

One database holds hostile text in every place people write: a carer's comment, an organisation's
evidence and plan address, a carers' organisation's name and contact typed by an administrator, the
Board's action (title, owner, measure, update), a file's name, column names and values (quarantined with
reasons that quote them), a paper return's reference, a wave's name and title of its own. All of it comes
in through the product's own functions (`import_file`, which lands through `land()`, `register`,
`add_contact`, `add_action`, `add_update`, `key_return`, `open_wave`). Then a carer types hostile text into
the survey form and reads it back, a carers' organisation, a Board member and an administrator open every
page that shows any of it (dashboards/ui/registry.py), and the Board's pack is opened as a file.

Each hostile text carries Markdown (an image, a link, a bare address), raw HTML (`<img onerror>`,
`<script>`, `<a href>`) and a right-to-left override (U+202E). On every page: no element made of the text
(no image, link, script or event handler pointing at 127.0.0.1:9 or evil.example), no request to them
and no refusal by the security policy (which would mean something tried), the text's own word on the
page, and where the text shares a line with ours, our words after it still read left to right: the
override reorders only the writer's own words (the policy: shown, isolated; docs/architecture.md).
"""

from __future__ import annotations

import contextlib
import csv
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from accounts.users import add_user
from pipelines.action_plan import add_action, add_update
from pipelines.outreach import organisations
from pipelines.outreach.contacts import add_contact
from pipelines.outreach.tokens import issue_invitation
from pipelines.outreach.waves import open_wave, publish
from pipelines.sources.files import import_file
from pipelines.sources.paper_keying import key_return
from tests.browser.conftest import after_run, new_page, serve
from tests.browser.journeys import go_to, heading, press, sign_in, submit
from warehouse.connection import connect

PASSWORD = "correct horse battery staple 42"
OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows it, to the end of its paragraph
TODAY = date.today()
QUARTER = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"
# what nothing on a page may point at, and where the text's links and images lead
TARGET = re.compile(r"127\.0\.0\.1:9(?!\d)|evil\.example")


def hostile(word: str) -> str:
    """`word` (to find the text by) in every kind of markup, ending in an override that, loose, would
    reverse our words after it."""
    return (
        f"{word} ![x](http://127.0.0.1:9/evil.png) [click](http://127.0.0.1:9/evil) http://127.0.0.1:9/bare "
        "www.evil.example <img src=http://127.0.0.1:9/x onerror=alert(1)> <script>alert(2)</script> "
        f"<a href=http://127.0.0.1:9/a>a</a> **bold** {OVERRIDE}desrever"
    )


def unspaced(word: str) -> str:
    """Markup without spaces, for what refuses them: an e-mail address, a file's name (no `/` either)."""
    return f"{word}![x](http:127.0.0.1:9)[click](http:127.0.0.1:9)<img_src=http:127.0.0.1:9>{OVERRIDE}desrever"


WAVE_NAME = "!" + hostile("snowdrop")  # sorts after every quarter, so no page opens on it
FILE_NAME = unspaced("bluebell") + ".csv"
FILE_COLUMN = hostile("heather")
# a commissioner's plan address is checked as one (no spaces) and shown as a link, to itself, in the tables
PLAN_ADDRESS = "https://plans.example.org/![x](http://127.0.0.1:9/evil.png)"


def seed(con, folder: Path) -> dict[str, str]:
    """Every hostile text, landed the way it comes in; returns the codes the tests need."""
    yesterday, later = TODAY - timedelta(days=1), TODAY + timedelta(days=30)
    org = organisations.register(con, hostile("tulip"), "E06000001", works_with=["E06000001"], by="admin1")
    add_contact(con, org, unspaced("poppy") + "@evil.example", hostile("violet"), by="admin1")
    carers = open_wave(con, "carer_experience", QUARTER, yesterday, later, [])
    returns = open_wave(con, "commissioner_return", QUARTER, yesterday, later, ["E06000001"])
    ratings = open_wave(con, "org_rating", QUARTER, yesterday, later, [org], title=hostile("crocus"))
    open_wave(con, "carer_experience", WAVE_NAME, date(2010, 1, 1), date(2010, 3, 31), [])
    for username, role, code in (
        ("admin1", "administrator", None),
        ("board1", "board", None),
        ("co1", "carers_org", org),
    ):
        add_user(con, username, role, org_code=code, password=PASSWORD)
    con.execute("update users set must_change_password = false")

    def file(name: str, header: list[str], rows: list[list[str]]) -> Path:
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([header, *rows])
        return path

    import_file(
        con,
        file(
            "return.csv",
            ["COMMISSIONER", "PLANSTATUS", "PUBDATE", "PUBURL", "WORKSWITH"],
            [
                ["E06000001", "PUB", f"{TODAY:%Y-%m-%d}", PLAN_ADDRESS, "Y"],
            ],
        ),
        "commissioner_return",
        wave_id=returns,
        submitted_by="admin1",
    )
    import_file(
        con,
        file(
            "rating.csv",
            ["RATER", "COMMISSIONER", "ENGAGEMENT", "INPLAN", "INBUDGET", "EVIDENCE"],
            [
                [org, "E06000001", "0", "N", "N", hostile("aster")],  # claimed, rated 0: disputed, the evidence shown
            ],
        ),
        "org_rating",
        wave_id=ratings,
        submitted_by="admin1",
    )
    comment = hostile("marigold") + " and a break now and then"  # "break": the review quotes it
    import_file(
        con,
        file(
            FILE_NAME,
            ["AREA", "DIFFERENCE", "SEX", FILE_COLUMN],
            [
                ["E06000001", comment, "", "x"],
                # four more comments: the review quotes only waves and areas with at least 5 (board/sql/quotes.sql)
                *[["E06000001", "All fine, thank you", "", "x"]] * 4,
                ["E06000001", "fine", hostile("foxglove"), "x"],  # not an answer: quarantined, the reason quotes it
            ],
        ),
        "carer_experience",
        wave_id=carers,
        submitted_by="admin1",
    )  # the last import: Home names its file

    action = add_action(con, hostile("daisy"), hostile("iris"), TODAY + timedelta(days=60), hostile("lily"))
    add_update(con, action, QUARTER, "amber", hostile("fern"), "https://evil.example/minutes", "board1")
    for keyer, sex in (("admin1", "1"), ("admin2", "2")):  # two keyings that differ wait to be settled
        key_return(con, "carer_experience", carers, hostile("clover"), {"SEX": sex}, keyer, double_entry=True)
    publish(con, QUARTER, "board1")  # the plan's address on the public page too
    token = issue_invitation(con, ratings, channel="email", org_code=org)
    return {"org": org, "token": token}


# Everything on the page that a hostile text could have become: an element pointing at the target (an
# image, a link, a frame, a style), an event handler it wrote, a script that runs it. And the page's text,
# the boxes' values included (a select box shows its choice in one), to find the words in.
LOOK = r"""(target) => {
  target = new RegExp(target);
  const made = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const pointing = ['src', 'href', 'srcset', 'action', 'formaction', 'data', 'poster', 'xlink:href', 'style']
        .includes(a.name) && target.test(a.value);
      if (pointing || (a.name.startsWith('on') && /alert/.test(a.value))) made.push(e.outerHTML.slice(0, 200));
    }
    if (e.tagName === 'SCRIPT' && /alert\(/.test(e.textContent)) made.push(e.outerHTML.slice(0, 200));
  }
  const values = [...document.querySelectorAll('input, textarea')].map(e => e.value);
  return {made, text: [document.body.textContent, ...values].join(' ')};
}"""

# Whether `word`, wherever it stands on the page, reads left to right: its first letter left of its last.
# An override loose before it on the same line would have reversed it.
READS_LEFT_TO_RIGHT = """(word) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let at = node.data.indexOf(word); at >= 0; at = node.data.indexOf(word, at + 1)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const first = range.getBoundingClientRect();
      range.setStart(node, at + word.length - 1);
      range.setEnd(node, at + word.length);
      if (first.width) found.push(first.left < range.getBoundingClientRect().left);
    }
  }
  return found;
}"""


def shown_as_text(page: Page, *words: str, after: tuple[str, ...] = ()) -> None:
    """The page shows each hostile text by its word and makes nothing of it; each of our words in `after`,
    which follow a hostile text on its line, still reads left to right."""
    with contextlib.suppress(PlaywrightTimeout):  # tables draw a moment after the script has run
        page.wait_for_function(
            f"([words, target]) => words.every(w => ({LOOK})(target).text.includes(w))",
            arg=[list(words), TARGET.pattern],
            timeout=20_000,
        )
    seen = page.evaluate(LOOK, TARGET.pattern)
    assert seen["made"] == [], (page.url, seen["made"])
    assert [word for word in words if word not in seen["text"]] == [], page.url
    for word in after:
        order = page.evaluate(READS_LEFT_TO_RIGHT, word)
        assert order and all(order), (page.url, word, order)


@pytest.fixture(scope="module")
def hostile_app(reference_db, tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """The app, served once for this module's tests, over a database holding the hostile text everywhere."""
    folder = tmp_path_factory.mktemp("text-is-text")
    path = folder / "hostile.duckdb"
    shutil.copy(reference_db, path)
    con = connect(path)
    codes = seed(con, folder)
    con.close()
    with serve(path) as url:
        yield url, codes


@pytest.fixture
def browser_page(chromium) -> Iterator[Page]:
    """A desktop page that keeps every request it makes; at the end none may have gone to the target, and the
    security policy must have refused nothing (a refusal would mean something tried)."""
    # wide: a table puts only the columns in view into the page (for screen readers), and the long texts
    # make wide columns
    page = new_page(chromium, {"width": 2560, "height": 1400})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page
    page.context.close()
    assert [url for url in requested if TARGET.search(url)] == []
    assert page.refused == []  # type: ignore[attr-defined]


def test_a_carer_reads_their_own_words_back_as_text_before_sending(hostile_app, browser_page):
    url, _ = hostile_app
    page = browser_page
    page.goto(f"{url}/survey/carer_experience")
    submit(page, "Start now")
    for _ in range(30):
        if heading(page) == "Check your answers before sending them":
            break
        if heading(page) == "Which council area do you live in?":
            page.get_by_label("Which council area do you live in?").select_option(label="Hartlepool")
        if heading(page).startswith("What one thing would make"):
            page.get_by_label(re.compile("What one thing would make")).fill(hostile("primrose"))
        submit(page)
    shown_as_text(page, "primrose", "<script>alert(2)</script>", "![x](http://127.0.0.1:9/evil.png)")
    # not sent: the other tests' pages stay as seeded, in whatever order they run


def test_a_carers_organisation_sees_its_name_as_text(hostile_app, browser_page):
    url, codes = hostile_app
    page = browser_page
    page.goto(f"{url}/survey/org_rating?token={codes['token']}")  # from the invitation e-mail
    shown_as_text(page, "tulip")
    sign_in(page, url, "co1", PASSWORD)
    go_to(page, "Rate commissioners")
    shown_as_text(page, "crocus")  # the wave's title, on the link's button
    address = page.get_by_role("link", name=re.compile("^Open the form for")).get_attribute("href")
    page.goto(f"{url}{address}")
    assert heading(page) == "Commissioners to rate"
    shown_as_text(page, "tulip", after=("change a rating",))


def test_a_board_member_sees_every_text_as_text(hostile_app, browser_page):
    url, _ = hostile_app
    page = browser_page
    sign_in(page, url, "board1", PASSWORD)
    shown_as_text(page, "bluebell", after=("landed",))  # Home: the last file imported
    for title, words, after in (
        ("Carers' comments", ("marigold",), ()),
        ("Co-production gaps", ("aster", "tulip"), ()),
        ("Plan status", ("plans.example.org",), ()),
        ("Published results", ("plans.example.org",), ()),
        ("Quarterly review", ("marigold", "daisy", "iris", "fern"), ("(Breaks)",)),
        ("Action plan", ("daisy", "iris", "lily", "fern"), ("target date",)),
    ):
        go_to(page, title)
        shown_as_text(page, *words, after=after)


def test_the_board_pack_shows_every_text_as_text(hostile_app, browser_page, tmp_path):
    url, _ = hostile_app
    page = browser_page
    sign_in(page, url, "board1", PASSWORD)
    go_to(page, "Quarterly review")
    press(page, "Make the board pack", timeout=120_000)
    packs = {}
    for kind in ("HTML", "PDF"):
        with page.expect_download() as download:
            page.get_by_role("button", name=f"Download the pack ({kind})").click()
        packs[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(packs[kind])
    page.goto(packs["HTML"].as_uri())  # a file on the Board member's computer: no security policy to help
    shown_as_text(page, "marigold", "daisy", "iris", "fern", "<script>alert(2)</script>", after=("(Breaks)",))
    words = "".join(p.extract_text() for p in PdfReader(packs["PDF"]).pages).replace("\n", " ")
    assert all(word in words for word in ("marigold", "daisy", "iris", "fern")), words


def test_an_administrator_sees_every_text_as_text(hostile_app, browser_page, tmp_path):
    url, codes = hostile_app
    page = browser_page
    sign_in(page, url, "admin1", PASSWORD)
    shown_as_text(page, "bluebell")
    go_to(page, "Organisations and contacts")
    shown_as_text(page, "tulip")
    page.get_by_role("textbox", name="Organisation code (a carers' organisation or a commissioner)").fill(codes["org"])
    after_run(page, lambda: page.keyboard.press("Enter"))
    shown_as_text(page, "poppy")  # the contact's address, as the administrator typed it
    go_to(page, "Quarantine")
    shown_as_text(page, "bluebell", "foxglove")  # the batch by its file's name; the value in its reason
    go_to(page, "Key paper returns")
    shown_as_text(page, "clover", after=("difference(s)",))  # the return's reference, on what waits to be settled
    go_to(page, "Waves and invitations")
    shown_as_text(page, "snowdrop")
    go_to(page, "Import a file")
    upload = tmp_path / FILE_NAME
    with upload.open("w", newline="", encoding="utf-8") as out:  # no AREA: refused, naming the file
        csv.writer(out).writerows([["DIFFERENCE", FILE_COLUMN], ["a comment", "x"]])
    after_run(page, lambda: page.locator("input[type=file]").set_input_files(str(upload)))
    shown_as_text(page, "heather", "bluebell", after=("cannot be imported",))
