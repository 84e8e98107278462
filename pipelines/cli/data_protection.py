"""CLI commands for data protection: delete one response, purge by the retention rules, back up and restore."""

from __future__ import annotations

from pathlib import Path

from pipelines.cli.database import with_database
from pipelines.sources import retention
from warehouse import backup as backups
from warehouse.connection import connect
from warehouse.errors import BackupRefused, DatabaseBusy
from warehouse.prepare import prepare


def add_parsers(sub) -> None:
    delete = sub.add_parser("delete-response", help="delete one carer's or organisation's response by its reference")
    delete.add_argument("reference", help="the reference on the confirmation page or receipt, e.g. CE-1A2B3-C4D5E")
    delete.add_argument("--reason", required=True, help="why, for the audit log (e.g. the carer's request and date)")
    delete.add_argument("--by", default="command line", help="who asked for it, for the audit log")
    delete.set_defaults(run=delete_response)
    purge = sub.add_parser("purge", help="apply the retention rules now (the app does it daily while it serves)")
    purge.add_argument("--retention-years", type=int, help="years raw rows are kept after their wave closes")
    purge.set_defaults(run=purge_now)
    take = sub.add_parser("backup", help="back up the database into a new folder, with a SHA256SUMS manifest")
    take.add_argument("folder", type=Path, help="a new or empty folder")
    take.set_defaults(run=backup)
    back = sub.add_parser("restore", help="rebuild the database from a backup folder (checked against its manifest)")
    back.add_argument("folder", type=Path, help="a folder made by backup")
    back.add_argument("--replace", action="store_true", help="overwrite the database file if it exists")
    back.set_defaults(run=restore)


@with_database
def delete_response(con, args, config) -> int:
    done = retention.delete_response(con, args.reference, by=args.by, reason=args.reason)
    rows = ", ".join(f"{n} from {table}" for table, n in done.rows.items() if n)
    print(f"Deleted the response {done.reference}: {rows}; the audit log records who, when and why.")
    return 0


@with_database
def purge_now(con, args, config) -> int:
    years = args.retention_years or config.retention_years
    print(retention.purge(con, retention_years=years, by="command line").sentence())
    return 0


def backup(args, config) -> int:
    try:
        con = connect(config.db_path)
    except DatabaseBusy:
        raise BackupRefused(
            f"The app is serving {config.db_path}, so it holds the database; it backs itself up each day into "
            "CARERS_MONITOR_BACKUP_DIR, or stop it and run backup again."
        ) from None
    try:
        prepare(con, config.suppression_threshold)
        manifest = backups.backup(con, args.folder)
    finally:
        con.close()
    print(f"Backed up {config.db_path} into {args.folder}; checksums in {manifest.name}.")
    return 0


def restore(args, config) -> int:
    backups.restore(args.folder, config.db_path, replace=args.replace)
    print(f"Restored {config.db_path} from {args.folder}.")
    return 0
