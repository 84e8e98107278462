"""Times a first LimeSurvey sync of N responses and 253 participants against a real server (issue 19).

Run: LIMESURVEY_URL=... LIMESURVEY_USER=... LIMESURVEY_PASSWORD=... LIMESURVEY_PSQL='psql -h 127.0.0.1 -p 5463
-U limesurvey -d limesurvey' .venv/bin/python -m bench.limesurvey_sync [N]   (default 20,000).
Not part of `make test`. RC2 adds one response a call, so the survey gets 16 responses through the API
and the rest as copies made in the server's own database (`LIMESURVEY_PSQL`, a psql command line).
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings
from pipelines.outreach.waves import ensure_wave
from pipelines.reference import load_reference
from pipelines.sources.limesurvey.client import Connection
from pipelines.sources.limesurvey.lss_export import lss
from pipelines.sources.limesurvey.sync import sync
from tests.test_limesurvey_live import AREA, LIVE, SURVEY, answers, columns_of, live_client, unused_sid
from warehouse.connection import connect
from warehouse.prepare import prepare

PARTICIPANTS = 253
BY_API = 16


def seeded_survey(n: int) -> int:
    """A new active survey with PARTICIPANTS participants and n completed responses."""
    with live_client() as lime:
        sid = lime.import_survey(io.BytesIO(lss(SURVEY, unused_sid()).encode()), "lss")
        lime.activate_survey(sid)
        lime.activate_tokens(sid)
        people = [{"firstname": f"P{i}", "email": f"p{i}@example.invalid"} for i in range(PARTICIPANTS)]
        tokens = [p["token"] for p in lime.add_participants(sid, participant_data=people)]
        columns = columns_of(lime, sid)
        for token in tokens[:BY_API]:
            lime.add_response(sid, {"token": token, **{columns[f]: v for f, v in answers().items()}})
    copies = n - BY_API
    psql(f"""
        insert into lime_survey_{sid} (submitdate, lastpage, startlanguage, seed, startdate, datestamp,
            {", ".join(f'"{c}"' for c in columns.values())})
        select r.submitdate, r.lastpage, r.startlanguage, r.seed, r.startdate, r.datestamp,
            {", ".join(f'r."{c}"' for c in columns.values())}
        from lime_survey_{sid} as r cross join generate_series(1, {copies // BY_API + 1})
        limit {copies}
    """)
    return sid


def psql(statement: str) -> None:
    subprocess.run([*shlex.split(os.environ["LIMESURVEY_PSQL"]), "-q", "-c", statement], check=True)


def main(n: int) -> None:
    sid = seeded_survey(n)
    con = connect(Path(tempfile.mkdtemp(prefix="carers-bench-")) / "bench.duckdb")
    prepare(con)
    load_reference(con, settings.read().reference_dir)
    ensure_wave(con, SURVEY, "2026-Q1")
    conn = Connection(SURVEY, LIVE["URL"], LIVE["USER"], LIVE["PASSWORD"], sid, wave="2026-Q1", org=AREA, timeout=600)
    started = time.perf_counter()
    first = sync(con, conn)
    took = time.perf_counter() - started
    print(f"first sync of survey {sid}: {took:.1f} s: {first.message}")
    started = time.perf_counter()
    again = sync(con, conn)
    print(f"second sync: {time.perf_counter() - started:.1f} s: {again.message}")
    with live_client() as lime:
        lime.delete_survey(sid)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
