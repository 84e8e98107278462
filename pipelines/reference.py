"""Loads the real reference data (this repository's reference/ folder) into the warehouse, replacing the last load."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.errors import ReferenceMissing

# reference file -> (table, the SQL that replaces its content from `read_csv`)
_STATEMENTS = Path(__file__).parent / "sql" / "load_reference.sql"
FILES = ("organisations.csv", "org_successions.csv", "england_carer_measures.csv", "council_carer_measures.csv")


def load_reference(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Upsert organisations, replace successions and published measures; one transaction."""
    missing = [name for name in FILES if not (folder / name).exists()]
    if missing:
        raise ReferenceMissing(
            f"The reference data is not where it should be ({folder}): missing {', '.join(missing)}. "
            "It belongs in this repository's reference/ folder, or set CARERS_MONITOR_REFERENCE to another folder."
        )
    con.begin()
    try:
        for statement in _STATEMENTS.read_text(encoding="utf-8").split(";\n"):
            if statement.strip():
                con.execute(statement.replace("$folder", str(folder).replace("'", "''")))
        con.commit()
    except Exception:
        con.rollback()
        raise
    counts = con.execute(
        "select type, count(*) from organisations where type <> 'carers_org' group by type order by type"
    ).fetchall()
    result = dict(counts)
    result["successions"] = con.execute("select count(*) from org_successions").fetchall()[0][0]
    return result
