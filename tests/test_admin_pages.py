from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from dashboards.ui.access import User
from pipelines.outreach.waves import open_wave
from tests.conftest import ROOT, as_read, scalar
from warehouse.connection import connect

ADMIN = User("admin", "administrator", display_name="Admin")


def page(name, user=ADMIN):
    at = AppTest.from_file(str(ROOT / f"dashboards/pages/{name}.py"), default_timeout=30)
    if user:
        at.session_state["user"] = user
    return at


def with_wave(db_path):
    con = connect(db_path)
    wave = open_wave(
        con, "commissioner_return", "2011-Q3", date.today(), date.today() + timedelta(days=9), ["5A3", "5A4"]
    )
    con.close()
    return wave


def test_the_admin_pages_refuse_everyone_but_an_administrator(app_env, db_path):
    app_env(db_path)
    for name in ("admin_waves", "admin_paper_keying"):
        at = page(name, User("c", "commissioner", org_code="5A3")).run()
        assert "do not have access" in at.error[0].value
        assert not at.text_input


def test_keying_a_paper_return_with_the_keyboard_lands_it_as_paper(app_env, db_path):
    wave = with_wave(db_path)
    app_env(db_path)
    at = page("admin_paper_keying").run()
    at.selectbox[0].set_value("commissioner_return").run()
    inputs = {box.label.split(". ")[-1]: box for box in at.text_input}
    at.text_input[0].input("PAPER-1")
    inputs["COMMISSIONER"].input("e06000001")  # a council: a 2011 PCT did not exist in a wave open today
    inputs["PLANSTATUS"].input("NONE")
    inputs["WORKSWITH"].input("N")
    at.button[0].click().run()
    assert not at.exception
    assert "PAPER-1 landed" in at.success[0].value
    con = connect(db_path)
    assert (
        scalar(con, "select source || ':' || COMMISSIONER from response_commissioner_return where wave_id = ?", [wave])
        == "paper:E06000001"
    )
    con.close()


def test_the_waves_page_lists_waves_and_closes_one(app_env, db_path):
    wave = with_wave(db_path)
    app_env(db_path)
    at = page("admin_waves").run()
    assert not at.exception
    assert "5A3" in at.dataframe[1].value["org_code"].tolist()
    next(b for b in at.button if b.label == "Close this wave").click().run()
    next(b for b in at.button if b.label == "Yes, close the wave").click().run()  # after its preview
    assert "Closed" in at.success[0].value
    con = connect(db_path)
    assert scalar(con, "select closed_at is not null from waves where wave_id = ?", [wave]) is True
    con.close()


def test_the_waves_page_sends_invitations_through_the_mail_server(app_env, db_path, smtp_server, monkeypatch):
    from pipelines.outreach.contacts import add_demo_contacts

    host, port, received = smtp_server
    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", host)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_PORT", str(port))
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "https://monitor.example.org")
    wave = with_wave(db_path)
    con = connect(db_path)
    add_demo_contacts(con, ["5A3", "5A4"])
    con.close()
    app_env(db_path)
    at = page("admin_waves").run()
    next(b for b in at.button if b.label == "Send invitations by e-mail").click().run()
    assert not at.exception
    assert "2 invitation(s) sent" in at.success[0].value
    assert sorted(m["To"] for m in received) == ["carers-breaks.5a3@example.org", "carers-breaks.5a4@example.org"]
    assert "https://monitor.example.org/survey/commissioner_return?token=" in received[0].get_content()
    assert wave


def test_the_waves_page_opens_no_wave_and_sends_nothing_while_the_address_is_loopback(
    app_env, db_path, smtp_server, monkeypatch
):
    from pipelines.outreach.contacts import add_demo_contacts

    host, port, received = smtp_server
    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", host)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_PORT", str(port))
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "http://localhost:8501")
    monkeypatch.delenv("CARERS_MONITOR_ALLOW_LOOPBACK_LINKS", raising=False)
    with_wave(db_path)
    con = connect(db_path)
    add_demo_contacts(con, ["5A3", "5A4"])
    con.close()
    app_env(db_path)
    sentence = (
        "The public address http://localhost:8501 is this computer's own address, which nobody else can open: "
        "set CARERS_MONITOR_PUBLIC_URL to the address people reach the app at."
    )
    at = page("admin_waves").run()
    at.text_input[0].input("2026-Q4")
    next(b for b in at.button if b.label == "Open the wave").click().run()
    assert [as_read(e.value) for e in at.error] == [sentence]
    for label in ("Send invitations by e-mail", "Send due reminders"):
        at = page("admin_waves").run()
        next(b for b in at.button if b.label == label).click().run()
        assert not at.exception
        assert [as_read(e.value) for e in at.error] == [sentence] and not at.success
    con = connect(db_path)
    assert scalar(con, "select count(*) from waves") == 1  # no 2026-Q4 wave
    assert scalar(con, "select count(*) from invitations") == 0
    assert scalar(con, "select count(*) from message_log") == 0
    con.close()
    assert received == []


def test_only_administrators_have_the_waves_and_keying_pages_in_their_navigation():
    from dashboards.ui.registry import specs_for

    mine = {"dashboards/pages/admin_waves.py", "dashboards/pages/admin_paper_keying.py"}
    assert mine <= {s.path for s in specs_for("administrator")}
    for role in ("public", "board", "carers_org", "commissioner"):
        assert not mine & {s.path for s in specs_for(role)}
