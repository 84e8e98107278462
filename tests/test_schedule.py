"""Reminders go out by themselves, on their day and once, through a real local SMTP server (issue 13)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest
import time_machine

import settings
from pipelines.landing.land import land
from pipelines.outreach import schedule
from pipelines.outreach.contacts import add_demo_contacts
from pipelines.outreach.mailer import MailSettings, send_invitations
from pipelines.outreach.schedule import send_due_reminders, start
from pipelines.outreach.waves import open_wave
from tests.conftest import scalar

AFTER, FINAL, OPEN_FOR = 14, 3, 30  # first reminder 14 days after the invitation, final 3 days before closing
URL = "https://monitor.example.org"


def config(server, **overrides) -> MailSettings:
    host, port, _ = server
    values = {"reminder_after_days": AFTER, "final_reminder_days": FINAL, **overrides}
    return MailSettings(host=host, port=port, **values)


@contextmanager
def on(day: date) -> Iterator[None]:
    """Move the clock to noon (local time) of this day."""
    with time_machine.travel(datetime.combine(day, clock(12)).astimezone(), tick=False):
        yield


def wave_of_two(con, opens: date) -> tuple[int, list[str]]:
    codes = [
        r[0] for r in con.execute("select code from organisations where type = 'PCT' order by code limit 2").fetchall()
    ]
    add_demo_contacts(con, codes)
    return open_wave(con, "commissioner_return", "2011-Q3", opens, opens + timedelta(days=OPEN_FOR), codes), codes


def answer(con, wave: int, code: str) -> None:
    row = {"COMMISSIONER": code, "PLANSTATUS": "WILL", "WORKSWITH": "N", "_source_id": f"{wave}:{code}"}
    land(con, "commissioner_return", [row], source="web", wave_id=wave)


def addressee(message) -> str:
    return message["To"].split(".")[1].split("@")[0].upper()


def last_run(con) -> tuple[str, str, str]:
    return con.execute("select job, outcome, detail from schedule_runs order by run_id desc limit 1").fetchall()[0]


def test_each_reminder_goes_out_by_itself_on_its_day_and_only_once(con, smtp_server):
    received = smtp_server[2]
    # invitations are stamped by DuckDB's clock, which time-machine does not move: the story starts today
    first = date.today()
    with on(first):
        wave, (answered, silent) = wave_of_two(con, first)
        assert send_invitations(con, wave, config(smtp_server), public_url=URL).invitations == 2
        answer(con, wave, answered)
        assert (
            send_due_reminders(con, config(smtp_server), public_url=URL).detail
            == "No reminders were due for 1 open wave."
        )

    with on(first + timedelta(days=AFTER - 1)):
        assert send_due_reminders(con, config(smtp_server), public_url=URL).reminders == 0
    assert len(received) == 2

    with on(first + timedelta(days=AFTER + 1)):
        run = send_due_reminders(con, config(smtp_server), public_url=URL)
        assert (run.outcome, run.reminders, run.final_reminders) == ("ok", 1, 0)
        assert last_run(con) == ("send_due_reminders", "ok", "1 reminder sent for 1 open wave.")
        assert [addressee(m) for m in received[2:]] == [silent]
        assert received[2]["Subject"].startswith("Reminder")
        again = send_due_reminders(con, config(smtp_server), public_url=URL)
        assert (again.reminders, again.final_reminders, len(received)) == (0, 0, 3)
        assert last_run(con)[1:] == ("ok", "No reminders were due for 1 open wave.")

    with on(first + timedelta(days=OPEN_FOR - FINAL)):
        run = send_due_reminders(con, config(smtp_server), public_url=URL)
        assert (run.reminders, run.final_reminders) == (0, 1)
        assert last_run(con)[2] == "1 final reminder sent for 1 open wave."
        assert [addressee(m) for m in received[3:]] == [silent]
        assert received[3]["Subject"].startswith("Final reminder")
        assert send_due_reminders(con, config(smtp_server), public_url=URL).final_reminders == 0

    with on(first + timedelta(days=OPEN_FOR + 1)):
        assert send_due_reminders(con, config(smtp_server), public_url=URL).detail.startswith(
            "No wave with e-mail invitations is open"
        )
    assert len(received) == 4
    assert scalar(con, "select count(*) from message_log where sent_by = 'schedule'") == 2
    started = con.execute("select cast(started_at as date) from schedule_runs order by run_id").fetchall()
    assert started[-1][0] == first + timedelta(days=OPEN_FOR + 1)  # the runs carry the clock they ran on


def test_with_mail_not_set_up_a_run_is_skipped_and_says_why(con, smtp_server):
    wave, _ = wave_of_two(con, date.today())
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    run = send_due_reminders(con, MailSettings(host="", reminder_after_days=0), public_url=URL)
    assert run.outcome == "skipped"
    assert last_run(con)[1:] == ("skipped", schedule.NOT_SET_UP)
    assert "no SMTP host" in run.detail
    assert len(smtp_server[2]) == 2  # the invitations only
    assert scalar(con, "select count(*) from invitations where reminded_at is not null") == 0


@pytest.mark.parametrize(
    "public_url", [pytest.param("", id="unset"), pytest.param("http://localhost:8501", id="localhost")]
)
def test_while_the_address_would_reach_nobody_a_run_is_skipped_with_the_sentence(con, smtp_server, public_url):
    wave, _ = wave_of_two(con, date.today())
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    run = send_due_reminders(con, config(smtp_server, reminder_after_days=0), public_url=public_url)
    assert (run.outcome, run.detail) == ("skipped", settings.link_address_problem(public_url))
    assert last_run(con)[1:] == ("skipped", run.detail)
    assert len(smtp_server[2]) == 2  # the invitations only
    assert scalar(con, "select count(*) from invitations where reminded_at is not null") == 0


def test_a_mail_server_that_is_not_listening_fails_the_run_in_a_plain_sentence(con, smtp_server):
    wave, _ = wave_of_two(con, date.today())
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    silent = MailSettings(host="127.0.0.1", port=port, reminder_after_days=0)
    run = send_due_reminders(con, silent, public_url=URL)
    assert (run.outcome, run.detail) == ("failed", f"The mail server at 127.0.0.1:{port} could not be reached.")
    assert last_run(con)[1:] == ("failed", run.detail)
    assert scalar(con, "select count(*) from invitations where reminded_at is not null") == 0  # tried again next run


def test_the_scheduler_runs_the_job_by_itself(con, smtp_server, monkeypatch):
    host, port, received = smtp_server
    wave, _ = wave_of_two(con, date.today())
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", host)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_PORT", str(port))
    monkeypatch.setenv("CARERS_MONITOR_SMTP_REMINDER_AFTER_DAYS", "0")
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", URL)
    scheduler = start(con.cursor, every_minutes=60, first_run_after=timedelta(0))
    try:
        deadline = time.monotonic() + 20
        while scalar(con, "select count(*) from schedule_runs") == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        scheduler.shutdown(wait=True)
    assert last_run(con) == ("send_due_reminders", "ok", "2 reminders sent for 1 open wave.")
    assert len(received) == 4
    assert scalar(con, "select count(*) from schedule_runs") == 1  # the next run is an hour away


def test_the_interval_is_a_setting(monkeypatch):
    monkeypatch.delenv("CARERS_MONITOR_REMINDER_MINUTES", raising=False)
    assert schedule.reminder_minutes() == 60
    monkeypatch.setenv("CARERS_MONITOR_REMINDER_MINUTES", "15")
    assert schedule.reminder_minutes() == 15
    monkeypatch.setenv("CARERS_MONITOR_REMINDER_MINUTES", "often")
    with pytest.raises(ValueError, match="whole number of minutes"):
        schedule.reminder_minutes()


def test_mail_is_set_up_only_when_a_host_is_given(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "SECRETS", tmp_path / "secrets.toml")
    monkeypatch.delenv("CARERS_MONITOR_SMTP_HOST", raising=False)
    assert not schedule.mail_configured()  # the default localhost alone starts nothing
    (tmp_path / "secrets.toml").write_text('[smtp]\nhost = ""\n', encoding="utf-8")
    assert not schedule.mail_configured()
    (tmp_path / "secrets.toml").write_text('[smtp]\nhost = "smtp.council.example"\n', encoding="utf-8")
    assert schedule.mail_configured()
    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", "")
    assert not schedule.mail_configured()


def test_the_app_starts_one_scheduler_when_mail_is_set_up_and_stops_it_when_released(app_env, db_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboards import database
    from tests.conftest import ROOT

    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", "127.0.0.1")
    app_env(db_path)
    assert not AppTest.from_file(str(ROOT / "dashboards/pages/home.py"), default_timeout=30).run().exception
    scheduler, again = (database.reminder_schedule(database.connection()) for _ in range(2))
    assert again is scheduler  # once per process
    assert scheduler is not None and scheduler.running
    assert scheduler.get_job(schedule.JOB).next_run_time > datetime.now().astimezone()  # a minute after start
    st.cache_resource.clear()
    assert not scheduler.running


def test_the_app_starts_no_scheduler_without_mail(app_env, db_path, monkeypatch, tmp_path):
    from dashboards import database

    monkeypatch.setattr(settings, "SECRETS", tmp_path / "secrets.toml")
    monkeypatch.delenv("CARERS_MONITOR_SMTP_HOST", raising=False)
    app_env(db_path)
    database.cursor().close()
    assert database.reminder_schedule(database.connection()) is None
