"""Demo scope for the demo waves, so non-response shows on demo data: every PCT is asked for its
return, every demo carers' organisation for its ratings, each with an @example.org contact.
"""

from __future__ import annotations

import duckdb

from pipelines.outreach.contacts import add_demo_contacts

ASKED = {"commissioner_return": "type = 'PCT'", "org_rating": "type = 'carers_org' and is_demo"}


def scope_demo_waves(con: duckdb.DuckDBPyConnection) -> int:
    """Fill the scope of demo waves that have none; returns the rows added."""
    added = 0
    for survey_code, which in ASKED.items():
        codes = [r[0] for r in con.execute(f"select code from organisations where {which} order by code").fetchall()]
        add_demo_contacts(con, codes)
        added += con.execute(
            "insert into wave_scope (wave_id, org_code, is_demo) "
            "select w.wave_id, c.code, true from waves as w cross join (select unnest(?) as code) as c "
            "where w.is_demo and w.survey_code = ? "
            "and w.wave_id not in (select wave_id from wave_scope)",
            [codes, survey_code],
        ).fetchall()[0][0]
    return added
