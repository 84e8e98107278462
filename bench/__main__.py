"""`python -m bench [--sizes 100000,1000000,10000000] [--runs 3]`: measure, then write bench/results.md and the plot.

Each figure is taken `runs` times and given as min / median / max; ratios are of medians. The data (CSV files and
databases) are made in --work (default /tmp/carers-bench) and kept there, so a second run skips the generation.
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import streamlit

from bench import dataset, forms, marts, pages, report
from bench.carer_files import write_carers
from bench.measure import Figure, child, load, timed

HERE = Path(__file__).parent
SIZES = (100_000, 1_000_000, 10_000_000)


def import_command(db: Path, csv: Path) -> list[str]:
    """The real CLI, as an administrator runs it."""
    return [
        sys.executable,
        "-m",
        "pipelines",
        "--db",
        str(db),
        "import",
        str(csv),
        "--survey",
        "carer_experience",
        "--wave",
        dataset.IMPORT_WAVE,
    ]


def bare_command(db: Path, csv: Path) -> list[str]:
    """DuckDB alone reading the same file into a table: the floor any import is compared with."""
    sql = f"create table carers as select * from read_csv('{csv}')"
    return [sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}).execute({sql!r})"]


def measure_size(work: Path, size: int, runs: int) -> list[Figure]:
    template = dataset.commissioners_db(work)
    csv = write_carers(work / f"carers_{size}.csv", size, dataset.councils_of_import_wave(template))
    db = work / f"carers_{size}.duckdb"
    bare_db = work / "bare.duckdb"
    figures = {name: Figure(name, size) for name in ("import", "bare read_csv", "re-import", "start-up")}
    for _ in range(runs):
        for name, command, target in (
            ("import", import_command(db, csv), db),
            ("bare read_csv", bare_command(bare_db, csv), bare_db),
        ):
            seconds, peak = child(
                command,
                before=lambda t=target: dataset.fresh_copy(template, t) if t == db else t.unlink(missing_ok=True),
            )
            figures[name].seconds.append(seconds)
            figures[name].peak_mib.append(peak)
    for _ in range(runs):
        seconds, peak = child(import_command(db, csv))
        figures["re-import"].seconds.append(seconds)
        figures["re-import"].peak_mib.append(peak)
    dataset.spread_over_waves(db)
    for _ in range(runs):
        seconds, peak = child(pages.start_up_command(db))
        figures["start-up"].seconds.append(seconds)
        figures["start-up"].peak_mib.append(peak)
    found = list(figures.values())
    found.append(
        Figure("database MB per million responses", size, note=f"{db.stat().st_size / 1e6 / (size / 1e6):.0f}")
    )
    period = dataset.PERIODS[-1]
    for name, (cold, warm) in marts.mart_times(db, period, runs).items():
        found.append(Figure(f"mart: {name}, cold", size, [cold]))
        found.append(Figure(f"mart: {name}, warm", size, warm))
    frame = marts.carer_frame(db)
    found.append(
        Figure("pandas: carer measures, one wave", size, timed(lambda: marts.pandas_headlines(frame, period), runs))
    )
    found.append(
        Figure("pandas: carer measures, all waves", size, timed(lambda: marts.pandas_headlines(frame, None), runs))
    )
    for name, (cold, warm) in pages.page_times(db, runs).items():
        found.append(Figure(f"page: {name}, cold", size, [cold]))
        found.append(Figure(f"page: {name}, warm", size, warm))
    found.append(Figure("board pack (HTML and PDF)", size, pages.pack_seconds(db, period, runs)))
    found.append(Figure("quarterly review in Chromium, to its last chart", size, pages.browser_seconds(db, runs)))
    rate, journeys = forms.submissions(db, clients=32, journeys=2)
    found.append(
        Figure("a carer's whole form journey, 32 at once", size, journeys, note=f"{rate:.1f} submissions a second")
    )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="carer responses, comma separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/carers-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    started, load_before = datetime.now(), load()
    figures = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"measuring {size:,} carer responses", flush=True)
        figures += measure_size(args.work, size, args.runs)
        report.write(HERE, figures, machine(started, load_before, args.runs))
    print(f"wrote {HERE / 'results.md'}")
    return 0


def machine(started: datetime, load_before: str, runs: int) -> dict[str, str]:
    return {
        "date": f"{started:%Y-%m-%d %H:%M} UTC",
        "machine": f"{platform.machine()}, {_cores()} cores, {_memory_gib():.0f} GiB, {platform.platform()}",
        "versions": f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"Streamlit {streamlit.__version__}",
        "load": f"load average (1 / 5 / 15 min) {load_before} at the start, {load()} at the end",
        "runs": f"{runs} runs of each figure (min / median / max)",
    }


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def _memory_gib() -> float:
    text = Path("/proc/meminfo").read_text()
    return int(text.split()[1]) / 2**20


if __name__ == "__main__":
    sys.exit(main())
