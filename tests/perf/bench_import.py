"""Times the foundation's bulk paths on this machine: demo generation and CSV import of N carer rows.

Run: .venv/bin/python tests/perf/bench_import.py [N]   (default 1,000,000). Not part of `make test`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import settings
from pipelines.demo.carers import carer_answers
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from pipelines.reference import load_reference
from pipelines.sources.files import import_file
from warehouse.connection import connect
from warehouse.prepare import prepare


def fresh_db(folder: Path, name: str) -> duckdb.DuckDBPyConnection:
    con = connect(folder / name)
    prepare(con)
    load_reference(con, settings.read().reference_dir)
    return con


def main(n: int) -> None:
    import numpy as np

    folder = Path(tempfile.mkdtemp(prefix="carers-bench-"))
    con = fresh_db(folder, "demo.duckdb")
    councils = [
        r[0] for r in con.execute("select code from organisations where type = 'LA' and valid_from is null").fetchall()
    ]
    started = time.perf_counter()
    frame = carer_answers(np.random.default_rng(1), n, councils, start=0, seed=1)
    made = time.perf_counter() - started
    result = land(con, "carer_experience", frame, source="demo", demo=True)
    demo_seconds = time.perf_counter() - started
    print(f"demo: {n:,} carer rows generated in {made:.1f} s, landed ({result.landed:,}) in {demo_seconds:.1f} s total")
    csv = folder / "carers.csv"
    frame.drop(columns=["REF"]).to_csv(csv, index=False)
    con.close()
    print(f"csv: {csv.stat().st_size / 1e6:.0f} MB")

    con = fresh_db(folder, "import.duckdb")
    started = time.perf_counter()
    bare = con.execute(f"select count(*) from read_csv('{csv}', header = true, all_varchar = true)").fetchall()[0][0]
    print(f"bare DuckDB read_csv of the same file: {bare:,} rows in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    wave = ensure_wave(con, "carer_experience", "2011-Q3")  # a file without completion dates needs its wave
    result = import_file(con, csv, "carer_experience", wave_id=wave)
    print(
        f"import: {result.landed:,} landed, {result.quarantined:,} quarantined in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    again = import_file(con, csv, "carer_experience", wave_id=wave)
    print(
        f"re-import: {again.landed:,} landed, {again.already_present:,} already present "
        f"in {time.perf_counter() - started:.1f} s"
    )
    con.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
