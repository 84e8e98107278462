"""What the database holds: rows per table and the last import, for the home page and `status`."""

from __future__ import annotations

import duckdb


def table_counts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() "
            "where not temporary and database_name = current_database() order by table_name"
        ).fetchall()
    ]
    if not tables:
        return []
    union = " union all ".join(f"select '{t}', count(*) from \"{t}\"" for t in tables)
    return [tuple(r) for r in con.execute(union).fetchall()]


def last_import(con: duckdb.DuckDBPyConnection) -> dict | None:
    rows = con.execute(
        "select survey_code, source, file_name, received_at, rows_received, landed, quarantined, already_present "
        "from import_batches order by batch_id desc limit 1"
    ).df()
    return None if rows.empty else rows.iloc[0].to_dict()


def rows_without_a_wave(con: duckdb.DuckDBPyConnection) -> int:
    """Current answers that belong to no wave: they show on no page, so the home page says how many."""
    return con.execute(
        "select (select count(*) from response_carer_experience where is_current and wave_id is null) "
        "+ (select count(*) from response_org_rating where is_current and wave_id is null) "
        "+ (select count(*) from response_commissioner_return where is_current and wave_id is null)"
    ).fetchall()[0][0]
