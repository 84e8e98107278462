"""CLI commands for the database itself: migrate, reference data, setup, status and the demo data."""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable

import duckdb

from accounts import users
from pipelines.demo.dataset import generate, remove_demo
from pipelines.reference import load_reference
from settings import Settings
from warehouse.connection import connect
from warehouse.prepare import prepare
from warehouse.status import table_counts

Command = Callable[[argparse.Namespace, Settings], int]
DatabaseCommand = Callable[[duckdb.DuckDBPyConnection, argparse.Namespace, Settings], int]


def with_database(command: DatabaseCommand) -> Command:
    """Run `command` on the settings' database, migrated first and closed after, whatever happens."""

    @functools.wraps(command)
    def run(args: argparse.Namespace, config: Settings) -> int:
        con = connect(config.db_path)
        try:
            prepare(con, config.suppression_threshold)
            return command(con, args, config)
        finally:
            con.close()

    return run


def add_parsers(sub) -> None:
    sub.add_parser("migrate", help="apply pending database migrations").set_defaults(run=migrate)
    sub.add_parser("reference", help="load the reference organisations and published figures").set_defaults(
        run=reference
    )
    setup_parser = sub.add_parser("setup", help="migrate, load reference data, and add demo data to a new database")
    setup_parser.add_argument("--no-demo", action="store_true", help="do not add demo data")
    setup_parser.set_defaults(run=setup)
    demo_parser = sub.add_parser("demo", help="add (or with --remove, remove) the synthetic demo data")
    demo_parser.add_argument("--carers", type=int, default=5000, help="carer experience responses (default 5000)")
    demo_parser.add_argument("--seed", type=int, default=2011, help="random seed (default 2011)")
    demo_parser.add_argument("--remove", action="store_true", help="remove everything marked demo")
    demo_parser.set_defaults(run=demo)
    sub.add_parser("status", help="show what the database holds").set_defaults(run=status)


@with_database
def migrate(con, args, config) -> int:
    return 0  # `with_database` has applied the pending migrations


@with_database
def reference(con, args, config) -> int:
    _load_reference(con, config)
    return 0


@with_database
def setup(con, args, config) -> int:
    fresh = _is_new(con)
    _load_reference(con, config)
    if fresh and not args.no_demo:
        print("new database: adding demo data (5,000 carers, 4 waves of 2011/12)...")
        _add_demo(con, carers=5000, seed=2011)
        _add_demo_accounts(con)
    print(f"database ready: {config.db_path}")
    return 0


@with_database
def demo(con, args, config) -> int:
    if args.remove:
        removed = remove_demo(con)
        print("demo data removed: " + ", ".join(f"{n:,} from {t}" for t, n in removed.items() if n))
        return 0
    if _is_new(con):  # the demo data is drawn over the real organisations, so load them first
        _load_reference(con, config)
    _add_demo(con, carers=args.carers, seed=args.seed)
    return 0


@with_database
def status(con, args, config) -> int:
    for table, rows in table_counts(con):
        print(f"{table:32} {rows:>12,}")
    return 0


def _is_new(con) -> bool:
    return con.execute("select count(*) from organisations").fetchall()[0][0] == 0


def _load_reference(con, config: Settings) -> None:
    counts = load_reference(con, config.reference_dir)
    print("reference data loaded: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))


def _add_demo(con, *, carers: int, seed: int) -> None:
    started = time.perf_counter()
    counts = generate(con, carers=carers, seed=seed)
    print(
        f"demo data landed in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{n:,} {survey}" for survey, n in counts.items())
    )


def _add_demo_accounts(con) -> None:
    print("demo accounts (DEMO ONLY, never for real data; passwords shown this once):")
    for username, role, org_code, password in users.add_demo_accounts(con):
        print(f"  {username:22} {role:14} {org_code or '':8} {password}")
