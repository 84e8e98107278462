"""CLI commands for waves, invitations, reminders, letters and paper questionnaires."""

from __future__ import annotations

import argparse
import functools
from datetime import date
from pathlib import Path

import pandas as pd

import settings
from pipelines.cli.database import Command, with_database
from pipelines.errors import LinksUnreachable
from pipelines.outreach.contacts import add_demo_contacts
from pipelines.outreach.letter_layout import Sender
from pipelines.outreach.letters import make_invitation_letters, make_reminder_letters, read_sample
from pipelines.outreach.mailer import mail_settings, send_invitations, send_reminders
from pipelines.outreach.paper_questionnaire import make_questionnaire
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import close_wave, find_wave, open_wave, organisations_in
from surveys import CODES


def add_parsers(sub) -> None:
    opener = sub.add_parser("open-wave", help="open (or reopen) a wave and set who is asked")
    _wave_args(opener)
    opener.set_defaults(run=open_a_wave)
    opener.add_argument("--opens", type=date.fromisoformat, help="first day (default: the period's first day)")
    opener.add_argument("--closes", type=date.fromisoformat, help="last day (default: the period's last day)")
    opener.add_argument(
        "--rates",
        metavar="PERIOD",
        help="for a rating wave: the commissioner-return wave it rates (default: same period)",
    )
    scope = opener.add_mutually_exclusive_group(required=True)
    scope.add_argument(
        "--org-type",
        choices=["PCT", "CCG", "ICB", "LA", "carers_org"],
        help="every organisation of this type that existed in the period",
    )
    scope.add_argument("--orgs", help="organisation codes, comma separated")
    scope.add_argument("--sample", type=Path, help="carer sample CSV (reference; area, age_band, sex optional)")
    opener.add_argument("--demo-contacts", action="store_true", help="give each organisation an @example.org contact")
    closer = sub.add_parser("close-wave", help="close a wave: web answers refused, paper flagged late")
    _wave_args(closer)
    closer.set_defaults(run=close_a_wave)
    inviter = sub.add_parser("send-invitations", help="e-mail each organisation in scope its invitation link")
    _wave_args(inviter)
    inviter.set_defaults(run=invite)
    reminders = sub.add_parser("send-reminders", help="e-mail the reminders now due to non-responders")
    _wave_args(reminders)
    reminders.set_defaults(run=remind)
    reminders.add_argument("--today", type=date.fromisoformat, help="act as if on this date")
    letters = sub.add_parser("letters", help="make a PDF of postal invitation (or reminder) letters from a sample CSV")
    _wave_args(letters)
    letters.set_defaults(run=make_letters)
    letters.add_argument("--sample", type=Path, required=True, help="CSV with reference and address columns")
    letters.add_argument("--out", type=Path, default=Path("letters.pdf"))
    letters.add_argument("--reminder", action="store_true", help="reminder letters for those who have not answered")
    paper = sub.add_parser("questionnaire", help="write the printable paper questionnaire (PDF)")
    paper.add_argument("--survey", required=True, choices=CODES)
    paper.add_argument("--out", type=Path, help="PDF to write (default: <survey>.pdf)")
    paper.add_argument("--large-print", action="store_true", help="16 point text")
    paper.set_defaults(run=questionnaire)


def _wave_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--survey", required=True, choices=CODES)
    parser.add_argument(
        "--period",
        required=True,
        help="a quarter (2011-Q3), a financial year (2011-12) or a name with --opens/--closes",
    )


def reaching_people(command: Command) -> Command:
    """Refuse, before the database is even opened, a command whose links would reach nobody.

    Opening a wave leads to invitations, so it is refused too: better to learn of a missing public
    address now than after the organisations were told a wave is coming.
    """

    @functools.wraps(command)
    def run(args: argparse.Namespace, config: settings.Settings) -> int:
        problem = settings.public_address_problem(config)
        if problem:
            raise LinksUnreachable(problem)  # printed alone by pipelines.cli.main, which exits with 1
        return command(args, config)

    return run


def questionnaire(args, config) -> int:
    out = args.out or Path(f"{args.survey}{'-large-print' if args.large_print else ''}.pdf")
    print(f"wrote {make_questionnaire(args.survey, out, large_print=args.large_print)}")
    return 0


@reaching_people
@with_database
def open_a_wave(con, args, config) -> int:
    period = parse_period(args.period, args.opens, args.closes)
    scope: pd.DataFrame | list[str]
    if args.sample:
        scope = read_sample(args.sample, need_address=False).drop(columns=["address"], errors="ignore")
    elif args.orgs:
        scope = [code.strip() for code in args.orgs.split(",") if code.strip()]
    else:
        scope = organisations_in(con, args.org_type, period)
    rates = find_wave(con, "commissioner_return", args.rates) if args.rates else None
    wave_id = open_wave(
        con,
        args.survey,
        period.label,
        args.opens or period.start,
        args.closes or period.end,
        scope,
        rates_wave_id=rates,
        opened_by="cli",
    )
    if args.demo_contacts and isinstance(scope, list):  # organisation codes: not a sample
        print(f"{add_demo_contacts(con, scope)} demo contacts added (example.org)")
    print(f"wave {wave_id} ({args.survey} {period.label}, {period.title}) open with {len(scope)} in scope")
    return 0


@with_database
def close_a_wave(con, args, config) -> int:
    close_wave(con, find_wave(con, args.survey, args.period), closed_by="cli")
    print(f"{args.survey} {args.period} closed")
    return 0


@reaching_people
@with_database
def invite(con, args, config) -> int:
    sent = send_invitations(
        con,
        find_wave(con, args.survey, args.period),
        mail_settings(),
        public_url=config.public_url,
        allow_loopback=config.allow_loopback_links,
        sent_by="cli",
    )
    print(f"{sent.invitations} invitation(s) sent")
    if sent.without_contact:
        print("no e-mail contact for: " + ", ".join(sent.without_contact))
    return 0


@reaching_people
@with_database
def remind(con, args, config) -> int:
    sent = send_reminders(
        con,
        find_wave(con, args.survey, args.period),
        mail_settings(),
        public_url=config.public_url,
        allow_loopback=config.allow_loopback_links,
        today=args.today,
        sent_by="cli",
    )
    print(f"{sent.reminders} reminder(s) and {sent.final_reminders} final reminder(s) sent")
    return 0


@reaching_people
@with_database
def make_letters(con, args, config) -> int:
    make = make_reminder_letters if args.reminder else make_invitation_letters
    pages = make(
        con,
        find_wave(con, args.survey, args.period),
        read_sample(args.sample),
        args.out,
        public_url=config.public_url,
        allow_loopback=config.allow_loopback_links,
        sender=Sender.of(config),
        made_by="cli",
    )
    print(f"wrote {args.out}: {pages} letter(s); the addresses were not stored")
    return 0
