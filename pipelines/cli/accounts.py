"""CLI commands for accounts: add one (the first administrator, say), reset a password, switch one off or on,
change a role. Each change ends the account's open sessions in the app and is audited."""

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
    for on in (False, True):
        switch = sub.add_parser(
            f"switch-{'on' if on else 'off'}",
            help="let the account sign in again" if on else "stop the account signing in and end its sessions",
        )
        switch.add_argument("username")
        switch.set_defaults(run=switch_account, on=on)
    role = sub.add_parser("change-role", help="give an account another role (its sessions end)")
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--org", help="organisation code (required for carers_org and commissioner accounts)")
    role.set_defaults(run=change_role)


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


@with_database
def switch_account(con, args, config) -> int:
    users.switch(con, args.username, on=args.on)
    print(f"account {args.username.strip().lower()} switched {'on' if args.on else 'off'}.")
    return 0


@with_database
def change_role(con, args, config) -> int:
    users.change_role(con, args.username, args.role, org_code=args.org)
    print(f"account {args.username.strip().lower()} is now {args.role}; its open sessions end.")
    return 0
