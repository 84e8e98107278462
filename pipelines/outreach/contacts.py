"""Organisations' e-mail contacts for invitations. Demo contacts use example.org only (RFC 2606)."""

from __future__ import annotations

import duckdb


def add_contact(
    con: duckdb.DuckDBPyConnection, org_code: str, email: str, name: str | None = None, *, demo: bool = False
) -> None:
    con.execute(
        "insert or ignore into org_contacts (org_code, email, name, is_demo) values (?, ?, ?, ?)",
        [org_code, email.strip(), name, demo],
    )


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
