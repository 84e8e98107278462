from datetime import date, timedelta

import pytest

import settings
from pipelines.errors import LinksUnreachable
from pipelines.landing.land import land
from pipelines.outreach.contacts import add_contact, add_demo_contacts
from pipelines.outreach.mailer import MailSettings, send_invitations, send_reminders
from pipelines.outreach.organisations import register
from pipelines.outreach.tokens import find_invitation
from pipelines.outreach.waves import open_wave
from tests.conftest import scalar

TODAY = date.today()
URL = "https://monitor.example.org"


@pytest.fixture
def wave_of_ten(con):
    codes = [
        r[0] for r in con.execute("select code from organisations where type = 'PCT' order by code limit 10").fetchall()
    ]
    add_demo_contacts(con, codes)
    wave = open_wave(con, "commissioner_return", "2011-Q3", TODAY, TODAY + timedelta(days=30), codes)
    return wave, codes


def config(server, **overrides):
    host, port, _ = server
    return MailSettings(host=host, port=port, **overrides)


def answer(con, wave, codes):
    rows = [{"COMMISSIONER": c, "PLANSTATUS": "WILL", "WORKSWITH": "N", "_source_id": f"{wave}:{c}"} for c in codes]
    land(con, "commissioner_return", rows, source="web", wave_id=wave)


def test_a_wave_of_ten_commissioners_sends_ten_invitations_and_then_four_reminders(con, wave_of_ten, smtp_server):
    wave, codes = wave_of_ten
    received = smtp_server[2]
    assert send_invitations(con, wave, config(smtp_server), public_url=URL).invitations == 10
    assert len(received) == 10
    answer(con, wave, codes[:6])
    sent = send_reminders(con, wave, config(smtp_server, reminder_after_days=0), public_url=URL)
    assert (sent.reminders, sent.final_reminders) == (4, 0)
    reminded = {m["To"].split(".")[1].split("@")[0].upper() for m in received[10:]}
    assert reminded == set(codes[6:])
    assert scalar(con, "select count(*) from message_log where wave_id = ? and template = 'reminder'", [wave]) == 4


def test_an_invitation_link_carries_a_token_that_finds_its_organisation(con, wave_of_ten, smtp_server):
    wave, codes = wave_of_ten
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    body = smtp_server[2][0].get_content()
    token = body.split("?token=")[1].split()[0]
    assert f"{URL}/survey/commissioner_return?token={token}" in body
    invitation = find_invitation(con, token)
    assert invitation is not None and invitation.org_code == codes[0]


def test_invitations_are_sent_once_and_reminders_wait_for_their_day(con, wave_of_ten, smtp_server):
    wave, _ = wave_of_ten
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    assert send_invitations(con, wave, config(smtp_server), public_url=URL).invitations == 0
    assert send_reminders(con, wave, config(smtp_server, reminder_after_days=14), public_url=URL).reminders == 0
    assert len(smtp_server[2]) == 10


def test_a_final_reminder_goes_once_to_non_responders_near_closing(con, wave_of_ten, smtp_server):
    wave, codes = wave_of_ten
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    answer(con, wave, codes[:9])
    near_close = TODAY + timedelta(days=28)
    assert send_reminders(con, wave, config(smtp_server), public_url=URL, today=near_close).final_reminders == 1
    assert send_reminders(con, wave, config(smtp_server), public_url=URL, today=near_close).final_reminders == 0
    assert smtp_server[2][-1]["Subject"].startswith("Final reminder")


def test_organisations_without_a_contact_are_listed_not_invited(con, smtp_server):
    code = scalar(con, "select code from organisations where type = 'PCT' order by code limit 1")
    wave = open_wave(con, "commissioner_return", "2011-Q4", TODAY, TODAY + timedelta(days=5), [code])
    sent = send_invitations(con, wave, config(smtp_server), public_url=URL)
    assert (sent.invitations, sent.without_contact) == (0, [code])


UNREACHABLE = [
    pytest.param("", id="unset"),
    pytest.param("http://127.0.0.1:8501", id="loopback_ip"),
    pytest.param("http://localhost:8501", id="localhost"),
]


@pytest.mark.parametrize("public_url", UNREACHABLE)
def test_invitations_are_refused_while_the_address_would_reach_nobody(con, wave_of_ten, smtp_server, public_url):
    wave, _ = wave_of_ten
    with pytest.raises(LinksUnreachable) as refused:
        send_invitations(con, wave, config(smtp_server), public_url=public_url)
    assert str(refused.value) == settings.link_address_problem(public_url)
    assert smtp_server[2] == []
    assert scalar(con, "select count(*) from invitations") == 0
    assert scalar(con, "select count(*) from message_log") == 0


@pytest.mark.parametrize("public_url", UNREACHABLE)
def test_reminders_are_refused_while_the_address_would_reach_nobody(con, wave_of_ten, smtp_server, public_url):
    wave, _ = wave_of_ten
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    links = con.execute("select token_hash from invitations order by invitation_id").fetchall()
    with pytest.raises(LinksUnreachable, match="public address"):
        send_reminders(con, wave, config(smtp_server, reminder_after_days=0), public_url=public_url)
    assert len(smtp_server[2]) == 10  # the invitations only
    assert con.execute("select token_hash from invitations order by invitation_id").fetchall() == links
    assert scalar(con, "select count(*) from message_log where template <> 'invitation'") == 0


def test_a_loopback_address_works_when_loopback_links_are_allowed(con, wave_of_ten, smtp_server):
    wave, _ = wave_of_ten
    local = "http://127.0.0.1:8501"
    assert send_invitations(con, wave, config(smtp_server), public_url=local, allow_loopback=True).invitations == 10
    assert f"{local}/survey/commissioner_return?token=" in smtp_server[2][0].get_content()
    sent = send_reminders(
        con, wave, config(smtp_server, reminder_after_days=0), public_url="http://localhost:8501", allow_loopback=True
    )
    assert sent.reminders == 10


@pytest.mark.parametrize(
    "survey, subject",
    [
        pytest.param(
            "org_rating",
            "Carers Monitor: your rating of how commissioners engaged your organisation, October to December 2026",
            id="org_rating",
        ),
        pytest.param(
            "commissioner_return",
            "Carers Monitor: your return on carers' breaks, October to December 2026",
            id="commissioner_return",
        ),
    ],
)
def test_the_invitation_reads_as_english_for_each_organisation_instrument(con, smtp_server, survey, subject):
    code = register(con, "Hartlepool Carers", "E06000001") if survey == "org_rating" else "QHM"
    add_contact(con, code, "lead@hartlepool.example")
    wave = open_wave(con, survey, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), [code])
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    (message,) = smtp_server[2]
    assert message["Subject"] == subject
    body = message.get_content()
    assert (
        f"Carers Monitor asks for your {subject.split('your ', 1)[1].split(',')[0]} for October to December 2026."
        in body
    )
    assert "it works once" not in body
    assert "You can use the link again to change your answers until the closing date, 31 December 2026." in body


def test_reminders_name_what_they_ask_for(con, wave_of_ten, smtp_server):
    wave, codes = wave_of_ten
    send_invitations(con, wave, config(smtp_server), public_url=URL)
    send_reminders(con, wave, config(smtp_server, reminder_after_days=0), public_url=URL)
    closes = f"{TODAY + timedelta(days=30):%-d %B %Y}"
    reminder = smtp_server[2][-1]
    assert reminder["Subject"] == "Reminder: your return on carers' breaks, July to September 2011"
    assert (
        "We have not yet received your return on carers' breaks for July to September 2011." in reminder.get_content()
    )
    answer(con, wave, codes[:9])
    send_reminders(con, wave, config(smtp_server), public_url=URL, today=TODAY + timedelta(days=28))
    assert smtp_server[2][-1]["Subject"] == (
        f"Final reminder: your return on carers' breaks, July to September 2011, is due by {closes}"
    )
