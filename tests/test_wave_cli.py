from datetime import date, timedelta

import pypdfium2
import pytest

import settings
from pipelines.cli import main
from pipelines.outreach.contacts import add_demo_contacts
from pipelines.outreach.waves import open_wave
from tests.conftest import run_cli, scalar
from warehouse.connection import connect

URL = "https://monitor.example.org"


def test_the_command_line_opens_a_wave_invites_reminds_and_closes_it(db_path, smtp_server, monkeypatch, capsys):
    host, port, received = smtp_server
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", URL)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", host)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_PORT", str(port))
    monkeypatch.setenv("CARERS_MONITOR_SMTP_REMINDER_AFTER_DAYS", "0")
    db = ["--db", str(db_path)]
    wave = ["--survey", "commissioner_return", "--period", "2026-Q4"]
    assert main([*db, "open-wave", *wave, "--orgs", "5A3,5A4,5A5", "--demo-contacts", "--closes", "2099-12-31"]) == 0
    assert main([*db, "send-invitations", *wave]) == 0
    assert main([*db, "send-reminders", *wave]) == 0
    assert main([*db, "close-wave", *wave]) == 0
    assert len(received) == 6
    out = capsys.readouterr().out
    assert "3 invitation(s) sent" in out and "3 reminder(s)" in out
    assert f"{URL}/survey/commissioner_return?token=" in received[0].get_content()
    con = connect(db_path)
    assert scalar(con, "select closed_at is not null from waves where period = '2026-Q4'") is True
    con.close()


def test_the_command_line_writes_the_paper_questionnaire(tmp_path):
    out = tmp_path / "q.pdf"
    assert main(["questionnaire", "--survey", "org_rating", "--out", str(out), "--large-print"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_letters_from_a_sample_without_addresses_are_refused_with_a_message(db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", URL)
    sample = tmp_path / "s.csv"
    sample.write_text("reference\nA1\n")
    db = ["--db", str(db_path)]
    wave = ["--survey", "carer_experience", "--period", "2026-Q4"]
    assert main([*db, "open-wave", *wave, "--sample", str(sample)]) == 0
    assert main([*db, "letters", *wave, "--sample", str(sample), "--out", str(tmp_path / "l.pdf")]) == 1
    assert "needs the columns reference and address" in capsys.readouterr().err


def test_the_commands_that_reach_people_refuse_a_loopback_address_in_one_sentence_and_do_nothing(
    db_path, tmp_path, monkeypatch
):
    con = connect(db_path)
    today = date.today()
    open_wave(con, "commissioner_return", "2026-Q4", today, today + timedelta(days=30), ["5A3", "5A4"])
    add_demo_contacts(con, ["5A3", "5A4"])
    open_wave(con, "carer_experience", "2026-Q4", today, today + timedelta(days=30), [])
    before = con.execute("select count(*) from waves").fetchall()
    con.close()
    sample = tmp_path / "sample.csv"
    sample.write_text("reference,address\nA1,1 Example Street|Barnsley\n")
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "http://127.0.0.1:8501")
    monkeypatch.delenv("CARERS_MONITOR_ALLOW_LOOPBACK_LINKS", raising=False)
    returns, carers = ["--survey", "commissioner_return"], ["--survey", "carer_experience", "--period", "2026-Q4"]
    for command in (
        ["open-wave", *returns, "--period", "2027-Q1", "--orgs", "5A3"],
        ["send-invitations", *returns, "--period", "2026-Q4"],
        ["send-reminders", *returns, "--period", "2026-Q4"],
        ["letters", *carers, "--sample", str(sample), "--out", str(tmp_path / "letters.pdf")],
    ):
        done = run_cli(db_path, *command)
        assert (done.returncode, done.stderr.strip()) == (
            1,
            "The public address http://127.0.0.1:8501 is this computer's own address, which nobody else can open: "
            "set CARERS_MONITOR_PUBLIC_URL to the address people reach the app at.",
        ), command
    assert not (tmp_path / "letters.pdf").exists()
    con = connect(db_path)
    assert con.execute("select count(*) from waves").fetchall() == before  # no 2027-Q1 wave
    assert scalar(con, "select count(*) from wave_scope where sample_ref is not null") == 0
    assert scalar(con, "select count(*) from invitations") == 0
    assert scalar(con, "select count(*) from message_log") == 0
    con.close()


@pytest.mark.parametrize(
    "public_url", [pytest.param("", id="unset"), pytest.param("http://localhost:8501", id="localhost")]
)
def test_opening_a_wave_is_refused_without_a_public_address_that_reaches_people(db_path, monkeypatch, public_url):
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", public_url)
    monkeypatch.delenv("CARERS_MONITOR_ALLOW_LOOPBACK_LINKS", raising=False)
    if public_url == "" and settings.read().public_url:
        pytest.skip("this clone's .streamlit/secrets.toml sets public_url, which an empty variable cannot unset")
    done = run_cli(db_path, "open-wave", "--survey", "org_rating", "--period", "2026-Q4", "--org-type", "carers_org")
    assert (done.returncode, done.stderr.strip()) == (1, settings.link_address_problem(public_url))
    con = connect(db_path)
    assert scalar(con, "select count(*) from waves") == 0
    con.close()


def test_a_loopback_address_is_accepted_when_loopback_links_are_allowed(db_path, monkeypatch):
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "http://127.0.0.1:8501")
    monkeypatch.setenv("CARERS_MONITOR_ALLOW_LOOPBACK_LINKS", "1")
    done = run_cli(db_path, "open-wave", "--survey", "commissioner_return", "--period", "2026-Q4", "--orgs", "5A3")
    assert done.returncode == 0, done.stderr


def test_the_letters_command_names_who_runs_the_survey_from_the_settings(db_path, tmp_path, monkeypatch):
    con = connect(db_path)
    open_wave(con, "carer_experience", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), [])
    con.close()
    sample = tmp_path / "sample.csv"
    sample.write_text("reference,address\nA1,Carer (fictional, demo)|1 Example Street|Barnsley\n")
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", URL)
    monkeypatch.setenv("CARERS_MONITOR_RUN_BY", "Barnsley Council")
    monkeypatch.setenv("CARERS_MONITOR_CONTACT_PHONE", "01226 770770")
    out = tmp_path / "letters.pdf"
    carers = ["--survey", "carer_experience", "--period", "2026-Q4"]
    done = run_cli(db_path, "letters", *carers, "--sample", str(sample), "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = " ".join(pypdfium2.PdfDocument(str(out))[0].get_textpage().get_text_range().split())
    assert "run by Barnsley Council Phone 01226 770770" in text
    assert f"Or go to {URL}/survey/code and type your personal code:" in text
    assert "Please answer by 31 December 2026." in text
