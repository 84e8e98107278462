"""Times each page's mart queries on a database (for example one with a million carers).

Run: .venv/bin/python tests/perf/time_marts.py /tmp/big.duckdb   Not part of `make test`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from warehouse.connection import connect
from warehouse.prepare import prepare

QUERIES = {
    "plan status (one wave)": "select * from mart_plan_status where period = '2011-Q3'",
    "plan status, one SHA (filter)": "select * from plan_status_shares('Q30', null) where period = '2011-Q3'",
    "league table": "select * from mart_plan_status_by_commissioner where period = '2011-Q3'",
    "repeat non-responders": "select * from mart_repeat_non_responders where period = '2011-Q3'",
    "co-production headlines": "select * from mart_coproduction_headlines where period = '2011-Q3'",
    "co-production headlines, PCTs of one SHA (filter)": (
        "select * from coproduction_headlines('Q30', 'PCT') where period = '2011-Q3'"
    ),
    "breaks money": "select * from mart_breaks_money where period = '2011-Q3'",
    "carer measures, all areas": "select * from mart_carer_experience where period = '2011-Q3' and breakdown = 'all'",
    "carer measures, by area": "select * from mart_carer_experience where period = '2011-Q3' and breakdown = 'area'",
    "carer measures, by age band": (
        "select * from mart_carer_experience where period = '2011-Q3' and breakdown = 'age_band'"
    ),
    "carer trend": "select * from mart_carer_experience where breakdown = 'all'",
    "comment themes": "select * from mart_comment_themes where period = '2011-Q3'",
    "comments search": (
        "select comment from mart_carer_comments where period = '2011-Q3' and comment ilike '%break%' limit 500"
    ),
}


def main(path: str) -> None:
    con = connect(path)
    prepare(con)
    rows = con.execute("select count(*) from response_carer_experience").fetchall()[0][0]
    print(f"{rows:,} carer responses")
    for name, sql in QUERIES.items():
        started = time.perf_counter()
        con.execute(sql).fetchall()
        print(f"{name:32} {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])
