"""CLI commands for LimeSurvey: sync every instrument set up for it, and write a survey's .lss file."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.cli.database import with_database
from pipelines.errors import PipelineError
from pipelines.sources.limesurvey.client import configured
from pipelines.sources.limesurvey.lss_export import write_lss
from pipelines.sources.limesurvey.sync import sync
from surveys import CODES


def add_parsers(sub) -> None:
    lime = sub.add_parser("sync-limesurvey", help="read new responses and participants from LimeSurvey")
    lime.add_argument("--survey", choices=CODES, help="one instrument (default: every one set up)")
    lime.add_argument("--incomplete", action="store_true", help="also take responses not yet submitted")
    lime.add_argument(
        "--full", action="store_true", help="hand every response to the landing again, changed or not (for checks)"
    )
    lime.set_defaults(run=sync_limesurvey)
    lss = sub.add_parser("export-lss", help="write a LimeSurvey survey structure file (.lss) of a survey")
    lss.add_argument("--survey", required=True, choices=CODES)
    lss.add_argument("--out", type=Path, help="file to write (default: CODE.lss here)")
    lss.set_defaults(run=export_lss)


def export_lss(args, config) -> int:
    print(f"wrote {write_lss(args.survey, args.out)}")
    return 0


@with_database
def sync_limesurvey(con, args, config) -> int:
    """Exit 1 if any instrument failed; the others still sync (each lands all or nothing, with its own line)."""
    codes = [args.survey] if args.survey else CODES
    failed = done = 0
    for code in codes:
        try:
            conn = configured(code)
            if conn is None:
                if args.survey:
                    print(
                        f"{code}: LimeSurvey is not set up (set CARERS_MONITOR_LIMESURVEY_{code.upper()}_URL, "
                        "_USER, _PASSWORD and _SURVEY_ID, or [limesurvey.{code}] in .streamlit/secrets.toml)",
                        file=sys.stderr,
                    )
                    failed += 1
                continue
            print(sync(con, conn, include_incomplete=args.incomplete, full=args.full).message)
            done += 1
        except PipelineError as problem:  # LimeSurvey's refusals, a wave that does not exist, land() refusing
            print(f"{code}: {problem}", file=sys.stderr)
            failed += 1
    if not done and not failed:
        print("no survey is set up for LimeSurvey: see docs/limesurvey.md")
    return 1 if failed else 0
