"""Every chart the Board's pages and pack draw (presentation/charts.py), as the pages really draw them.

Each page runs through AppTest on a real database in three states: the demo data, a quarter just
opened with no answer yet, and a quarter with one answer of each kind. The charts are taken from what
the page sent to the browser (spec and data), drawn by vl-convert to PNG and SVG, and checked: something
is drawn with real height, the axes are there, what they say is in words (no field names, codes, `nan`),
a category has one colour on every chart, points do not move between runs and KPI targets are
horizontal rules. The pack has one legend.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
import vl_convert
from PIL import Image
from streamlit.testing.v1 import AppTest

from board.pack import to_html
from board.review import build_review
from dashboards.ui.access import User
from pipelines.landing.land import land
from pipelines.outreach.waves import open_wave
from presentation import labels
from tests.conftest import ROOT
from warehouse.connection import connect

BOARD = User("board1", "board", None, "Board member")
PAGES = ("plan_status", "coproduction_gaps", "breaks_money", "carer_experience", "carer_comments", "quarterly_review")
NEW_QUARTER = "2026-Q3"  # after every demo wave, so each page opens on it
PLACEHOLDERS = re.compile(r"\b(nan|None|NaT|NaN|undefined|null)\b|00:00:00")
STATES = ("demo", "empty quarter", "one answer")
MIN_PLOT_HEIGHT = 90  # pixels: three bars' rows; a collapsed chart is a line a few pixels high


def _new_quarter(path, *, one_answer: bool) -> None:
    """Waves of all three surveys opened for NEW_QUARTER as an administrator opens them (every ICB and
    carers' organisation asked); with `one_answer`, one answer lands in each."""
    con = connect(path)
    asked = {
        survey: [code for (code,) in con.execute("select code from organisations where type = ?", [kind]).fetchall()]
        for survey, kind in (("commissioner_return", "ICB"), ("org_rating", "carers_org"))
    } | {"carer_experience": []}
    opens, closes = date(2026, 7, 1), date(2026, 9, 30)
    waves = {survey: open_wave(con, survey, NEW_QUARTER, opens, closes, scope) for survey, scope in asked.items()}
    if one_answer:
        rater = con.execute("select min(code) from organisations where type = 'carers_org'").fetchall()[0][0]
        land(
            con,
            "commissioner_return",
            [{"COMMISSIONER": "QE1", "PLANSTATUS": "WILL", "WORKSWITH": "Y", "BUDGETEXIST": "100000"}],
            source="file",
            wave_id=waves["commissioner_return"],
        )
        rating = {"RATER": rater, "COMMISSIONER": "QE1", "ENGAGEMENT": "1", "INPLAN": "N", "INBUDGET": "N"}
        land(con, "org_rating", [rating | {"FUNDED": "N"}], source="file", wave_id=waves["org_rating"])
        carer = {"AREA": "E06000001", "SEX": "F", "SATISFIED": "1", "BREAK12": "Y", "BIGGESTDIFF": "More breaks"}
        land(con, "carer_experience", [carer], source="file", wave_id=waves["carer_experience"])
    con.close()


def _records(arrow: bytes) -> list[dict]:
    frame = pa.ipc.open_stream(arrow).read_pandas()
    return json.loads(frame.to_json(orient="records", date_format="iso"))


def _drawn(at: AppTest) -> list[dict]:
    """The Vega-Lite specs the page sent to the browser, each with its data put back where it was."""
    specs = []
    for element in at.get("vega_lite_chart"):
        proto = element.proto
        spec = json.loads(proto.spec)
        spec["datasets"] = spec.get("datasets", {}) | {d.name: _records(d.data.data) for d in proto.datasets}
        if proto.HasField("data") and proto.data.data:
            spec["data"] = {"values": _records(proto.data.data)}
        specs.append(spec)
    return specs


@pytest.fixture(scope="module")
def databases(demo_db, tmp_path_factory) -> dict[str, Path]:
    """The three states, each a database file of its own (read only by the tests below)."""
    paths = {}
    for state in STATES:
        paths[state] = tmp_path_factory.mktemp("charts") / "charts.duckdb"
        shutil.copy(demo_db, paths[state])
        if state != "demo":
            _new_quarter(paths[state], one_answer=state == "one answer")
    return paths


@pytest.fixture(scope="module")
def drawn(databases) -> dict[str, dict[str, list[dict]]]:
    """{state: {page: the charts it drew}} for the three states, each page run once per state."""
    import streamlit as st

    import settings

    def point_the_app_at(path: Path | None, env: pytest.MonkeyPatch) -> None:
        if path is not None:
            env.setenv("CARERS_MONITOR_DB", str(path))
        settings.current.cache_clear()
        st.cache_resource.clear()
        st.cache_data.clear()

    states = {}
    with pytest.MonkeyPatch.context() as env:
        for state, path in databases.items():
            point_the_app_at(path, env)
            states[state] = {page: _run(page) for page in PAGES}
    point_the_app_at(None, env)
    return states


def _run(page: str, choose: dict[str, str] | None = None) -> list[dict]:
    """The charts `page` draws, after choosing `choose` ({select box key: option}) if given."""
    at = AppTest.from_file(str(ROOT / "dashboards" / "pages" / f"{page}.py"), default_timeout=60)
    at.session_state["user"] = BOARD
    at.run()
    for key, option in (choose or {}).items():
        at.selectbox(key=key).select(option).run()
    assert not at.exception, (page, [(e.message, e.stack_trace[-6:]) for e in at.exception])
    return _drawn(at)


def _every(drawn, state: str) -> list[tuple[str, dict]]:
    return [(page, spec) for page, specs in drawn[state].items() for spec in specs]


def _plot_heights(svg: str) -> list[float]:
    """The height of each plotted area (Vega draws each view's frame as a grey-edged `background` path)."""
    frames = re.findall(r'class="background"[^>]* d="M[-\d.]+,[-\d.]+h([\d.]+)v([\d.]+)[^"]*" stroke="#ddd"', svg)
    return [float(height) for width, height in frames if float(width) > 0]


@pytest.mark.parametrize("state", STATES)
def test_every_chart_draws_with_real_height_and_its_axes(drawn, state):
    charts = _every(drawn, state)
    described = {spec.get("description", "") for _, spec in charts}
    # what each state must draw at the least: the pages' main charts, whatever the data
    assert any(d.startswith("Plan status") for d in described), described
    assert any(d.startswith("Commissioners by spend") for d in described), described
    assert "Actions by RAG status." in described
    if state != "empty quarter":
        assert any(d.startswith("Co-production") for d in described), described
    for page, spec in charts:
        where = (state, page, spec.get("description"))
        png = Image.open(io.BytesIO(vl_convert.vegalite_to_png(spec))).convert("L")
        top, bottom = _inked_rows(png)
        assert bottom - top > MIN_PLOT_HEIGHT, where
        svg = vl_convert.vegalite_to_svg(spec)
        heights = _plot_heights(svg)
        assert heights and min(heights) >= MIN_PLOT_HEIGHT, (where, heights)
        if not spec.get("description", "").startswith("Map of"):  # the hex map is a map: no axes
            assert 'aria-label="Y-axis' in svg, where
            assert 'aria-roledescription="axis"' in svg, where


def _inked_rows(image: Image.Image) -> tuple[int, int]:
    """The first and last rows of the image that have anything darker than the white background."""
    box = image.point(lambda level: 255 if level < 200 else 0).getbbox()
    assert box, "nothing drawn"
    return box[1], box[3]


@pytest.mark.parametrize("state", STATES)
def test_what_a_chart_says_is_in_words(drawn, state):
    """Axis titles, tick labels, legends, values on the marks, tooltips and what a screen reader hears:
    no placeholder, no snake_case, no field name of the chart's own data."""
    for page, spec in _every(drawn, state):
        svg = vl_convert.vegalite_to_svg(spec)
        words = re.findall(r"<text[^>]*>([^<]*)</text>", svg) + re.findall(r'aria-label="([^"]*)"', svg)
        fields = {key for rows in spec["datasets"].values() for row in rows[:1] for key in row}
        for said in words:
            assert not PLACEHOLDERS.search(said), (state, page, said)
            assert not labels.SNAKE_CASE.search(said), (state, page, said)
        for said in re.findall(r'aria-label="([^"]*)"', svg):
            named = {part.split(": ")[0].strip() for part in said.split("; ") if ": " in part}
            assert not named & fields - {"name"}, (state, page, said)  # "name" is not a field anyone sees
        for tooltip in _tooltips(spec):
            assert tooltip.get("title") and not labels.SNAKE_CASE.search(tooltip["title"]), (page, tooltip)


def _tooltips(spec) -> list[dict]:
    found = []
    for view in [spec, *spec.get("layer", []), *spec.get("concat", [])]:
        for inner in [view, *view.get("layer", [])]:
            tips = inner.get("encoding", {}).get("tooltip", [])
            found += tips if isinstance(tips, list) else [tips]
    return found


def _colours(spec) -> dict[str, str]:
    """Each category's colour in this chart: every colour scale's domain paired with its range."""
    pairs: dict[str, str] = {}
    text = json.dumps(spec)
    for scale in re.findall(r'"scale": (\{"domain": \[[^\]]*\], "range": \[[^\]]*\]\})', text):
        found = json.loads(scale)
        if all(str(colour).startswith("#") for colour in found["range"]):
            pairs |= dict(zip(found["domain"], found["range"], strict=True))
    return pairs


def test_a_category_has_the_same_colour_on_every_chart(drawn):
    seen: dict[str, set[str]] = {}
    charts_with: dict[str, set[tuple[str, str | None]]] = {}
    for state in drawn:
        for page, spec in _every(drawn, state):
            for name, colour in _colours(spec).items():
                seen.setdefault(name, set()).add(colour)
                charts_with.setdefault(name, set()).add((page, spec.get("description")))
    assert {name: colours for name, colours in seen.items() if len(colours) > 1} == {}
    disputed = labels.value("coproduction", "disputed")
    assert len(charts_with[disputed]) >= 2  # the scatter and the SHA tiles
    assert seen[disputed] == {labels.colours("coproduction")["disputed"]}
    assert len(charts_with[labels.value("rag", "red")]) >= 2  # the RAG bar and the KPIs
    published = labels.value("plan_status", "PUB")
    assert seen[published] == {labels.colours("plan_status")["PUB"]}


def test_plan_status_runs_best_to_worst(drawn):
    (spec,) = drawn["demo"]["plan_status"]
    y = spec["layer"][0]["encoding"]["y"]
    assert y["sort"] == list(labels.values("plan_status").values())
    assert y["sort"][0].startswith("Published") and y["sort"][-1] == "No response"


def test_the_coproduction_points_stay_put_and_use_the_rating_scale(drawn, demo_db, tmp_path, app_env):
    path = tmp_path / "again.duckdb"
    shutil.copy(demo_db, path)
    app_env(path)
    again = [spec for spec in _run("coproduction_gaps") if spec.get("description", "").startswith("Co-production:")]
    first = [s for s in drawn["demo"]["coproduction_gaps"] if s.get("description", "").startswith("Co-production:")]
    assert again == first and "random()" not in json.dumps(first)
    svg = vl_convert.vegalite_to_svg(first[0])
    assert "for a linear scale with values from 0 to 3" in svg  # not -0.4 to 3.4
    assert "Says it works with carers' organisations" in svg
    assert re.search(r"discrete scale with \d values: Yes, No", svg)  # not true/false


def test_carer_trend_keeps_its_axis_when_the_newest_wave_is_suppressed(databases, app_env):
    app_env(databases["one answer"])
    charts = _run("carer_experience", {"carer_experience_measure": "satisfied"})
    trend = [s for s in charts if "wave by wave" in s.get("description", "")]
    assert len(trend) == 1
    svg = vl_convert.vegalite_to_svg(trend[0])
    assert re.search(r"Y-axis titled '[^']+' for a linear scale with values from 0 to 100", svg)
    assert "suppressed: fewer than 5" in svg  # the one-answer wave keeps its place and says why


def test_kpi_targets_are_horizontal_rules(drawn):
    kpis = [s for s in drawn["demo"]["quarterly_review"] if s.get("description", "").endswith("against its target.")]
    rules = [
        layer
        for chart in kpis
        for layer in chart["layer"]
        if layer["mark"]["type"] == "rule" and layer["encoding"]["y"]["field"] == "target"
    ]
    assert len(rules) == len(kpis) >= 2
    assert all("x" not in rule["encoding"] and "x2" not in rule["encoding"] for rule in rules)


def test_the_pack_has_one_legend_and_its_charts_draw(demo_db, tmp_path):
    path = tmp_path / "pack.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    quarter = con.execute("select max(period) from waves").fetchall()[0][0]
    pack = to_html(build_review(con, quarter), threshold=5)
    assert pack.count('class="mark-group role-legend"') == 1  # the KPIs' RAG legend; the RAG bar names its bars
    assert "Red: off track" in pack and "Actions by RAG status" in pack
    assert str(date.today().year) in pack or quarter in pack
