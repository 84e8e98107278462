"""How to store a raw row compactly: today's JSON array text against DuckDB's own list of text (`varchar[]`)
and a struct of named text fields, for the same file's rows; seconds to write and bytes on disk, each format
in a database file of its own.

Run: .venv/bin/python -m bench.raw_payload [FOLDER]   (default /tmp/carers-bench, where `make bench` writes its
carers' files; the largest of them up to 1,000,000 rows is used). Not part of `make test`. Writes
bench/raw_payload.md.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

# (format, the expression that makes one row's payload from the file's columns, all read as text)
FORMATS = {
    "JSON array text (today)": "to_json([{columns}])::varchar",
    "varchar[]": "[{columns}]",
    "struct of named fields": "struct_pack({named})",
}


def measure(csv: Path) -> list[tuple[str, float, int]]:
    found = []
    for name, expression in FORMATS.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "raw.duckdb"
            con = duckdb.connect(str(path))
            con.execute(f"create temp view rows as select * from read_csv('{csv}', all_varchar = true)")
            columns = [row[0] for row in con.execute("describe rows").fetchall()]
            payload = expression.format(
                columns=", ".join(f'"{c}"' for c in columns), named=", ".join(f'"{c}" := "{c}"' for c in columns)
            )
            started = time.perf_counter()
            con.execute(f"create table raw as select row_number() over () as raw_id, {payload} as payload from rows")
            con.execute("checkpoint")
            seconds = time.perf_counter() - started
            con.close()
            found.append((name, seconds, path.stat().st_size))
    return found


def main(folder: Path) -> None:
    files = [p for p in folder.glob("carers_*.csv") if int(p.stem.split("_")[1]) <= 1_000_000]
    csv = max(files, key=lambda p: int(p.stem.split("_")[1]))
    lines = [
        "# Raw payload formats",
        "",
        f"Written by `make bench` (`bench/raw_payload.py`) from {csv.name}: each format in a database of its own.",
        "",
        "| raw payload | seconds to write | MB on disk |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {seconds:.1f} | {size / 1e6:.0f} |" for name, seconds, size in measure(csv)]
    (Path(__file__).parent / "raw_payload.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/carers-bench"))
