"""Every Board page, the public page and the board pack read as words (issue 18): no `nan`, `None`,
`NaT`, a midnight time or a snake_case name reaches a person, on the demo data, on a quarter that has
just opened with no answers, and on a quarter with one answer of each kind.

The text is read from what the app sends the browser (each element's body, label, help, options,
value and delta, and every table's headings and cells) and, for the pack, from its HTML with the
tags taken out (the charts' SVG text included: axis titles and legends are read too).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from board.export import make_pack
from dashboards.ui.access import User
from dashboards.ui.registry import PAGES
from pipelines.landing.land import land
from pipelines.outreach.waves import open_wave
from presentation.formats import period_name
from presentation.labels import SNAKE_CASE
from tests.conftest import ROOT
from warehouse.connection import connect

BOARD_PAGES = [p.path for p in PAGES if p.section in ("Dashboards", "Carers Board")] + [
    "dashboards/pages/public_results.py"
]
PLACEHOLDERS = re.compile(r"\bnan\b|\bNaN\b|\bNone\b|\bNaT\b|\b00:00:00\b|\bnull\b")
READ = {"body", "label", "help", "options", "value", "delta", "placeholder", "caption"}
EMPTY, ONE = "2026-Q3", "2026-Q4"  # a quarter just opened with no answers; one with one answer of each kind


def _asked(con, types: tuple[str, ...], on: date, limit: int) -> list[str]:
    return [
        code
        for (code,) in con.execute(
            "select code from organisations where list_contains(?, type) and coalesce(valid_from, ?) <= ? "
            "and coalesce(valid_to, ?) >= ? order by code limit ?",
            [list(types), on, on, on, on, limit],
        ).fetchall()
    ]


def _open_quarter(con, period: str, opens: date, closes: date) -> dict[str, int]:
    commissioners = _asked(con, ("ICB",), opens, 6)
    organisations = _asked(con, ("carers_org",), opens, 3)
    return {
        "commissioner_return": open_wave(con, "commissioner_return", period, opens, closes, commissioners),
        "org_rating": open_wave(con, "org_rating", period, opens, closes, organisations),
        "carer_experience": open_wave(con, "carer_experience", period, opens, closes, []),
    }


@pytest.fixture(scope="module")
def quarters_db(demo_db, tmp_path_factory):
    """The demo data, plus 2026-Q3 opened (scoped, nothing answered) and 2026-Q4 with one answer each."""
    path = tmp_path_factory.mktemp("words") / "words.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    _open_quarter(con, EMPTY, date(2026, 7, 1), date(2026, 9, 30))
    waves = _open_quarter(con, ONE, date(2026, 10, 1), date(2027, 12, 31))
    icb = _asked(con, ("ICB",), date(2026, 10, 1), 1)[0]
    rater = _asked(con, ("carers_org",), date(2026, 10, 1), 1)[0]
    land(
        con,
        "commissioner_return",
        [{"COMMISSIONER": icb, "PLANSTATUS": "WILL", "WORKSWITH": "Y", "BUDGETEXIST": "125000"}],
        source="file",
        wave_id=waves["commissioner_return"],
    )
    land(
        con,
        "org_rating",
        [{"RATER": rater, "COMMISSIONER": icb, "ENGAGEMENT": "1", "INPLAN": "N", "INBUDGET": "N", "FUNDED": "N"}],
        source="file",
        wave_id=waves["org_rating"],
    )
    land(
        con,
        "carer_experience",
        [{"AREA": "E08000035", "SATISFIED": "2", "DIFFERENCE": "More breaks at weekends, please."}],
        source="paper",
        wave_id=waves["carer_experience"],
    )
    con.close()
    return path


def _strings(value, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return [value] if isinstance(value, str) and key in READ else []


def page_text(at: AppTest) -> list[str]:
    """What a person reads on the page, one string per piece."""
    found: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        if kind == "dataframe":
            frame = node.value
            found.extend(str(c) for c in frame.columns)
            found.extend(str(v) for v in frame.to_numpy().ravel())
        elif kind not in ("vega_lite_chart", "arrow_vega_lite_chart") and getattr(node, "proto", None) is not None:
            found.extend(_strings(MessageToDict(node.proto)))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def problems(pieces: list[str]) -> list[str]:
    """Each piece holding a placeholder or a snake_case name, with what was found."""
    bad = []
    for piece in pieces:
        for pattern in (PLACEHOLDERS, SNAKE_CASE):
            if found := pattern.search(piece):
                bad.append(f"{found.group(0)!r} in {piece[:160]!r}")
    return bad


def _render(app_env, path, page: str, quarter: str | None) -> AppTest:
    app_env(path)
    at = AppTest.from_file(str(ROOT / page), default_timeout=90)
    at.session_state["user"] = User("board1", "board")
    at.run()
    if quarter is not None:  # every page's quarter picker is labelled "Quarter" and shows the period's name
        for box in at.selectbox:
            if box.label == "Quarter" and quarter in box.options:
                box.set_value(quarter).run()
                break
            if box.label == "Quarter" and period_name(quarter) in box.options:
                box.select(period_name(quarter)).run()
                break
    return at


@pytest.mark.parametrize("quarter", [None, EMPTY, ONE], ids=["demo", "empty quarter", "one answer"])
@pytest.mark.parametrize("page", BOARD_PAGES, ids=[p.split("/")[-1].removesuffix(".py") for p in BOARD_PAGES])
def test_every_board_page_reads_as_words(app_env, quarters_db, page, quarter):
    at = _render(app_env, quarters_db, page, quarter)
    assert not at.exception, at.exception
    pieces = page_text(at)
    assert pieces, "the page showed nothing"
    assert problems(pieces) == []


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.pieces.append(data.strip())


@pytest.mark.parametrize("quarter", ["2012-Q1", EMPTY, ONE], ids=["demo", "empty quarter", "one answer"])
def test_the_board_pack_reads_as_words(quarters_db, quarter):
    con = connect(quarters_db)
    try:
        pack = make_pack(con, quarter, username="board1", threshold=5, pdf=False)
    finally:
        con.close()
    reader = _Text()
    reader.feed(pack.html)
    assert period_name(quarter) in " ".join(reader.pieces)
    assert problems(reader.pieces) == []


@pytest.fixture(scope="module")
def named_wave_db(demo_db, tmp_path_factory):
    """The demo data with a one-off collection named by its organiser, not a quarter."""
    from pipelines.outreach.periods import parse_period

    path = tmp_path_factory.mktemp("named") / "named.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    named = parse_period("Winter 2026 check-in", date(2026, 12, 1), date(2027, 2, 28))
    open_wave(con, "commissioner_return", named.label, named.start, named.end, _asked(con, ("ICB",), named.start, 4))
    con.close()
    return path


@pytest.mark.parametrize(
    "page",
    ["dashboards/pages/quarterly_review.py", "dashboards/pages/action_plan.py", "dashboards/pages/plan_status.py"],
)
def test_a_wave_with_a_name_of_its_own_opens_every_board_page(app_env, named_wave_db, page):
    at = _render(app_env, named_wave_db, page, "Winter 2026 check-in")
    assert not at.exception, at.exception
    assert problems(page_text(at)) == []


def test_the_pack_of_a_wave_with_a_name_of_its_own_names_it_with_its_days(named_wave_db):
    con = connect(named_wave_db)
    try:
        pack = make_pack(con, "Winter 2026 check-in", username="board1", threshold=5, pdf=False)
    finally:
        con.close()
    assert "Winter 2026 check-in (1 December 2026 to 28 February 2027)" in pack.html


def test_a_wave_nobody_was_asked_in_yet_opens_plan_status(app_env, demo_db, tmp_path):
    """A wave made without a scope (by an import that has not run yet) counts nobody: the page shows
    zeros and words, never an error."""
    from pipelines.outreach.waves import ensure_wave

    path = tmp_path / "unasked.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    ensure_wave(con, "commissioner_return", "2026-Q3")
    con.close()
    at = _render(app_env, path, "dashboards/pages/plan_status.py", "2026-Q3")
    assert not at.exception, at.exception
    assert problems(page_text(at)) == []
