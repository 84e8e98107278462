"""Backups round-trip every table row for row, are checked against their manifest, and files stay private."""

from __future__ import annotations

import stat

import pytest

from pipelines.cli import main
from tests.conftest import another_process_holds, run_cli
from warehouse import backup as backups
from warehouse.connection import connect
from warehouse.errors import BackupRefused, DatabaseBusy


def tables(con) -> list[str]:
    return [
        r[0] for r in con.execute("select table_name from duckdb_tables() where not internal order by 1").fetchall()
    ]


def rows(con, table: str) -> list[tuple]:
    return sorted(con.execute(f'select * from "{table}"').fetchall(), key=repr)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_restores_every_table_row_for_row(demo_db, tmp_path):
    con = connect(demo_db, read_only=True)
    folder = tmp_path / "backup-1"
    manifest = backups.backup(con, folder)
    before = {table: rows(con, table) for table in tables(con)}
    con.close()
    assert len(before) > 25 and sum(map(len, before.values())) > 1000
    assert backups.verify(folder) == []
    assert all(mode(p) == 0o600 for p in folder.rglob("*") if p.is_file()) and mode(folder) == 0o700
    assert len(manifest.read_text().splitlines()) == len([p for p in folder.rglob("*") if p.is_file()]) - 1

    target = tmp_path / "restored.duckdb"
    backups.restore(folder, target)
    again = connect(target)
    assert tables(again) == sorted(before)
    for table, expected in before.items():
        assert rows(again, table) == expected, table
    again.close()
    assert mode(target) == 0o600


def test_a_changed_backup_file_is_refused(db_path, tmp_path):
    con = connect(db_path)
    backups.backup(con, tmp_path / "b")
    con.close()
    victim = next(p for p in (tmp_path / "b").rglob("*.parquet"))
    victim.write_bytes(victim.read_bytes() + b"x")
    with pytest.raises(BackupRefused, match="does not match its checksums"):
        backups.restore(tmp_path / "b", tmp_path / "new.duckdb")


def test_restoring_over_a_database_the_app_holds_is_refused_in_a_sentence(db_path, tmp_path, capsys):
    con = connect(db_path)
    backups.backup(con, tmp_path / "b")
    # the lock is per process: a second process stands for the app
    held = run_cli(db_path, "restore", str(tmp_path / "b"))
    assert held.returncode == 1 and "already exists; add --replace" in held.stderr
    con.close()
    with another_process_holds(db_path):
        with pytest.raises(DatabaseBusy, match="is in use by another program"):
            backups.restore(tmp_path / "b", db_path, replace=True)
        refused = run_cli(db_path, "backup", str(tmp_path / "c"))
        assert refused.returncode == 1 and refused.stderr.strip().startswith("The app is serving")
    assert main(["--db", str(db_path), "restore", str(tmp_path / "b"), "--replace"]) == 0
    assert "Restored" in capsys.readouterr().out


def test_the_database_its_wal_and_the_cli_backup_are_the_owners_alone(reference_db, tmp_path):
    path = tmp_path / "fresh.duckdb"
    con = connect(path)
    con.execute("create table t (x varchar)")
    con.execute("insert into t values ('a')")
    wal = tmp_path / "fresh.duckdb.wal"
    assert wal.exists() and mode(wal) == 0o600
    con.execute("checkpoint")
    con.execute("insert into t values ('b')")
    assert mode(path) == 0o600 and mode(wal) == 0o600
    con.close()
    old = tmp_path / "old.duckdb"  # a file made before this release, world-readable
    old.write_bytes(reference_db.read_bytes())
    old.chmod(0o644)
    connect(old).close()
    assert mode(old) == 0o600
    done = run_cli(old, "backup", str(tmp_path / "cli"))
    assert done.returncode == 0, done.stderr
    assert all(mode(p) == 0o600 for p in (tmp_path / "cli").rglob("*") if p.is_file())


def test_rotation_keeps_the_newest(tmp_path):
    for day in range(1, 6):
        folder = tmp_path / f"backup-2026010{day}-000000"
        folder.mkdir()
        (folder / backups.MANIFEST).write_text("")
    gone = backups.rotate(tmp_path, keep=2)
    assert [p.name for p in gone] == [f"backup-2026010{d}-000000" for d in (1, 2, 3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup-20260104-000000", "backup-20260105-000000"]
