"""Backups of the database: DuckDB's EXPORT DATABASE into a folder, with a sha256 manifest, and a restore that
checks the manifest and builds a new file beside the target before putting it in place.

A backup runs on the connection that holds the database, so the app takes its own (it holds the only read-write
connection while it serves; a command run meanwhile is refused by `connect`, which says why). The export is a
consistent snapshot: it reads in one transaction while the app keeps writing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.connection import connect, protect
from warehouse.errors import BackupRefused

MANIFEST = "SHA256SUMS"
_COPY = re.compile(r"^COPY (.+) FROM '(.+)' (\(.*\));$")


def backup(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """Export every table (Parquet) and the schema into `folder`, which must be new or empty, and write its
    manifest; every file is readable by its owner only. Returns the manifest's path."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupRefused(f"The folder {folder} is not empty; give a new folder for the backup.")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    con.execute(f"export database '{_path_literal(folder)}' (format parquet)")
    lines = [f"{_sha256(path)}  {path.relative_to(folder).as_posix()}" for path in _files(folder)]
    manifest = folder / MANIFEST
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in [*_files(folder), manifest]:
        protect(path)
    return manifest


def verify(folder: Path) -> list[str]:
    """The files whose checksum differs from the manifest, or are missing from it or from the folder."""
    folder = Path(folder)
    manifest = folder / MANIFEST
    if not manifest.exists():
        raise BackupRefused(f"{folder} has no {MANIFEST} file, so it is not a backup made by this program.")
    listed: dict[str, str] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line:
            digest, name = line.split("  ", 1)
            listed[name] = digest
    present = {path.relative_to(folder).as_posix(): path for path in _files(folder)}
    wrong = [name for name, digest in listed.items() if name not in present or _sha256(present[name]) != digest]
    return wrong + [name for name in present if name not in listed]


def restore(folder: Path, target: Path, *, replace: bool = False) -> None:
    """Build the database of a backup at `target`: refused if the backup does not match its manifest, if the
    target exists without `replace`, or if another process (the app) holds the target file."""
    folder, target = Path(folder), Path(target)
    wrong = verify(folder)
    if wrong:
        raise BackupRefused(
            f"The backup in {folder} does not match its checksums ({', '.join(wrong[:3])}), so nothing was restored."
        )
    if target.exists():
        if not replace:
            raise BackupRefused(f"{target} already exists; add --replace to overwrite it with the backup.")
        connect(target).close()  # DatabaseBusy, in a sentence, while the app holds the file
    building = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = connect(building)
    try:
        _load(con, folder)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        building.unlink(missing_ok=True)
        raise
    con.close()
    Path(str(target) + ".wal").unlink(missing_ok=True)
    os.replace(building, target)
    protect(target)


def _load(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """IMPORT DATABASE without the marts: the export lists views in an order that can name one before it exists,
    and `prepare` makes every mart view and macro anew when the restored database is opened. The table files are
    read from where the backup is now, wherever it was written."""
    schema = (folder / "schema.sql").read_text(encoding="utf-8")
    con.begin()
    for statement in (s.strip() for s in schema.split(";\n")):
        if statement and not re.match(r"create (or replace )?(view|macro)\b", statement, re.IGNORECASE):
            con.execute(statement)
    for line in (folder / "load.sql").read_text(encoding="utf-8").splitlines():
        found = _COPY.match(line)
        if found:
            table, file, options = found.groups()
            con.execute(f"copy {table} from '{_path_literal(folder / Path(file).name)}' {options}")
    con.commit()


def rotate(parent: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups (folders named by `dated_folder`) in `parent`; returns those gone."""
    backups = sorted(p for p in Path(parent).glob("backup-*") if (p / MANIFEST).exists())
    gone = backups[: max(len(backups) - keep, 0)]
    for path in gone:
        shutil.rmtree(path)
    return gone


def dated_folder(parent: Path, now: datetime | None = None) -> Path:
    return Path(parent) / f"backup-{(now or datetime.now()):%Y%m%d-%H%M%S}"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _path_literal(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")
