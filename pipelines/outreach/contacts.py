"""Organisations' e-mail contacts for invitations. Demo contacts use example.org only (RFC 2606)."""

from __future__ import annotations

import re

import duckdb

from accounts import audit
from pipelines.errors import PipelineError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactRefused(PipelineError):
    """An address that cannot be a contact; the message says why."""


def add_contact(
    con: duckdb.DuckDBPyConnection,
    org_code: str,
    email: str,
    name: str | None = None,
    *,
    by: str | None = None,
    demo: bool = False,
) -> int:
    """Add an address that receives the organisation's invitations; 1 if it is new, 0 if already there."""
    email = email.strip()
    if not EMAIL.match(email):
        raise ContactRefused(f"'{email}' is not an e-mail address: it should look like name@example.org.")
    if not con.execute("select count(*) from organisations where code = ?", [org_code]).fetchall()[0][0]:
        raise ContactRefused(f"There is no organisation with the code {org_code}.")
    added = con.execute(
        "insert or ignore into org_contacts (org_code, email, name, is_demo) values (?, ?, ?, ?) returning 1",
        [org_code, email, name, demo],
    ).fetchall()
    if added and by is not None:
        audit.record(con, by, "contact_added", org_code=org_code, email=email)
    return len(added)


def remove_contact(con: duckdb.DuckDBPyConnection, org_code: str, email: str, *, by: str | None = None) -> None:
    con.execute("delete from org_contacts where org_code = ? and email = ?", [org_code, email])
    audit.record(con, by, "contact_removed", org_code=org_code, email=email)


def add_demo_contacts(con: duckdb.DuckDBPyConnection, org_codes: list[str]) -> int:
    """One made-up address per organisation, at example.org, which can never reach anyone."""
    if not org_codes:
        return 0
    before = con.execute("select count(*) from org_contacts").fetchall()[0][0]
    con.executemany(
        "insert or ignore into org_contacts (org_code, email, name, is_demo) values (?, ?, ?, true)",
        [[code, f"carers-breaks.{code.lower()}@example.org", f"Carers' lead, {code} (demo)"] for code in org_codes],
    )
    return con.execute("select count(*) from org_contacts").fetchall()[0][0] - before


def contacts_of(con: duckdb.DuckDBPyConnection, org_code: str) -> list[str]:
    return [
        r[0]
        for r in con.execute("select email from org_contacts where org_code = ? order by email", [org_code]).fetchall()
    ]
