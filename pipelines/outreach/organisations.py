"""Carers' organisations an administrator registers: the area each serves, the commissioners it works with
(and whether each funds it), its contacts, and its retirement.

Commissioners come from the reference data and are never registered here; codes are never invented
for them. A carers' organisation has no national code, so the product gives one (`CO-0001`: the
hyphen keeps it apart from every ODS and ONS code) unless the administrator gives its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from accounts import audit
from pipelines.errors import PipelineError
from pipelines.outreach.contacts import add_contact

SQL = Path(__file__).parent / "sql"

AREA_TYPES = ("LA", "ICB", "CCG", "PCT", "SHA", "NHS_REGION")
COMMISSIONER_TYPES = ("PCT", "CCG", "ICB", "LA")
CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")
COLUMNS = ("code", "name", "area", "works_with", "funded_by", "contact_name", "contact_email")


class OrganisationRefused(PipelineError):
    """An organisation that cannot be registered or changed as asked; the message names what to fix."""


@dataclass
class Registered:
    """What an organisations file did: codes registered, codes updated, contacts added."""

    registered: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    contacts: int = 0


def register(
    con: duckdb.DuckDBPyConnection,
    name: str,
    area_code: str,
    *,
    code: str | None = None,
    works_with: Iterable[str] = (),
    funded_by: Iterable[str] = (),
    by: str | None = None,
    demo: bool = False,
) -> str:
    """Register a carers' organisation and return its code (the one given, or the next `CO-NNNN`)."""
    name = " ".join(name.split())
    if not name:
        raise OrganisationRefused("Give the organisation's name.")
    area = _area(con, area_code)
    code = _new_code(con, code)
    links = _links(con, works_with, funded_by)
    con.execute(
        # no valid_from: a new registration may well have existed in the periods a council looks back on
        "insert into organisations (code, name, type, parent_code, is_demo) values (?, ?, 'carers_org', ?, ?)",
        [code, name, area, demo],
    )
    _replace_links(con, code, links, demo)
    audit.record(con, by, "organisation_registered", org_code=code, name=name, area=area, works_with=sorted(links))
    return code


def update(
    con: duckdb.DuckDBPyConnection,
    code: str,
    *,
    name: str | None = None,
    area_code: str | None = None,
    works_with: Iterable[str] | None = None,
    funded_by: Iterable[str] = (),
    by: str | None = None,
) -> None:
    """Change what is given (name, area, the commissioners it works with); the code never changes."""
    _existing(con, code)
    if name is not None and " ".join(name.split()):
        con.execute("update organisations set name = ? where code = ?", [" ".join(name.split()), code])
    if area_code is not None:
        con.execute("update organisations set parent_code = ? where code = ?", [_area(con, area_code), code])
    if works_with is not None:
        _replace_links(con, code, _links(con, works_with, funded_by), False)
    audit.record(con, by, "organisation_updated", org_code=code)


def retire(con: duckdb.DuckDBPyConnection, code: str, on: date, *, by: str | None = None) -> None:
    """No longer asked from `on`; its past ratings, accounts' history and contacts are kept."""
    _existing(con, code)
    con.execute("update organisations set valid_to = ? where code = ?", [on, code])
    audit.record(con, by, "organisation_retired", org_code=code, on=on)


def allow_imports(con: duckdb.DuckDBPyConnection, org_code: str, allowed: bool, *, by: str | None = None) -> None:
    """Let (or stop) an organisation import files of its own answers on the Import page."""
    code = org_code.strip().upper()
    if not _exists(con, code):
        raise OrganisationRefused(f"There is no organisation with the code {code}.")
    con.execute("delete from import_permissions where org_code = ?", [code])
    if allowed:
        con.execute("insert into import_permissions (org_code, granted_by) values (?, ?)", [code, by])
    audit.record(con, by, "imports_allowed" if allowed else "imports_stopped", org_code=code)


def may_import(con: duckdb.DuckDBPyConnection, org_code: str | None) -> bool:
    return bool(
        org_code
        and con.execute("select count(*) from import_permissions where org_code = ?", [org_code]).fetchall()[0][0]
    )


def carers_organisations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every registered carers' organisation with its area, links and contacts, for the administrators' page."""
    return con.execute((SQL / "carers_organisations.sql").read_text(encoding="utf-8")).df()


def import_organisations(con: duckdb.DuckDBPyConnection, path: Path, *, by: str | None = None) -> Registered:
    """Register (or update, matched by code or by name and area) every organisation of a CSV, all or none.

    Columns: name and area (required), code, works_with and funded_by (codes separated by ';'),
    contact_name and contact_email. Any problem refuses the whole file, naming each row and column.
    """
    try:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise OrganisationRefused(f"{path.name} is not a CSV file of organisations that can be read.") from None
    rows.columns = [c.strip().lower() for c in rows.columns]
    missing = [c for c in ("name", "area") if c not in rows.columns]
    if missing:
        raise OrganisationRefused(
            f"{path.name} has no {' or '.join(missing)} column; the columns are {', '.join(COLUMNS)}."
        )
    result = Registered()
    problems: list[str] = []
    con.begin()
    try:
        for number, record in enumerate(rows.to_dict("records"), start=2):  # row 1 is the header
            try:
                _import_row(con, {str(k): str(v) for k, v in record.items()}, result, by)
            except PipelineError as problem:
                problems.append(f"row {number}: {problem}")
        if problems:
            raise OrganisationRefused(f"Nothing in {path.name} was registered: " + "; ".join(problems[:10]))
        con.commit()
    except Exception:
        con.rollback()
        raise
    return result


def _import_row(con, row: dict[str, str], result: Registered, by: str | None) -> None:
    def codes(column: str) -> list[str]:
        return [c for c in re.split(r"[;,\s]+", row.get(column, "").upper()) if c]

    given = row.get("code", "").strip().upper() or _same_name_and_area(con, row["name"], row["area"])
    if given and _exists(con, given):
        update(
            con,
            given,
            name=row["name"],
            area_code=row["area"],
            works_with=codes("works_with"),
            funded_by=codes("funded_by"),
            by=by,
        )
        result.updated.append(given)
        code = given
    else:
        code = register(
            con,
            row["name"],
            row["area"],
            code=given or None,
            works_with=codes("works_with"),
            funded_by=codes("funded_by"),
            by=by,
        )
        result.registered.append(code)
    if row.get("contact_email", "").strip():
        result.contacts += add_contact(con, code, row["contact_email"], row.get("contact_name") or None, by=by)


def _area(con, area_code: str) -> str:
    code = area_code.strip().upper()
    found = con.execute(
        f"select code from organisations where code = ? and type in ({', '.join('?' * len(AREA_TYPES))})",
        [code, *AREA_TYPES],
    ).fetchall()
    if not found:
        raise OrganisationRefused(
            f"The area '{area_code.strip()}' is not a council, ICB, CCG, PCT, SHA or region code in the reference data."
        )
    return code


def _new_code(con, code: str | None) -> str:
    if code:
        code = code.strip().upper()
        if not CODE.match(code):
            raise OrganisationRefused(f"'{code}' cannot be a code: use 2 to 20 letters, digits or hyphens.")
        if _exists(con, code):
            raise OrganisationRefused(f"{code} is already the code of another organisation.")
        return code
    taken = con.execute(
        "select coalesce(max(cast(substr(code, 4) as integer)), 0) from organisations "
        "where regexp_full_match(code, 'CO-[0-9]{4}')"
    ).fetchall()[0][0]
    return f"CO-{taken + 1:04d}"


def _links(con, works_with: Iterable[str], funded_by: Iterable[str]) -> dict[str, bool]:
    """Commissioner code -> funds it; a funder is a commissioner the organisation works with."""
    funded = {c.strip().upper() for c in funded_by if c.strip()}
    links = {c.strip().upper(): False for c in works_with if c.strip()} | dict.fromkeys(funded, True)
    known = {
        r[0]
        for r in con.execute(
            f"select code from organisations where code in (select unnest(?)) "
            f"and type in ({', '.join('?' * len(COMMISSIONER_TYPES))})",
            [list(links), *COMMISSIONER_TYPES],
        ).fetchall()
    }
    unknown = sorted(set(links) - known)
    if unknown:
        raise OrganisationRefused(
            f"{', '.join(unknown)} {'is not a commissioner' if len(unknown) == 1 else 'are not commissioners'}"
            " (PCT, CCG, ICB or council) in the reference data."
        )
    return links


def _replace_links(con, code: str, links: dict[str, bool], demo: bool) -> None:
    con.execute("delete from carers_org_commissioners where carers_org_code = ?", [code])
    if not links:
        return
    con.executemany(
        "insert into carers_org_commissioners (carers_org_code, commissioner_code, funded, is_demo) "
        "values (?, ?, ?, ?)",
        [[code, commissioner, funds, demo] for commissioner, funds in sorted(links.items())],
    )


def _exists(con, code: str) -> bool:
    return bool(con.execute("select count(*) from organisations where code = ?", [code]).fetchall()[0][0])


def _existing(con, code: str) -> None:
    if not con.execute("select count(*) from organisations where code = ? and type = 'carers_org'", [code]).fetchall()[
        0
    ][0]:
        raise OrganisationRefused(f"There is no carers' organisation with the code {code}.")


def _same_name_and_area(con, name: str, area: str) -> str:
    found = con.execute(
        "select code from organisations where type = 'carers_org' and lower(name) = lower(?) and parent_code = ?",
        [" ".join(name.split()), area.strip().upper()],
    ).fetchall()
    return found[0][0] if found else ""
