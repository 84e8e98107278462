"""CLI commands for accounts: add one (the first administrator, say) and reset a password."""

from __future__ import annotations

from accounts import users
from accounts.roles import ROLES
from pipelines.cli.database import with_database


def add_parsers(sub) -> None:
    add = sub.add_parser(
        "add-user", help="create an account and print its password once (e.g. the first administrator)"
    )
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--org", help="organisation code (required for carers_org and commissioner accounts)")
    add.add_argument("--name", help="display name")
    add.add_argument("--email", help="e-mail address (matched for single sign-on)")
    add.set_defaults(run=add_user)
    reset = sub.add_parser("reset-password", help="give an account a new random password (printed once) and unlock it")
    reset.add_argument("username")
    reset.set_defaults(run=reset_password)


@with_database
def add_user(con, args, config) -> int:
    password = users.add_user(
        con, args.username, args.role, org_code=args.org, display_name=args.name, email=args.email
    )
    print(f"account {args.username.strip().lower()} ({args.role}) created.")
    print(f"password (shown once; sign in and change it): {password}")
    return 0


@with_database
def reset_password(con, args, config) -> int:
    password = users.reset_password(con, args.username)
    print(f"new password for {args.username} (shown once; they must change it on signing in): {password}")
    return 0
