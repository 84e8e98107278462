"""Free text reads as written wherever it is shown: never as Markdown on the pages, never as HTML in the pack."""

from __future__ import annotations

import html
import io
import re
import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from board.export import make_pack
from dashboards.ui.access import User
from dashboards.ui.components import escape_markdown, isolate
from pipelines.action_plan import add_action, add_update
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from tests.conftest import MARKDOWN, ROOT, as_read
from warehouse.connection import connect

SCRIPT = "<script>alert(1)</script>"
LINK = "[Call us](http://x.example)"


def tags(rendered: str) -> list[str]:
    return re.findall(r"<(\w+)", rendered)


# the patterns Streamlit's renderer links or replaces after parsing (remark-gfm's bare addresses, its emoji
# and icon shortcodes), as its bundle writes them; markdown-it, here, does neither, so they are checked apart
AFTER_PARSING = [
    re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.I),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),
    re.compile(r":[\w+/-]+:"),
]


def shown_text(rendered: str) -> str:
    return as_read(rendered, render=False)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(LINK, id="link"),
        pytest.param("![](http://x.example/track.png)", id="image"),
        pytest.param(SCRIPT, id="html"),
        pytest.param("**urgent** _now_ ~~never~~ `code`", id="emphasis"),
        pytest.param("# Heading", id="heading"),
        pytest.param("> quoted", id="quote"),
        pytest.param("- a list", id="bullet"),
        pytest.param("+1+1", id="plus"),
        pytest.param("2011. A year", id="numbered"),
        pytest.param("a | b", id="table"),
        pytest.param("&lt; is not <", id="entity"),
        pytest.param("$x$ and :red[red]", id="maths_and_colour"),
        pytest.param("a back\\slash", id="backslash"),
        pytest.param("see http://127.0.0.1:9/evil now", id="bare_address"),
        pytest.param("HTTPS://evil.example/x", id="capitals"),
        pytest.param("www.evil.example and WWW.evil.example", id="www"),
        pytest.param("write to help@evil.example", id="email"),
        pytest.param(":smile: :material/home: :+1:", id="shortcodes"),
    ],
)
def test_markup_in_free_text_shows_as_written(text):
    """Markup is escaped for the parser; what Streamlit links or replaces after parsing (bare addresses,
    shortcodes), where no backslash reaches, is broken by the word joiners; the reader sees the text."""
    escaped = escape_markdown(text)
    assert [p.pattern for p in AFTER_PARSING if p.search(escaped)] == []
    rendered = MARKDOWN.render(escaped)
    assert tags(rendered) == ["p"] and shown_text(rendered) == text


@given(st.text(alphabet=string.printable.strip() + " é£", min_size=1, max_size=40).filter(lambda t: t == t.strip()))
def test_any_line_of_text_shows_as_written(text):
    rendered = MARKDOWN.render(escape_markdown(text))
    assert tags(rendered) == ["p"] and shown_text(rendered) == text


def test_a_plain_message_is_left_as_it_reads():
    assert escape_markdown("returns.csv: 1 rows read, 0 quarantined (2 s).") == (
        "returns.csv: 1 rows read, 0 quarantined (2 s)."
    )


@pytest.mark.parametrize("text", ["\u202eevil", "\u202bembedded", "\u2067isolate", "שלום", "مرحبا", "١٢٣"])
def test_text_that_can_turn_a_line_is_isolated_so_it_turns_only_itself(text):
    """A right-to-left override (U+202E) in a name would reverse the rest of our line; inside a first-strong
    isolate it ends where the name ends (Unicode's bidirectional algorithm, rule X6a). Hebrew, Arabic and
    Arabic-Indic digits are isolated too, so they keep their own direction without moving ours."""
    assert isolate(text) == f"\u2068{text}\u2069"
    assert escape_markdown(text) == f"\u2068{text}\u2069"


def test_text_that_reads_left_to_right_is_left_as_it_is():
    assert isolate("Hartlepool Carers (CO-0001)") == "Hartlepool Carers (CO-0001)"


@pytest.fixture
def marked_up(db_path):
    """A quarter whose carer comment (on breaks, so the review quotes it) and action update hold markup."""
    con = connect(db_path)
    wave = ensure_wave(con, "carer_experience", "2024-Q1")
    said = f"{LINK} for a break {SCRIPT}"
    # five comments from one area: a quote is taken only from waves and areas at the threshold
    land(con, "carer_experience", [{"AREA": "E06000001", "DIFFERENCE": said}] * 5, source="file", wave_id=wave)
    action = add_action(con, "More breaks", "<b>Lead</b>", date(2024, 6, 30), "**all** carers")
    add_update(con, action, "2024-Q1", "amber", f"Delayed {SCRIPT}", None, "board1")
    con.close()
    return db_path, said


def test_the_review_page_shows_a_carers_words_as_written(app_env, marked_up):
    path, said = marked_up
    app_env(path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/quarterly_review.py"), default_timeout=60)
    at.session_state["user"] = User("board1", "board")
    at.run()
    assert not at.exception
    quote = MARKDOWN.render(next(m.value for m in at.markdown if m.value.startswith(">")))
    assert tags(quote) == ["blockquote", "p"] and shown_text(quote) == f"{said} (Breaks)"


def test_the_action_plan_page_shows_owner_and_measure_as_written(app_env, marked_up):
    app_env(marked_up[0])
    at = AppTest.from_file(str(ROOT / "dashboards/pages/action_plan.py"), default_timeout=60)
    at.session_state["user"] = User("board1", "board")
    at.run()
    caption = MARKDOWN.render(at.caption[0].value)
    assert (
        tags(caption) == ["p"]
        and shown_text(caption)
        == "Owner: <b>Lead</b> · target date: 30 June 2024 · outcome: none chosen · measure: **all** carers"
    )


def test_the_import_page_shows_a_files_own_column_names_as_written(app_env, db_path):
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_import.py"), default_timeout=60)
    at.session_state["user"] = User("admin1", "administrator")
    at.run()
    at.selectbox(key="import_survey").select("commissioner_return").run()
    header = f"COMMISSIONER,PLANSTATUS,WORKSWITH,{LINK}\n5ND,WILL,Y,x\n"
    at.file_uploader(key="import_file").upload("returns.csv", header.encode(), "text/csv").run()
    ignored = MARKDOWN.render(next(m.value for m in at.markdown if m.value.startswith("Ignored")))
    assert tags(ignored) == ["p"] and shown_text(ignored) == f"Ignored, not in the questionnaire: {LINK}."


def test_the_pack_shows_a_carers_words_and_an_update_as_text_in_html_and_pdf(marked_up):
    con = connect(marked_up[0])
    pack = make_pack(con, "2024-Q1", username="test", threshold=5)
    con.close()
    assert "<script" not in pack.html and "<b>Lead" not in pack.html
    assert pack.html.count(html.escape(SCRIPT, quote=False)) == 2  # the quote and the update's narrative
    assert pack.pdf is not None
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pack.pdf)).pages)
    assert SCRIPT in text.replace("\n", "")
