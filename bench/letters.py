"""Times making N postal invitation letters (one PDF, one page each, with a QR code and token each).

Run: .venv/bin/python -m bench.letters [N]   (default 10,000). Not part of `make test`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from pipelines.outreach.letters import make_invitation_letters
from pipelines.outreach.waves import open_wave
from warehouse.connection import connect
from warehouse.prepare import prepare


def main(n: int) -> None:
    folder = Path(tempfile.mkdtemp())
    con = connect(folder / "letters.duckdb")
    prepare(con)
    wave = open_wave(con, "carer_experience", "2011-Q3", date.today(), date.today() + timedelta(days=42), [])
    sample = pd.DataFrame(
        {
            "sample_ref": [f"S{i:06d}" for i in range(n)],
            "address": [f"Carer {i} (fictional, demo)|{i} Example Street|Example Town|ZZ1 1ZZ" for i in range(n)],
        },
        dtype="string",
    )
    started = time.perf_counter()
    pages = make_invitation_letters(con, wave, sample, folder / "letters.pdf", public_url="https://monitor.example.org")
    seconds = time.perf_counter() - started
    size = (folder / "letters.pdf").stat().st_size / 1e6
    print(f"{pages:,} letters in {seconds:.1f} s ({size:.1f} MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
