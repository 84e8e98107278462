"""`python -m pipelines sync-limesurvey`: sync every instrument set up for LimeSurvey, one line each."""

from __future__ import annotations

import sys

from pipelines.sources.limesurvey.sync import sync
from pipelines.sources.limesurvey.client import LimeSurveyProblem, configured
from surveys import CODES


def sync_limesurvey(con, args) -> int:
    """Exit 1 if any instrument failed; the others still sync (each lands all or nothing)."""
    codes = [args.survey] if args.survey else CODES
    failed = done = 0
    for code in codes:
        try:
            conn = configured(code)
            if conn is None:
                if args.survey:
                    print(f"{code}: LimeSurvey is not set up (set CARERS_MONITOR_LIMESURVEY_{code.upper()}_URL, "
                          "_USER, _PASSWORD and _SURVEY_ID, or [limesurvey.{code}] in .streamlit/secrets.toml)",
                          file=sys.stderr)
                    failed += 1
                continue
            print(sync(con, conn, include_incomplete=args.incomplete, full=args.full).message)
            done += 1
        except LimeSurveyProblem as problem:
            print(f"{code}: {problem}", file=sys.stderr)
            failed += 1
    if not done and not failed:
        print("no survey is set up for LimeSurvey: see docs/limesurvey.md")
    return 1 if failed else 0
