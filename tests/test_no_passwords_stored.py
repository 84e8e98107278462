"""Passwords never appear in the database, the logs or the audit log, whatever path they took."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from accounts import throttle, users
from accounts.errors import SignInRefused
from pipelines.cli import main
from tests.conftest import ROOT
from warehouse.connection import connect


def test_no_password_reaches_the_database_file_the_audit_log_or_the_logs(db_path, app_env, caplog, capsys, monkeypatch):
    monkeypatch.setattr(throttle, "PAUSE_PER_FAILURE", 0)
    caplog.set_level(logging.DEBUG)
    chosen, changed, wrong = "chosen-Password-1", "changed-Password-2", "wrong-Password-3"
    assert main(["--db", str(db_path), "add-user", "admin", "--role", "administrator"]) == 0
    printed = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    con = connect(db_path)
    users.add_user(con, "chair", "board", password=chosen)
    users.change_password(con, "chair", chosen, changed)
    with pytest.raises(SignInRefused):
        users.authenticate(con, "chair", wrong)
    reset = users.reset_password(con, "admin", reset_by="admin")
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/sign_in.py"), default_timeout=60).run()
    at.text_input(key="sign_in_username").input("chair")
    at.text_input(key="sign_in_password").input(wrong)
    at.button[0].click().run()
    at.text_input(key="sign_in_password").input(changed)
    at.button[0].click().run()
    assert at.session_state["user"].username == "chair"
    con = connect(db_path)
    con.execute("checkpoint")
    everything = " ".join(
        str(row)
        for table in ("users", "audit_log", "raw_submissions", "import_batches")
        for row in con.execute(f"select * from {table}").fetchall()
    )
    con.close()
    stored = db_path.read_bytes() + b"".join(p.read_bytes() for p in db_path.parent.glob("*.wal"))
    logs = caplog.text + capsys.readouterr().err
    for password in (printed, chosen, changed, wrong, reset):
        assert password not in everything
        assert password.encode() not in stored
        assert password not in logs
    assert "sign_in_failed" in everything and "password_changed" in everything
