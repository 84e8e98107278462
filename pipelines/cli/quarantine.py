"""CLI commands for the quarantine: list what waits, try a batch again, reject a row for good."""

from __future__ import annotations

from pipelines.cli.database import with_database
from pipelines.landing import quarantine


def add_parsers(sub) -> None:
    top = sub.add_parser("quarantine", help="list quarantined rows, try a batch again, or reject a row for good")
    actions = top.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the rows waiting, by batch, with each problem")
    listing.add_argument("--batch", type=int, help="one batch only")
    listing.set_defaults(run=list_quarantine)
    again = actions.add_parser("retry", help="land a batch's quarantined rows again (after fixing the cause)")
    again.add_argument("batch", type=int)
    again.set_defaults(run=retry_batch)
    rejecting = actions.add_parser("reject", help="reject one quarantined row for good")
    rejecting.add_argument("raw_id", type=int, help="the row's raw id, as `quarantine list` shows it")
    rejecting.add_argument("--reason", required=True, help="why it is rejected")
    rejecting.set_defaults(run=reject_row)


@with_database
def list_quarantine(con, args, config) -> int:
    rows = quarantine.open_rows(con, args.batch)
    if rows.empty:
        print("nothing is waiting in quarantine")
        return 0
    for batch, lines in rows.groupby("batch_id", sort=False):
        first = lines.iloc[0]
        print(
            f"batch {batch} ({first.survey_code}, {first.file_name or first.source}): "
            f"{lines['raw_id'].nunique()} row(s)"
        )
        for line in lines.itertuples():
            print(f"  row {line.row_number}, {line.field}: {line.reason} (raw id {line.raw_id})")
    return 0


@with_database
def retry_batch(con, args, config) -> int:
    result = quarantine.retry(con, args.batch, by="cli")
    print(f"batch {args.batch} tried again: {result.landed} landed, {result.quarantined} still quarantined")
    return 0


@with_database
def reject_row(con, args, config) -> int:
    quarantine.reject(con, args.raw_id, by="cli", reason=args.reason)
    print(f"row {args.raw_id} rejected for good: {args.reason}")
    return 0
