"""Real-browser fixtures: the app served by `streamlit run` on a free loopback port, Debian's Chromium.

Each server runs against its own database file and is stopped when the test ends, whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "docs" / "screenshots" / "journeys"
PHONE = {"width": 360, "height": 740}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(db_path: Path, env: dict | None = None, port: int | None = None):
    """Run the app on `port` (a free one if not given) against `db_path`; yield its address; always stop it."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--",
        "--db",
        str(db_path),
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_healthy(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen) -> None:
    """Stop a server started in a session of its own, and everything it started: politely, then for sure."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_healthy(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            assert process.stderr is not None  # serve() starts the app with stderr=PIPE
            raise RuntimeError(f"the app stopped: {process.stderr.read().decode()[-2000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("the app did not start within a minute")


@pytest.fixture
def app_db(demo_db, tmp_path) -> Path:
    path = tmp_path / "browser.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Counts the app's finished script runs, so a step can wait for the run its action started, not
# only for "not running" (which is also true in the moment before that run begins).
COUNT_RUNS = """
window.__runs = 0;
new MutationObserver(changes => {
  for (const c of changes)
    if (c.oldValue === 'running' && c.target.getAttribute('data-test-script-state') === 'notRunning') window.__runs++;
}).observe(document, {
  subtree: true, attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true
});
"""


def new_page(chromium, viewport: dict, *, javascript: bool = True, ignore_https_errors: bool = False) -> Page:
    """A page in a fresh browser context (its own cookies, so its own Streamlit session).

    Every refusal by the content security policy is kept in `page.refused` (tests assert there is none).
    `ignore_https_errors` lets a test's own self-signed certificate through (tests/browser/test_behind_https.py).
    """
    context = chromium.new_context(
        viewport=viewport,
        device_scale_factor=1,
        java_script_enabled=javascript,
        ignore_https_errors=ignore_https_errors,
    )
    context.add_init_script(COUNT_RUNS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.refused.append(message.text),
    )
    return page


@pytest.fixture
def phone(chromium) -> Iterator[Page]:
    page = new_page(chromium, PHONE)
    yield page
    page.context.close()


@pytest.fixture
def desktop(chromium) -> Iterator[Page]:
    page = new_page(chromium, {"width": 1280, "height": 900})
    yield page
    page.context.close()


def after_run(page: Page, action, timeout: float | None = None) -> None:
    """Do `action` (a click that reruns the script) and wait until that run has finished.

    A run so quick that the page never showed it as running is not counted; such a run is over by
    the time the first few seconds have passed, so the wait for the count gives up quietly then.
    """
    before = page.evaluate("window.__runs")
    action()
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("n => window.__runs > n", arg=before, timeout=5_000)
    wait_ready(page, timeout)


def wait_ready(page: Page, timeout: float | None = None) -> None:
    """Wait until Streamlit has drawn the page and finished running the script (`timeout` in ms)."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


# Streamlit's own page navigation puts section headings inside its <ul> (axe: list, listitem); the
# app cannot change that markup, so it is left out of the scan and explained in docs/accessibility.md.
STREAMLIT_OWN = ['[data-testid="stSidebarNavItems"]']


def axe(page: Page) -> list[dict]:
    """axe-core's violations at WCAG 2.2 A and AA for the page as it stands.

    With JavaScript off axe cannot run in the page itself, so the page's DOM as that person sees it (no
    scripts, GOV.UK's conditional questions all shown) is checked in a scratch page beside it.
    """
    without_javascript = (
        "!!document.querySelector('.govuk-template__body') && !document.body.classList.contains('js-enabled')"
    )
    if page.evaluate(without_javascript):
        return _axe_of_copy(page)
    return _run_axe(page)


def _run_axe(page: Page) -> list[dict]:
    # evaluated as the test's own code, not added to the page: the forms' CSP rightly refuses inline scripts
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async (exclude) => await axe.run({exclude: exclude.map(s => [s])}, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})",
        STREAMLIT_OWN,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]],
            "html": [n["html"][:160] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]


def _axe_of_copy(page: Page) -> list[dict]:
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
    base = re.match(r"https?://[^/]+/", page.url)
    assert base is not None
    html = html.replace("<head>", f'<head><base href="{base.group(0)}">', 1)
    scratch = page.context.browser.new_page()  # type: ignore[union-attr]
    try:
        scratch.set_content(html, wait_until="load")
        return _run_axe(scratch)
    finally:
        scratch.close()


def shot(page: Page, name: str, folder: Path = SHOTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def enlarge_text(page: Page, percent: int = 200) -> None:
    """Resize the text only, as a browser's text-size setting does (Streamlit sizes its text in rem)."""
    page.evaluate(f"() => document.documentElement.style.fontSize = '{percent}%'")
    page.wait_for_timeout(300)


def text_cut_off(page: Page) -> list[str]:
    """Text in the main area that is cut off (by an ellipsis, the window or a clipping box), and heading
    words split across lines."""
    return page.evaluate("""() => {
      const lost = [];
      const leaves = [...document.querySelectorAll('[data-testid="stMain"] *')].filter(
        e => e.childElementCount === 0 && e.innerText && e.innerText.trim() && e.getClientRects().length);
      for (const e of leaves) {
        const r = e.getBoundingClientRect();
        let box = {left: 0, right: window.innerWidth};
        for (let a = e.parentElement; a; a = a.parentElement) {
          if (['hidden', 'clip', 'auto', 'scroll'].includes(getComputedStyle(a).overflowX)) {
            const ar = a.getBoundingClientRect();
            box = {left: Math.max(box.left, ar.left), right: Math.min(box.right, ar.right)};
          }
        }
        const ellipsis = getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1;
        if (ellipsis || r.left < box.left - 1 || r.right > box.right + 1) lost.push(e.innerText.trim().slice(0, 60));
      }
      for (const heading of document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3) span')) {
        const text = heading.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) continue;
        for (const m of text.data.matchAll(/[^\\s]+/g)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          if (range.getClientRects().length > 1) lost.push('split word: ' + m[0]);
        }
      }
      return lost;
    }""")
