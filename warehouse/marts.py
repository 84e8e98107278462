"""Creates the metric views and macros: every `.sql` file in warehouse/marts/, helpers (`int_`) before marts.

A file may hold a table macro and the view that calls it (`create or replace macro ...; create or replace
view ...`): the macro is replaced in place, and the view is retried like any other until what it reads exists.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

FOLDER = Path(__file__).parent / "marts"


def mart_files() -> list[Path]:
    files = sorted(FOLDER.glob("*.sql"))
    return [p for p in files if p.name.startswith("int_")] + [p for p in files if not p.name.startswith("int_")]


def create_marts(con: duckdb.DuckDBPyConnection, suppress_below: int = 5) -> list[str]:
    """(Re)create every view; views are `create or replace`, so this is safe on every start.

    `$suppress_below` in a mart is the suppression threshold from settings, written into the view
    (a view cannot take parameters, and a DuckDB variable is not shared by a connection's cursors).
    """
    # drop the views of an earlier start first: one built on an older definition fails to rebind
    old = con.execute(
        "select view_name from duckdb_views() where not internal and not temporary "
        "and (starts_with(view_name, 'int_') or starts_with(view_name, 'mart_'))"
    ).fetchall()
    for (name,) in old:
        con.execute(f'drop view if exists "{name}"')
    pending = mart_files()
    while pending:  # a view may read another view: create what can be created, then retry the rest
        failed = []
        for path in pending:
            try:
                con.execute(path.read_text(encoding="utf-8").replace("$suppress_below", str(int(suppress_below))))
            except duckdb.CatalogException:
                failed.append(path)
        if len(failed) == len(pending):
            con.execute(failed[0].read_text(encoding="utf-8"))  # raises the real error, naming what is missing
        pending = failed
    return [p.stem for p in mart_files()]
