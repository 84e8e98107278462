"""CLI commands for answer files: import one, or write the blank template to fill in."""

from __future__ import annotations

import time
from pathlib import Path

from tqdm import tqdm

from pipelines.cli.database import with_database
from pipelines.outreach.waves import find_wave
from pipelines.sources.files import import_file, summary
from pipelines.sources.template import write_template
from surveys import CODES
from warehouse.status import rows_without_a_wave


def add_parsers(sub) -> None:
    imp = sub.add_parser("import", help="import a CSV or Excel file of answers")
    imp.add_argument("file", type=Path)
    imp.add_argument("--survey", required=True, choices=CODES)
    imp.add_argument("--wave", help="the wave's period, e.g. 2011-Q3 (the wave must exist)")
    imp.set_defaults(run=import_answers)
    tpl = sub.add_parser("template", help="write the blank import template (CSV, codes, .xlsx)")
    tpl.add_argument("--survey", required=True, choices=CODES)
    tpl.add_argument("--out", type=Path, default=Path("."), help="folder to write into (default: here)")
    tpl.set_defaults(run=template)


def template(args, config) -> int:
    for path in write_template(args.survey, args.out):
        print(f"wrote {path}")
    return 0


@with_database
def import_answers(con, args, config) -> int:
    wave_id = find_wave(con, args.survey, args.wave) if args.wave else None
    started = time.perf_counter()
    # the bar closes (ending its line) before any message, also when the file is refused
    with tqdm(total=4, desc="importing", unit="step", bar_format="{desc}: {n}/{total} {bar} {elapsed}") as bar:

        def step(stage: str) -> None:
            bar.set_description(stage)
            bar.update(1)

        result = import_file(con, args.file, args.survey, wave_id=wave_id, progress=step)
    seconds = time.perf_counter() - started
    print("\n".join(summary(args.file.name, result, seconds, without_wave=rows_without_a_wave(con))))
    return 0
