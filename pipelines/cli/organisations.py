"""CLI commands for organisations: register carers' organisations, retire one, contacts, who may import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.cli.database import with_database
from pipelines.outreach import organisations
from pipelines.outreach.contacts import add_contact


def add_parsers(sub) -> None:
    add = sub.add_parser("add-organisation", help="register a carers' organisation (prints the code it is given)")
    add.add_argument("name")
    add.add_argument("--area", required=True, help="the council, ICB, CCG, PCT, SHA or region it serves (its code)")
    add.add_argument("--code", help="its own code (default: the next CO-NNNN)")
    add.add_argument("--works-with", default="", help="codes of the commissioners it works with, comma separated")
    add.add_argument("--funded-by", default="", help="codes of the commissioners that fund it, comma separated")
    add.add_argument("--contact-email", help="an address that receives its invitations")
    add.add_argument("--contact-name", help="the contact's name")
    add.set_defaults(run=add_organisation)
    many = sub.add_parser("import-organisations", help="register or update the carers' organisations of a CSV file")
    many.add_argument("file", type=Path)
    many.set_defaults(run=import_organisations)
    retire = sub.add_parser("retire-organisation", help="stop asking a carers' organisation (its history is kept)")
    retire.add_argument("code")
    retire.add_argument("--on", type=date.fromisoformat, help="last day it is asked (default: today)")
    retire.set_defaults(run=retire_organisation)
    contact = sub.add_parser("add-contact", help="add an e-mail contact to any organisation (for invitations)")
    contact.add_argument("code")
    contact.add_argument("email")
    contact.add_argument("--name", help="the contact's name")
    contact.set_defaults(run=add_a_contact)
    imports = sub.add_parser("allow-imports", help="let an organisation import files of its own answers in the app")
    imports.add_argument("code")
    imports.add_argument("--stop", action="store_true", help="stop it instead")
    imports.set_defaults(run=allow_imports)


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


@with_database
def add_organisation(con, args, config) -> int:
    con.begin()  # the organisation and its contact, or neither
    try:
        code = organisations.register(
            con,
            args.name,
            args.area,
            code=args.code,
            works_with=_codes(args.works_with),
            funded_by=_codes(args.funded_by),
            by="cli",
        )
        if args.contact_email:
            add_contact(con, code, args.contact_email, args.contact_name, by="cli")
        con.commit()
    except Exception:
        con.rollback()
        raise
    print(f"registered {code}: {args.name}")
    return 0


@with_database
def import_organisations(con, args, config) -> int:
    result = organisations.import_organisations(con, args.file, by="cli")
    print(
        f"{args.file.name}: {len(result.registered)} registered ({', '.join(result.registered) or 'none'}), "
        f"{len(result.updated)} updated, {result.contacts} contact(s) added"
    )
    return 0


@with_database
def retire_organisation(con, args, config) -> int:
    on = args.on or date.today()
    organisations.retire(con, args.code.upper(), on, by="cli")
    print(f"{args.code.upper()} retired from {on:%d %B %Y}; its past ratings still count")
    return 0


@with_database
def add_a_contact(con, args, config) -> int:
    added = add_contact(con, args.code.upper(), args.email, args.name, by="cli")
    print(f"{args.email} {'added to' if added else 'was already a contact of'} {args.code.upper()}")
    return 0


@with_database
def allow_imports(con, args, config) -> int:
    organisations.allow_imports(con, args.code, not args.stop, by="cli")
    print(f"{args.code.upper()} {'can no longer import' if args.stop else 'may now import'} its own files")
    return 0
