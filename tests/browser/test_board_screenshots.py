"""Every Board page in Chromium at 1280 and 360 pixels wide, on the demo data: each chart draws with real
height in the page's width (the RAG chart once collapsed to a line here), each legend shows a colour per
category (Streamlit's theme once drew them all black), and a screenshot of each page at each width is
kept in docs/screenshots/ (board-<page>-1280.png, board-<page>-360.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from accounts.users import add_user
from tests.browser.conftest import PHONE, new_page, serve, shot, wait_ready
from tests.browser.journeys import BOARD_PAGES, go_to, sign_in
from tests.conftest import ROOT
from warehouse.connection import connect

PASSWORD = "correct horse battery staple 42"
WIDTHS = {1280: {"width": 1280, "height": 900}, 360: PHONE}
SCREENSHOTS = ROOT / "docs" / "screenshots"
# [height, width] of each chart's drawing (Streamlit has Vega draw SVG), [0, 0] while it has not drawn
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(chart => {
  const drawing = chart.querySelector('svg.marks, canvas');
  return drawing ? [drawing.getBoundingClientRect().height, drawing.getBoundingClientRect().width] : [0, 0];
})"""


# each legend symbol's colour as seen: its fill, unless a dark edge thick enough to hide it is drawn round it
LEGEND_FILLS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] .role-legend')].map(legend =>
  [...legend.querySelectorAll('.role-legend-symbol path')].map(symbol => {
    const style = getComputedStyle(symbol);
    const hidden = style.stroke !== 'none' && style.stroke !== style.fill && parseFloat(style.strokeWidth) > 1;
    return hidden ? style.stroke : style.fill;
  }))"""


@pytest.fixture
def board_db(app_db):
    con = connect(app_db)
    add_user(con, "board1", "board", password=PASSWORD)
    con.execute("update users set must_change_password = false")
    con.close()
    return app_db


def slug(title: str) -> str:
    return title.lower().replace("'", "").replace(" ", "-")


def open_page(page: Page, title: str) -> None:
    """Open a page from the navigation; on a phone the navigation is off the screen, behind its button."""
    if not _on_screen(page, title):
        page.get_by_test_id("stExpandSidebarButton").click()
        page.wait_for_timeout(500)  # the menu slides in
    go_to(page, title)
    if page.viewport_size and page.viewport_size["width"] < 640 and _on_screen(page, title):
        page.get_by_test_id("stSidebarCollapseButton").first.click(force=True)  # put the menu away again
        page.wait_for_timeout(500)


def _on_screen(page: Page, title: str) -> bool:
    box = page.get_by_role("link", name=title, exact=True).bounding_box()
    return box is not None and box["x"] >= 0


def charts_drawn(page: Page) -> list[list[float]]:
    """Wait until every chart has drawn; their [height, width] in pixels."""
    page.wait_for_function(f"() => ({CHARTS_DRAWN})().every(([height]) => height > 0)", timeout=30_000)
    wait_ready(page)
    return page.evaluate(CHARTS_DRAWN)


def whole_page_shot(page: Page, name: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its own box, so the window is made as
    tall as the page for the picture (charts redraw for it) and set back after."""
    window = page.viewport_size
    assert window is not None
    tall = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": window["width"], "height": max(window["height"], min(tall, 12_000))})
    charts_drawn(page)
    shot(page, name, SCREENSHOTS)
    page.set_viewport_size(window)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_board_page_draws_its_charts_and_is_photographed(board_db, chromium, width):
    page = new_page(chromium, WIDTHS[width])
    drawn, legends = {}, {}
    try:
        with serve(board_db) as url:
            sign_in(page, url, "board1", PASSWORD)
            for title in BOARD_PAGES:
                open_page(page, title)
                assert not page.get_by_test_id("stException").count(), title
                drawn[title] = charts_drawn(page)
                legends[title] = page.evaluate(LEGEND_FILLS)
                whole_page_shot(page, f"board-{slug(title)}-{width}")
    finally:
        page.context.close()
    for title in ("Plan status", "Co-production gaps", "Breaks money", "Carer experience", "Quarterly review"):
        assert drawn[title], f"{title} drew no chart"
    assert legends["Co-production gaps"], "the co-production charts have a legend"
    for title, keys in legends.items():
        for fills in (symbols for symbols in keys if symbols):  # a shaded map's key is a gradient
            assert len(set(fills)) == len(fills) > 1, (title, fills)  # one colour per category, as drawn
    for title, sizes in drawn.items():
        for height, chart_width in sizes:
            assert height >= 120, (title, height)  # three bars' rows and an axis at the least: not a line
            assert chart_width <= width, (title, chart_width)  # in the page's width, not beyond it
