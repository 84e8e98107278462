"""Creates the metric views and macros: every `.sql` file in warehouse/marts/, helpers (`int_`) before marts.

A file may hold a table macro and the view that calls it (`create or replace macro ...; create or replace
view ...`): the macro is replaced in place, and the view is retried like any other until what it reads exists.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from warehouse import aggregates

FOLDER = Path(__file__).parent / "marts"
CREATED = re.compile(r"create or replace (?:view|macro) (\w+)", re.IGNORECASE)


def mart_files() -> list[Path]:
    files = sorted(FOLDER.glob("*.sql"))
    return [p for p in files if p.name.startswith("int_")] + [p for p in files if not p.name.startswith("int_")]


def create_marts(con: duckdb.DuckDBPyConnection, suppress_below: int = 5) -> list[str]:
    """(Re)create every view; views are `create or replace`, so this is safe on every start.

    `$suppress_below` in a mart is the suppression threshold from settings, written into the view
    (a view cannot take parameters, and a DuckDB variable is not shared by a connection's cursors).
    """
    digest = _digest(con, suppress_below)
    if _built_from(con) == digest:
        return [p.stem for p in mart_files()]  # the same definitions: rebuilding would change nothing
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
    con.begin()
    try:  # the indicators may be defined anew: the carers' sums are made again from the responses
        aggregates.recompute(con)
        con.execute("delete from mart_definitions")
        con.execute("insert into mart_definitions (digest) values (?)", [digest])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return [p.stem for p in mart_files()]


def _digest(con: duckdb.DuckDBPyConnection, suppress_below: int) -> str:
    """What the views are built from: every mart file's SQL, the threshold, the schema's version and DuckDB's."""
    schema = con.execute("select max(version) from schema_version").fetchall()[0][0]
    digest = hashlib.sha256(f"{int(suppress_below)} {schema} {duckdb.__version__}".encode())
    for path in mart_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _built_from(con: duckdb.DuckDBPyConnection) -> str | None:
    """The digest the views were last built from, if every view and macro the mart files create still exists."""
    found = con.execute("select max(digest) from mart_definitions").fetchall()[0][0]
    existing = {
        name
        for (name,) in con.execute(
            "select view_name from duckdb_views() where not internal and not temporary union "
            "select function_name from duckdb_functions() where function_type in ('macro', 'table_macro')"
        ).fetchall()
    }
    return found if _created() <= existing else None


def _created() -> set[str]:
    """The name of every view and macro the mart files create."""
    return {name for path in mart_files() for name in CREATED.findall(path.read_text(encoding="utf-8"))}
