"""The command line: `python -m pipelines COMMAND`, each command a few lines calling a pipeline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.cli import commands, waves as wave_commands
from accounts.roles import ROLES
from accounts.errors import AccountError
from pipelines.errors import PipelineError
from surveys import CODES, DefinitionError
from warehouse.errors import DatabaseBusy, MigrationFailed


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m pipelines", description="Carers Monitor data pipelines.")
    top.add_argument("--db", help="database file (default: $CARERS_MONITOR_DB or data/carers.duckdb)")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("migrate", help="apply pending database migrations")
    sub.add_parser("reference", help="load the reference organisations and published figures")
    setup = sub.add_parser("setup", help="migrate, load reference data, and add demo data to a new database")
    setup.add_argument("--no-demo", action="store_true", help="do not add demo data")

    imp = sub.add_parser("import", help="import a CSV or Excel file of answers")
    imp.add_argument("file", type=Path)
    imp.add_argument("--survey", required=True, choices=CODES)
    imp.add_argument("--wave", help="the wave's period, e.g. 2011-Q3 (the wave must exist)")

    tpl = sub.add_parser("template", help="write the blank import template (CSV, codes, .xlsx)")
    tpl.add_argument("--survey", required=True, choices=CODES)
    tpl.add_argument("--out", type=Path, default=Path("."), help="folder to write into (default: here)")

    demo = sub.add_parser("demo", help="add (or with --remove, remove) the synthetic demo data")
    demo.add_argument("--carers", type=int, default=5000, help="carer experience responses (default 5000)")
    demo.add_argument("--seed", type=int, default=2011, help="random seed (default 2011)")
    demo.add_argument("--remove", action="store_true", help="remove everything marked demo")

    sub.add_parser("status", help="show what the database holds")

    add = sub.add_parser("add-user", help="create an account and print its password once (e.g. the first administrator)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--org", help="organisation code (required for carers_org and commissioner accounts)")
    add.add_argument("--name", help="display name")
    add.add_argument("--email", help="e-mail address (matched for single sign-on)")
    reset = sub.add_parser("reset-password", help="give an account a new random password (printed once) and unlock it")
    reset.add_argument("username")
    pack = sub.add_parser("board-pack", help="make the Carers Board's pack for a quarter (PDF or HTML)")
    pack.add_argument("--quarter", required=True, help="the quarter, e.g. 2011-Q3")
    pack.add_argument("--out", type=Path, required=True, help="file to write: .pdf or .html")
    wave_commands.add_parsers(sub)

    lime = sub.add_parser("sync-limesurvey", help="read new responses and participants from LimeSurvey")
    lime.add_argument("--survey", choices=CODES, help="one instrument (default: every one set up)")
    lime.add_argument("--incomplete", action="store_true", help="also take responses not yet submitted")
    lime.add_argument("--full", action="store_true", help="re-read every response (picks up edits)")

    lss = sub.add_parser("export-lss", help="write a LimeSurvey survey structure file (.lss) of a survey")
    lss.add_argument("--survey", required=True, choices=CODES)
    lss.add_argument("--out", type=Path, help="file to write (default: CODE.lss here)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return commands.run(args)
    except (PipelineError, AccountError, DatabaseBusy, MigrationFailed, DefinitionError) as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
