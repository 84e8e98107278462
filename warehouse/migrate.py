"""Applies the numbered SQL files in warehouse/migrations/, each in one transaction with its version row."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.errors import MigrationFailed

FOLDER = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def available() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(FOLDER.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationFailed(f"{path.name} is not named NNNN_what.sql")
        found.append((int(match.group(1)), match.group(2), path))
    numbers = [number for number, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationFailed("two migrations share a number; give the newer one the next free number")
    return found


def applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    con.execute(
        "create table if not exists schema_version ("
        " version integer primary key, name varchar not null,"
        " applied_at timestamp not null default current_timestamp)"
    )
    return {row[0] for row in con.execute("select version from schema_version").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every pending migration in order; return the names applied."""
    done = applied(con)
    names = []
    for number, name, path in available():
        if number in done:
            continue
        con.begin()
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("insert into schema_version (version, name) values (?, ?)", [number, name])
            con.commit()
        except duckdb.Error as error:
            con.rollback()
            raise MigrationFailed(f"Migration {path.name} failed and was not applied: {error}") from error
        names.append(path.name)
    return names
