"""Synthetic carer-response CSV files of any size, written a million rows at a time (memory stays flat)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np

from pipelines.demo.carers import carer_answers

CHUNK = 1_000_000


def councils(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The councils a carer's AREA may name: every current LA of the reference data."""
    sql = "select code from organisations where type = 'LA' and valid_to is null order by code"
    return [row[0] for row in con.execute(sql).fetchall()]


def write_carers(path: Path, rows: int, areas: list[str], *, seed: int = 1) -> Path:
    """`rows` carers as a council would export them (one REF each, unique across the file), header first."""
    if path.exists() and path.with_suffix(".rows").exists() and path.with_suffix(".rows").read_text() == str(rows):
        return path  # made before with the same size: generating 10 million rows again costs a minute
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        for start in range(0, rows, CHUNK):
            frame = carer_answers(rng, min(CHUNK, rows - start), areas, start=start, seed=seed)
            frame.to_csv(out, index=False, header=start == 0)
    path.with_suffix(".rows").write_text(str(rows))
    return path
