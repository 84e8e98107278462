"""The command line: `python -m pipelines COMMAND`; each area's commands live in a module of their own here.

Each area module has `add_parsers(sub)`, which gives every command its `run(args, settings)`."""

from __future__ import annotations

import argparse
import sys

import settings
from accounts.errors import AccountError
from pipelines.cli import (
    accounts,
    board,
    data_protection,
    database,
    files,
    limesurvey,
    organisations,
    quarantine,
    waves,
)
from pipelines.errors import PipelineError
from surveys import DefinitionError
from warehouse.connection import private_files
from warehouse.errors import BackupRefused, DatabaseBusy, MigrationFailed

# the order of `--help`: the database first, then what a council does with it
AREAS = (database, data_protection, organisations, files, quarantine, waves, accounts, board, limesurvey)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m pipelines", description="Carers Monitor data pipelines.")
    top.add_argument("--db", help="database file (default: $CARERS_MONITOR_DB or data/carers.duckdb)")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for area in AREAS:
        area.add_parsers(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    private_files()  # every file a command writes (packs, letters, templates, backups) is the owner's alone
    try:
        return args.run(args, settings.read(args.db))
    except (
        PipelineError,
        AccountError,
        BackupRefused,
        DatabaseBusy,
        MigrationFailed,
        DefinitionError,
        settings.SettingRefused,
    ) as error:
        print(error, file=sys.stderr)
        return 1
