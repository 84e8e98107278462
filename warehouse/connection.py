"""Opening the DuckDB file: one read-write connection per process, with a clear word when busy."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from warehouse.errors import DatabaseBusy

_LOCK_HOLDER = re.compile(r"PID (\d+)")
# DuckDB's own default is 80% of the machine's memory; a council's server is small and shared, and a
# ten-million-row import must fit in 2 GiB with Python's share, so DuckDB spills the rest of a batch to
# a temporary folder beside the database (`<database>.tmp`, removed when it closes)
MEMORY_LIMIT = "1GiB"


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database file; raise DatabaseBusy if another process holds it."""
    path = Path(path)
    private_files()
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" not in str(error).lower():
            raise
        holder = _LOCK_HOLDER.search(str(error))
        who = f"another program (process {holder.group(1)})" if holder else "another program"
        raise DatabaseBusy(
            f"The database {path} is in use by {who}, probably the app started with `make run`; "
            "stop it (Ctrl+C in its terminal) and run this command again, or use the app's "
            "Administration pages instead (files come in on Import a file)."
        ) from None
    con.execute("set enable_progress_bar = false")  # no bars drawn over the CLI's own output
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    if not read_only:
        protect(path)
    return con


def private_files() -> None:
    """Make every file this process creates from now on readable by its owner only (umask 077): the database, its
    WAL (made and removed by DuckDB at each checkpoint, so only the umask reaches it), backups and exports."""
    os.umask(os.umask(0o077) | 0o077)


def protect(path: Path | str) -> None:
    """Owner-only permissions (0600) on a file made before the umask was set, and on the database's WAL."""
    for each in (Path(path), Path(f"{path}.wal")):
        if each.is_file():
            each.chmod(0o600)
