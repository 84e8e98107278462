"""E-mail invitations and reminders to the organisations in a wave's scope, through a real SMTP server.

One invitation row per organisation, its token stored hashed; the organisation can use its link again to
change its answers until the wave closes, and each reminder gives it a new link (the earlier one stops
working), so the token never needs to be kept. Subjects and bodies are sentences built on each survey's
`asks_for` ("your return on carers' breaks, October to December 2026"). Every message sent is logged in
`message_log`; `invitations.reminded_at` and `final_reminder_at` record which reminders went out.
"""

from __future__ import annotations

import os
import smtplib
import tomllib
from dataclasses import dataclass
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path
from string import Template

import duckdb

import settings
import surveys
from pipelines.outreach.contacts import contacts_of
from pipelines.outreach.links import checked_address, survey_link
from pipelines.outreach.tokens import hash_token, issue_invitation, new_token

SQL = Path(__file__).parent / "sql"
TEMPLATES = Path(__file__).parent / "templates"
# headers on one line (RFC 5322 allows 998 characters): Python's folding moves a 70-78 character subject
# whole onto a continuation line, which mail readers may show with a leading space
ONE_LINE_HEADERS = policy.default.clone(max_line_length=998)


@dataclass(frozen=True)
class MailSettings:
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str = ""
    password: str = ""
    sender: str = "carers-monitor@example.org"
    reminder_after_days: int = 14  # first reminder to non-responders this long after the invitation
    final_reminder_days: int = 3  # final reminder this many days before the wave closes


def mail_settings() -> MailSettings:
    """From the [smtp] table of .streamlit/secrets.toml, then CARERS_MONITOR_SMTP_<KEY> variables."""
    values = {}
    if settings.SECRETS.exists():
        values = tomllib.loads(settings.SECRETS.read_text(encoding="utf-8")).get("smtp", {})
    defaults = MailSettings()
    chosen = {}
    for name, default in defaults.__dict__.items():
        raw = os.environ.get(f"CARERS_MONITOR_SMTP_{name.upper()}", values.get(name, default))
        if isinstance(default, bool) and isinstance(raw, str):
            raw = raw.strip().lower() in ("1", "true", "yes")
        chosen[name] = type(default)(raw)
    return MailSettings(**chosen)


@dataclass
class Sent:
    invitations: int = 0
    reminders: int = 0
    final_reminders: int = 0
    without_contact: list[str] | None = None


def send_invitations(
    con: duckdb.DuckDBPyConnection,
    wave_id: int,
    config: MailSettings,
    *,
    public_url: str,
    allow_loopback: bool = False,
    sent_by: str | None = None,
) -> Sent:
    """Invite every organisation in scope not yet invited; those without a contact are listed, not invited.

    Refused (LinksUnreachable) before anything is issued or sent while `public_url` would reach nobody.
    """
    address = checked_address(public_url, allow_loopback=allow_loopback)
    survey_code = _survey_of(con, wave_id)
    due = _query(con, "mail_invitations_due.sql", {"wave": wave_id})
    sent = Sent(without_contact=[code for code, _, emails in due if not emails])
    with SmtpSession(config) as smtp:
        for org_code, org_name, emails in due:
            if not emails:
                continue
            con.begin()
            try:
                token = issue_invitation(con, wave_id, channel="email", org_code=org_code)
                link = survey_link(address, survey_code, token)
                _send(con, smtp, config, wave_id, "invitation", org_code, org_name, emails, link, sent_by)
                con.commit()
            except BaseException:
                con.rollback()
                raise
            sent.invitations += 1
    return sent


def send_reminders(
    con: duckdb.DuckDBPyConnection,
    wave_id: int,
    config: MailSettings,
    *,
    public_url: str,
    allow_loopback: bool = False,
    today: date | None = None,
    sent_by: str | None = None,
) -> Sent:
    """Remind the invited organisations that have not answered: once after N days, once more before closing.

    Refused like send_invitations while `public_url` would reach nobody: no link is replaced, nothing sent.
    """
    address = checked_address(public_url, allow_loopback=allow_loopback)
    survey_code = _survey_of(con, wave_id)
    due = _query(
        con,
        "mail_reminders_due.sql",
        {
            "wave": wave_id,
            "today": today or date.today(),
            "after_days": config.reminder_after_days,
            "final_days": config.final_reminder_days,
        },
    )
    sent = Sent()
    with SmtpSession(config) as smtp:
        for invitation_id, org_code, org_name, template, emails in due:
            con.begin()
            try:
                link = survey_link(address, survey_code, _new_link(con, invitation_id, template))
                _send(con, smtp, config, wave_id, template, org_code, org_name, emails, link, sent_by)
                con.commit()
            except BaseException:
                con.rollback()
                raise
            if template == "final_reminder":
                sent.final_reminders += 1
            else:
                sent.reminders += 1
    return sent


def render(template: str, values: dict[str, str]) -> tuple[str, str]:
    """(subject, body) of a template: the first line is the subject."""
    text = Template((TEMPLATES / f"{template}.txt").read_text(encoding="utf-8")).substitute(values)
    subject, _, body = text.partition("\n")
    return subject, body


def _send(
    con,
    smtp,
    config: MailSettings,
    wave_id: int,
    template: str,
    org_code: str,
    org_name: str,
    emails: list[str],
    link: str,
    sent_by: str | None,
    reference: str = "",
) -> None:
    survey_code, wave_title, closes = con.execute(
        "select survey_code, title, closes from waves where wave_id = ?", [wave_id]
    ).fetchall()[0]
    subject, body = render(
        template,
        {
            "asks_for": surveys.load(survey_code).asks_for,
            "wave_title": wave_title,
            "closes": f"{closes:%-d %B %Y}",
            "org_name": org_name,
            "link": link,
            "reference": reference,
        },
    )
    message = EmailMessage(policy=ONE_LINE_HEADERS)
    message["From"], message["To"], message["Subject"] = config.sender, ", ".join(emails), subject
    message.set_content(body)
    smtp.send_message(message)
    con.executemany(
        "insert into message_log (wave_id, org_code, channel, recipient, template, sent_by) "
        "values (?, ?, 'email', ?, ?, ?)",
        [[wave_id, org_code, email, template, sent_by] for email in emails],
    )


def send_receipt(
    con: duckdb.DuckDBPyConnection, wave_id: int, org_code: str, reference: str, config: MailSettings
) -> int:
    """Tell an organisation's contacts that its answers arrived, with the reference; the number of contacts told.

    A receipt is a courtesy: the answers have landed whatever happens here, so the caller logs a failure
    rather than undo anything.
    """
    emails = contacts_of(con, org_code)
    if not emails:
        return 0
    name = con.execute("select name from organisations where code = ?", [org_code]).fetchall()[0][0]
    with SmtpSession(config) as smtp:
        _send(con, smtp, config, wave_id, "receipt", org_code, name, emails, "", None, reference)
    return len(emails)


def _new_link(con, invitation_id: int, template: str) -> str:
    """A fresh token for the reminder's link; the earlier one stops working (only hashes are kept)."""
    token = new_token()
    column = "final_reminder_at" if template == "final_reminder" else "reminded_at"
    con.execute(
        f"update invitations set token_hash = ?, {column} = current_timestamp where invitation_id = ?",
        [hash_token(token), invitation_id],
    )
    return token


def _survey_of(con, wave_id: int) -> str:
    return con.execute("select survey_code from waves where wave_id = ?", [wave_id]).fetchall()[0][0]


def _query(con, name: str, params: dict) -> list[tuple]:
    return con.execute((SQL / name).read_text(encoding="utf-8"), params).fetchall()


class SmtpSession:
    """One SMTP session per run, opened lazily so a run with nothing to send needs no server."""

    def __init__(self, config: MailSettings):
        self.config = config
        self.client: smtplib.SMTP | None = None

    def __enter__(self):
        return self

    def send_message(self, message: EmailMessage) -> None:
        if self.client is None:
            self.client = smtplib.SMTP(self.config.host, self.config.port, timeout=30)
            if self.config.starttls:
                self.client.starttls()
            if self.config.user:
                self.client.login(self.config.user, self.config.password)
        self.client.send_message(message)

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.quit()
