"""Reminders that go out by themselves: a scheduler in the app's own process sends the due reminders every
so often and logs each run in `schedule_runs`; in-process because the app holds the only read-write
connection to the DuckDB file while it serves, so a separate job could not open the database.

The interval is `CARERS_MONITOR_REMINDER_MINUTES` (default 60). Without the app running, cron can call
`python -m pipelines send-reminders` instead; either way a reminder goes to an organisation only once.
"""

from __future__ import annotations

import logging
import os
import smtplib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
from apscheduler.schedulers.background import BackgroundScheduler

import settings
from pipelines.outreach.mailer import MailSettings, mail_settings, send_reminders

JOB = "send_due_reminders"
DEFAULT_MINUTES = 60

logger = logging.getLogger(__name__)

OPEN_WAVES = """
select w.wave_id
from waves as w
where w.closed_at is null and w.opens <= $today and $today <= w.closes
    and exists (select 1 from invitations as i where i.wave_id = w.wave_id and i.channel = 'email')
order by w.wave_id
"""

NOT_SET_UP = (
    "Mail is not set up (no SMTP host in the [smtp] table of .streamlit/secrets.toml or "
    "CARERS_MONITOR_SMTP_HOST), so no reminders were sent."
)


@dataclass(frozen=True)
class Run:
    """One run of the job, as recorded in `schedule_runs`."""

    run_id: int
    outcome: str  # 'ok', 'skipped' or 'failed'
    detail: str
    reminders: int = 0
    final_reminders: int = 0


def send_due_reminders(
    con: duckdb.DuckDBPyConnection,
    config: MailSettings,
    *,
    public_url: str,
    allow_loopback: bool = False,
    today: date | None = None,
) -> Run:
    """Send every reminder due today in every open wave with e-mail invitations, and record the run.

    A mail server that cannot be reached or refuses is recorded as a failed run, not raised: the next
    run tries again, and reminders already sent are not sent twice. While the public address would
    reach nobody the run is skipped with the sentence saying why, and no link is replaced.
    """
    started = datetime.now()
    today = today or date.today()
    if not config.host.strip():
        return _record(con, started, "skipped", NOT_SET_UP)
    unreachable = settings.link_address_problem(public_url, allow_loopback=allow_loopback)
    if unreachable:
        return _record(con, started, "skipped", unreachable)
    waves = [row[0] for row in con.execute(OPEN_WAVES, {"today": today}).fetchall()]
    reminders = final_reminders = 0
    try:
        for wave_id in waves:
            sent = send_reminders(
                con,
                wave_id,
                config,
                public_url=public_url,
                allow_loopback=allow_loopback,
                today=today,
                sent_by="schedule",
            )
            reminders += sent.reminders
            final_reminders += sent.final_reminders
    except (smtplib.SMTPException, OSError) as error:  # SMTPException is an OSError; named for the reader
        return _record(con, started, "failed", _mail_failure(config, error), reminders, final_reminders)
    if not waves:
        detail = "No wave with e-mail invitations is open today, so no reminders were due."
    elif reminders or final_reminders:
        detail = f"{_counts(reminders, final_reminders)} sent for {_plural(len(waves), 'open wave')}."
    else:
        detail = f"No reminders were due for {_plural(len(waves), 'open wave')}."
    return _record(con, started, "ok", detail, reminders, final_reminders)


def mail_configured() -> bool:
    """Whether an SMTP host was given (secrets.toml [smtp] host, or CARERS_MONITOR_SMTP_HOST).

    The built-in default host (localhost) does not count, so a fresh checkout and the tests start no
    scheduler and send nothing.
    """
    given = {}
    if settings.SECRETS.exists():
        given = tomllib.loads(settings.SECRETS.read_text(encoding="utf-8")).get("smtp", {})
    return bool(str(os.environ.get("CARERS_MONITOR_SMTP_HOST", given.get("host", ""))).strip())


def reminder_minutes() -> int:
    """How often the scheduler looks for due reminders: CARERS_MONITOR_REMINDER_MINUTES, default 60."""
    raw = os.environ.get("CARERS_MONITOR_REMINDER_MINUTES", str(DEFAULT_MINUTES)).strip()
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"CARERS_MONITOR_REMINDER_MINUTES must be a whole number of minutes, 1 or more, not {raw!r}.")
    return int(raw)


def start(
    open_cursor: Callable[[], duckdb.DuckDBPyConnection],
    *,
    every_minutes: int | None = None,
    first_run_after: timedelta = timedelta(minutes=1),
) -> BackgroundScheduler:
    """Start a background scheduler (a daemon thread) that sends the due reminders every `every_minutes`
    (default: reminder_minutes()), the first time `first_run_after` from now; shut it down with
    `.shutdown()`. Each run opens a fresh cursor and reads the mail settings and the public address anew."""
    minutes = every_minutes or reminder_minutes()
    _log_to_the_terminal()
    scheduler = BackgroundScheduler(daemon=True)
    scheduler.add_job(
        _run,
        "interval",
        args=[open_cursor],
        minutes=minutes,
        id=JOB,
        name="send the due reminders",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=datetime.now().astimezone() + first_run_after,
    )
    scheduler.start()
    logger.info("Reminders are sent by themselves every %d minute(s) while the app serves.", minutes)
    return scheduler


def _run(open_cursor: Callable[[], duckdb.DuckDBPyConnection]) -> None:
    """The scheduled job: nothing raises out of it, so the scheduler keeps running."""
    try:
        con = open_cursor()
    except Exception:
        logger.exception("The scheduled reminders could not open the database.")
        return
    try:
        site = settings.read()
        send_due_reminders(con, mail_settings(), public_url=site.public_url, allow_loopback=site.allow_loopback_links)
    except Exception:
        logger.exception("The scheduled reminders stopped with an unexpected error.")
    finally:
        con.close()


def _record(
    con: duckdb.DuckDBPyConnection,
    started: datetime,
    outcome: str,
    detail: str,
    reminders: int = 0,
    final_reminders: int = 0,
) -> Run:
    run_id = con.execute(
        "insert into schedule_runs (job, started_at, finished_at, outcome, detail) values (?, ?, ?, ?, ?) "
        "returning run_id",
        [JOB, started, datetime.now(), outcome, detail],
    ).fetchall()[0][0]
    (logger.warning if outcome == "failed" else logger.info)("Reminder run %d, %s: %s", run_id, outcome, detail)
    return Run(run_id, outcome, detail, reminders, final_reminders)


def _mail_failure(config: MailSettings, error: OSError) -> str:
    server = f"{config.host}:{config.port}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"The mail server at {server} refused the user name or password in the [smtp] settings."
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server at {server} refused a reminder (it answered {error.smtp_code})."
    if isinstance(error, smtplib.SMTPException) and not isinstance(error, smtplib.SMTPServerDisconnected):
        return f"The mail server at {server} refused a reminder."
    return f"The mail server at {server} could not be reached."


def _counts(reminders: int, final_reminders: int) -> str:
    parts = [_plural(reminders, "reminder")] if reminders else []
    parts += [_plural(final_reminders, "final reminder")] if final_reminders else []
    return " and ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _log_to_the_terminal() -> None:
    """Under `make run` nothing configures logging: show this module's runs in the app's terminal."""
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
