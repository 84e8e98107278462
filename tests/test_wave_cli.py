from pipelines.cli import main
from tests.conftest import scalar
from warehouse.connection import connect


def test_the_command_line_opens_a_wave_invites_reminds_and_closes_it(db_path, smtp_server, monkeypatch, capsys):
    host, port, received = smtp_server
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
    con = connect(db_path)
    assert scalar(con, "select closed_at is not null from waves where period = '2026-Q4'") is True
    con.close()


def test_the_command_line_writes_the_paper_questionnaire(tmp_path):
    out = tmp_path / "q.pdf"
    assert main(["questionnaire", "--survey", "org_rating", "--out", str(out), "--large-print"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_letters_from_a_sample_without_addresses_are_refused_with_a_message(db_path, tmp_path, capsys):
    sample = tmp_path / "s.csv"
    sample.write_text("reference\nA1\n")
    db = ["--db", str(db_path)]
    wave = ["--survey", "carer_experience", "--period", "2026-Q4"]
    assert main([*db, "open-wave", *wave, "--sample", str(sample)]) == 0
    assert main([*db, "letters", *wave, "--sample", str(sample), "--out", str(tmp_path / "l.pdf")]) == 1
    assert "needs the columns reference and address" in capsys.readouterr().err
