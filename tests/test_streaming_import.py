"""The streaming import (issue 20): memory that does not grow with the file, and all-or-nothing across chunks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from pipelines.demo.carers import carer_answers
from pipelines.outreach.waves import ensure_wave
from tests.conftest import ROOT, scalar
from warehouse.connection import connect

# a child process imports the file with small chunks and DuckDB's memory limit scaled down with them (so that
# 50,000 rows already reach it, as ten million do at the real sizes), and prints its own peak memory; when
# `crash_in_chunk` is set it is killed (SIGKILL, no clean-up of any kind) while validating that chunk
CHILD = """
import json, os, signal, sys
from pathlib import Path
import pipelines.landing.land as landing
from pipelines.sources.files import import_file
from pipelines.outreach.waves import find_wave
from warehouse.connection import connect

db, csv, chunk, crash_in_chunk = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
landing.CHUNK_ROWS = chunk
validate, seen = landing.validate, []
def validate_or_die(con, survey):
    seen.append(1)
    if len(seen) == crash_in_chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    validate(con, survey)
landing.validate = validate_or_die
con = connect(db)
con.execute("set memory_limit = '128MiB'")
result = import_file(con, Path(csv), "carer_experience", wave_id=find_wave(con, "carer_experience", "2011-Q3"))
# VmHWM, not getrusage's ru_maxrss: the kernel carries ru_maxrss over from the process that started this one
# (pytest's own memory, a floor that would hide any growth)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"landed": result.landed, "peak_kib": peak}))
"""
CHUNK = 25_000


def _carers_file(con, path: Path, rows: int) -> Path:
    """`rows` synthetic carers of councils that existed in 2011, as a CSV a council would send."""
    councils = [
        code
        for (code,) in con.execute(
            "select code from organisations where type = 'LA' and coalesce(valid_from, date '2000-01-01') <= "
            "date '2011-07-01' and coalesce(valid_to, date '2099-01-01') >= date '2011-09-30'"
        ).fetchall()
    ]
    carer_answers(np.random.default_rng(rows), rows, councils, start=0, seed=rows).to_csv(path, index=False)
    return path


def _import_in_child(db: Path, csv: Path, *, crash_in_chunk: int = 0) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(csv), str(CHUNK), str(crash_in_chunk)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_import_memory_does_not_grow_with_the_number_of_rows(db_path, tmp_path):
    con = connect(db_path)
    ensure_wave(con, "carer_experience", "2011-Q3")
    small, large = _carers_file(con, tmp_path / "small.csv", 50_000), _carers_file(con, tmp_path / "large.csv", 200_000)
    con.close()
    peaks = {}
    for name, csv in (("small", small), ("large", large)):
        db = tmp_path / f"{name}.duckdb"
        db.write_bytes(db_path.read_bytes())
        done = _import_in_child(db, csv)
        assert done.returncode == 0, done.stderr
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        assert outcome["landed"] > 0.9 * (50_000 if name == "small" else 200_000)
        peaks[name] = outcome["peak_kib"]
    assert peaks["large"] <= 1.5 * peaks["small"], peaks


def test_a_crash_in_the_middle_of_a_chunk_leaves_nothing_of_the_batch(db_path, tmp_path):
    con = connect(db_path)
    ensure_wave(con, "carer_experience", "2011-Q3")
    csv = _carers_file(con, tmp_path / "carers.csv", 3 * CHUNK)
    con.close()
    done = _import_in_child(db_path, csv, crash_in_chunk=2)  # the first chunk is stored, raw and typed, by then
    assert done.returncode == -9, done.stderr
    con = connect(db_path)
    for table in ("import_batches", "raw_submissions", "rejections", "response_carer_experience"):
        assert scalar(con, f"select count(*) from {table}") == 0, table
    con.close()
    done = _import_in_child(db_path, csv)  # and the same file then lands whole
    assert done.returncode == 0, done.stderr
    con = connect(db_path)
    assert scalar(con, "select count(*) from raw_submissions") == 3 * CHUNK
