"""The quarterly review page, the board pack (HTML and PDF) and its command."""

import shutil

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboards.ui.access import User
from dashboards.ui.components import escape_markdown
from tests.conftest import ROOT, run_cli, scalar
from warehouse.connection import connect

BOARD = User("board1", "board", None, "Board member")


@pytest.fixture
def review_db(demo_db, tmp_path):
    path = tmp_path / "review.duckdb"
    shutil.copy(demo_db, path)
    return path


def _page(app_env, path, page, user=BOARD):
    app_env(path)
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    if user:
        at.session_state["user"] = user
    return at.run()


def test_the_review_page_shows_every_section_and_makes_the_pack(app_env, review_db):
    at = _page(app_env, review_db, "dashboards/pages/quarterly_review.py")
    assert not at.exception
    headers = [h.value for h in at.header]
    assert headers[0] == "What changed in " + escape_markdown("2011-12 Q4 (January to March 2012)")
    assert headers[1:11] == [
        "Headline numbers",
        "Plans and co-production",
        "Disputed claims: what carers' organisations said",
        "Who to chase",
        "Breaks money",
        "Carers' experience against England",
        "Action plan",
        "Key performance indicators",
        "In carers' words",
        "Board pack",
    ]
    at.button(key="quarterly_review_make_pack").click().run()
    assert not at.exception
    assert len(at.get("download_button")) == 2
    con = connect(review_db)
    assert scalar(con, "select count(*) from audit_log where action = 'export' and username = 'board1'") == 1


def test_a_carers_organisation_cannot_open_the_review(app_env, review_db):
    at = _page(app_env, review_db, "dashboards/pages/quarterly_review.py", User("co", "carers_org", "DEMO01"))
    assert not at.exception
    assert at.error[0].value.startswith("You do not have access")
    assert not at.header


def test_the_review_of_an_empty_database_says_there_is_nothing_yet(app_env, tmp_path):
    at = _page(app_env, tmp_path / "empty.duckdb", "dashboards/pages/quarterly_review.py")
    assert "nothing to review yet" in at.info[0].value


def test_an_action_update_is_added_not_overwritten(app_env, review_db):
    at = _page(app_env, review_db, "dashboards/pages/action_plan.py")
    con = connect(review_db)
    before = scalar(con, "select count(*) from action_updates")
    con.close()
    at.radio(key="action_plan_rag").set_value("amber")  # no default: the Board member says which
    at.text_area(key="action_plan_narrative").input("Voucher scheme back in the east.")
    at.button(key="FormSubmitter:action_plan_update-Save update").click().run()
    assert at.success[0].value.startswith("Update for ") and at.success[0].value.endswith(" saved.")
    con = connect(review_db)
    assert scalar(con, "select count(*) from action_updates") == before + 1


def test_board_pack_command_writes_a_pdf_with_the_headlines(review_db, tmp_path):
    out = tmp_path / "pack.pdf"
    done = run_cli(review_db, "board-pack", "--quarter", "2011-Q3", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}")
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Carers Board quarterly review: 2011-12\nQ2 (July to September 2011)" in text
    assert "Contents" in text and "Page 1 of" in text
    assert "have a published plan than in" in text
    assert "Judged not engaged at all" in text


def test_the_html_pack_holds_every_section_and_needs_nothing_else(review_db, tmp_path):
    out = tmp_path / "pack.html"
    assert run_cli(review_db, "board-pack", "--quarter", "2011-Q3", "--out", str(out)).returncode == 0
    html = out.read_text()
    for anchor in ("summary", "headlines", "plans", "money", "carers", "action_plan", "kpis", "quotes"):
        assert f'id="{anchor}"' in html
    assert "<svg" in html and "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")


def test_a_pack_never_shows_a_small_number_nor_an_unredacted_comment(con, tmp_path):
    from board.export import make_pack
    from pipelines.landing.land import land
    from pipelines.outreach.waves import ensure_wave

    wave = ensure_wave(con, "carer_experience", "2024-Q1")
    carers = [
        {
            "AREA": "E06000001",
            "SATISFIED": "1",
            "BREAK12": "Y",
            "DIFFERENCE": "Call Jane Smith on 01632 960123 about breaks",
        }
        for _ in range(4)
    ]
    land(con, "carer_experience", carers, source="file", wave_id=wave)
    pack = make_pack(con, "2024-Q1", username="test", threshold=5)
    text = "\n".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(pack.pdf)).pages)
    measures = text[text.index("National carer measures") :]
    assert "suppressed" in measures and "100.0" not in measures and "100.00" not in measures
    assert "01632" not in text and "Jane Smith" not in text and "01632" not in pack.html
