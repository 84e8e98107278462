"""Deleting one carer's response leaves no trace in the file, and the retention rules purge on time."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta

import pytest
import time_machine

from pipelines.outreach.tokens import issue_invitation
from pipelines.sources import form_sessions, retention, web_forms
from tests.conftest import ROOT, run_cli, scalar
from tests.form_filling import CARER, open_current_waves
from warehouse.connection import connect

SECRET = "Zebra-pineapple octagon: my neighbour Mrs Quaintrelle-Oddfellow helps on Tuesdays"
CHECKS = sorted((ROOT / "warehouse" / "checks").glob("*.sql"))


def land_carers(con, wave: int, count: int) -> None:
    for n in range(count):
        web_forms.submit(
            con, "carer_experience", {**CARER, "QOLTIME": str(1 + n % 3)}, source_id=f"other-{n}", wave_id=wave
        )


def mart_counts(con) -> dict[str, int]:
    views = [r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()]
    return {view: scalar(con, f'select count(*) from "{view}"') for view in sorted(views)}


def file_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_deleting_a_response_leaves_no_trace_of_its_words_and_the_marts_as_if_it_never_came(db_path, tmp_path):
    twin = tmp_path / "twin.duckdb"
    shutil.copy(db_path, twin)
    con = connect(db_path)
    wave = open_current_waves(con)["carer_experience"]
    land_carers(con, wave, 6)
    secret_id = "journey-secret"
    cookie = form_sessions.start(con, "carer_experience", wave, source_id=secret_id, answers={"DIFFERENCE": SECRET})
    session = form_sessions.find(con, "carer_experience", cookie)
    assert session is not None
    refused = web_forms.submit(  # a first try quarantined (raw row and rejection), then two versions
        con, "carer_experience", {**CARER, "AREA": "NOWHERE", "DIFFERENCE": SECRET}, source_id=secret_id, wave_id=wave
    )
    assert refused.errors
    first = web_forms.submit(
        con, "carer_experience", {**CARER, "DIFFERENCE": SECRET}, source_id=secret_id, wave_id=wave
    )
    web_forms.submit(con, "carer_experience", {**CARER, "DIFFERENCE": SECRET + "!"}, source_id=secret_id, wave_id=wave)
    assert first.reference
    con.execute("checkpoint")
    assert SECRET.encode() in file_bytes(db_path)

    deleted = retention.delete_response(con, first.reference.lower(), by="jo.admin", reason="the carer asked on 3 May")
    assert deleted.rows["response_carer_experience"] == 2 and deleted.rows["raw_submissions"] == 3
    assert deleted.rows["rejections"] >= 1 and deleted.rows["form_sessions"] == 1
    after = mart_counts(con)
    problems = {check.stem: con.execute(check.read_text()).fetchall() for check in CHECKS}
    line = con.execute("select username, detail from audit_log where action = 'response deleted'").fetchall()
    con.close()

    data = file_bytes(db_path)
    for words in (SECRET, "Zebra-pineapple", "Quaintrelle"):
        assert words.encode() not in data and words.encode("utf-16-le") not in data
    assert {name: rows for name, rows in problems.items() if rows} == {}
    assert line[0][0] == "jo.admin"
    detail = json.loads(line[0][1])
    assert detail["reference"] == first.reference and detail["reason"] == "the carer asked on 3 May"
    assert "Quaintrelle" not in line[0][1]

    other = connect(twin)
    land_carers(other, open_current_waves(other)["carer_experience"], 6)
    assert after == mart_counts(other)
    other.close()


def test_a_reference_nobody_has_is_refused_in_a_sentence(con):
    with pytest.raises(retention.ResponseNotFound, match="No response with the reference CE-00000-00000"):
        retention.delete_response(con, "CE-00000-00000", by="a", reason="asked")
    with pytest.raises(retention.ResponseNotFound, match="is not a reference"):
        retention.delete_response(con, "hello", by="a", reason="asked")


def test_delete_response_on_the_command_line(db_path):
    con = connect(db_path)
    wave = open_current_waves(con)["carer_experience"]
    sent = web_forms.submit(con, "carer_experience", {**CARER, "DIFFERENCE": SECRET}, source_id="cli", wave_id=wave)
    con.close()
    done = run_cli(db_path, "delete-response", str(sent.reference), "--reason", "carer's letter of 3 May")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(f"Deleted the response {sent.reference}")
    again = run_cli(db_path, "delete-response", str(sent.reference), "--reason", "again")
    assert again.returncode == 1 and again.stderr.strip().endswith("so nothing was deleted.")


def test_the_retention_purge_keeps_what_is_young_and_purges_what_is_old(db_path):
    con = connect(db_path)
    wave = open_current_waves(con)["carer_experience"]
    land_carers(con, wave, 2)
    issue_invitation(con, wave, channel="post", sample_ref="BAR0001")
    con.execute("insert into wave_scope (wave_id, sample_ref, area) values (?, 'BAR0001', 'E06000001')", [wave])
    closes = scalar(con, "select closes from waves where wave_id = ?", [wave])
    form_sessions.start(con, "carer_experience", wave, source_id="draft", answers={"DIFFERENCE": SECRET})
    rates_before = mart_counts(con)

    with time_machine.travel(datetime.combine(closes - timedelta(days=1), datetime.min.time()), tick=False):
        early = retention.purge(con, retention_years=6, now=datetime.now())
    assert (early.raw_rows, early.drafts, early.tokens, early.sample_refs) == (0, 0, 0, 0)

    after_close = datetime.combine(closes + timedelta(days=40), datetime.min.time())
    with time_machine.travel(after_close, tick=False):
        closed = retention.purge(con, retention_years=6)
    assert (closed.raw_rows, closed.drafts, closed.tokens, closed.sample_refs) == (0, 1, 1, 1)
    assert scalar(con, "select count(*) from invitations where sample_ref = 'BAR0001' or token_hash is not null") == 0
    assert scalar(con, "select count(*) from wave_scope where starts_with(sample_ref, 'purged-')") == 1
    assert mart_counts(con) == rates_before  # the stand-ins still count

    with time_machine.travel(date(closes.year + 6, closes.month, min(closes.day, 28)) + timedelta(days=40), tick=False):
        old = retention.purge(con, retention_years=6)
    assert old.raw_rows == 2
    assert scalar(con, "select count(*) from raw_submissions") == 0
    assert scalar(con, "select count(*) from response_carer_experience") == 2  # the figures stay
    assert all(not con.execute(check.read_text()).fetchall() for check in CHECKS)
    runs = con.execute("select username, detail from audit_log where action = 'retention purge'").fetchall()
    assert len(runs) == 3 and json.loads(runs[-1][1])["raw_rows"] == 2 and runs[-1][0] == "schedule"
    con.close()


def test_purge_on_the_command_line_says_what_it_did(db_path):
    done = run_cli(db_path, "purge", "--retention-years", "6")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Purged 0 raw row(s)")


def test_an_administrator_deletes_a_response_on_the_data_protection_page(app_env, db_path):
    from streamlit.testing.v1 import AppTest

    from dashboards.ui.access import User

    con = connect(db_path)
    wave = open_current_waves(con)["carer_experience"]
    sent = web_forms.submit(con, "carer_experience", {**CARER, "DIFFERENCE": SECRET}, source_id="page", wave_id=wave)
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_data_protection.py"), default_timeout=60)
    at.session_state["user"] = User("jo.admin", "administrator")
    at.run()
    at.text_input(key="erase_reference").input(str(sent.reference))
    at.text_input(key="erase_reason").input("the carer rang on 3 May")
    at.button(key="erase_go").click().run()
    assert not at.exception and at.success[0].value.startswith(f"The response {sent.reference} is deleted")
