"""Carers' form submissions a second through the forms' real HTTP path: the app served as `make run` serves it
(`streamlit run app.py`, one process), and 32 clients at once on loopback, each a carer going through the
whole survey without JavaScript (start, every page, check, send) as tests/form_filling.py's client does.

`python -m bench.forms DB [--clients 32] [--journeys 4]` prints submissions a second and a journey's seconds.
The database is copied first, so the one measured is left as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench.pages import free_port
from tests.form_filling import CARER, FormClient, open_current_waves
from warehouse.connection import connect

ROOT = Path(__file__).resolve().parents[1]


def served(db: Path, port: int) -> subprocess.Popen:
    """The app on `port`, answering /healthz, as `make run` starts it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--", "--db", str(db)],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the app did not start within two minutes")


def journey(base: str) -> float:
    """One carer from the start page to the confirmation; seconds taken."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, follow_redirects=True, timeout=120) as client:
        carer = FormClient("carer_experience", client)  # type: ignore[arg-type]
        carer.start()
        carer.answer_all(CARER)
        carer.post()
        if not carer.path.endswith("/done"):
            raise RuntimeError(f"a submission ended on {carer.path}")
    return time.perf_counter() - started


def submissions(db: Path, clients: int, journeys: int) -> tuple[float, list[float]]:
    """(submissions a second, every journey's seconds) for `clients` carers at once, `journeys` each."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "forms.duckdb"
        shutil.copy(db, copy)
        con = connect(copy)
        open_current_waves(con)
        con.close()
        port = free_port()
        process = served(copy, port)
        try:
            base = f"http://127.0.0.1:{port}"
            journey(base)  # the first page of a fresh process compiles its templates
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=clients) as pool:
                seconds = list(pool.map(lambda _: journey(base), range(clients * journeys)))
            elapsed = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(30)
    return clients * journeys / elapsed, seconds


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.forms", description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--journeys", type=int, default=4)
    args = parser.parse_args()
    rate, seconds = submissions(args.db, args.clients, args.journeys)
    print(
        f"{args.clients} clients, {len(seconds)} submissions: {rate:.1f} a second; a journey "
        f"{min(seconds):.2f} / {statistics.median(seconds):.2f} / {max(seconds):.2f} s (min / median / max)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
