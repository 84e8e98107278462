"""The web forms' source: answers from a form page go to `land()` with source 'web', and come back
as a reference number or as plain-English problems by question code.

The same functions serve the Streamlit pages, the concurrency test and (later) paper keying, so
a double click, a resubmitted page or two threads at once all take one path.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

import surveys
from accounts import audit
from pipelines.errors import InvitationRefused, WaveClosed
from pipelines.landing.answers import Answers, plain, to_row
from pipelines.landing.group_commit import land_row
from pipelines.landing.land import SOURCE_ID
from pipelines.landing.sql_names import quote
from pipelines.outreach.tokens import find_invitation, mark_completed

PREFIX = {"carer_experience": "CE", "org_rating": "OR", "commissioner_return": "CR"}


@dataclass
class Submitted:
    reference: str | None = None
    landed: bool = False
    new_version: bool = False
    already_present: bool = False
    errors: dict[str, str] = field(default_factory=dict)  # question code -> plain-English message


def reference_for(survey_code: str, source_id: str) -> str:
    """A short reference the person can quote, the same every time for the same submission."""
    digest = hashlib.sha256(source_id.encode()).hexdigest()[:10].upper()  # 40 bits: no clash in millions
    return f"{PREFIX[survey_code]}-{digest[:5]}-{digest[5:]}"


def submit(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    answers: Answers,
    *,
    source_id: str,
    wave_id: int | None,
    submitted_by: str | None = None,
    invitation_id: int | None = None,
    single_use: bool = True,
    source: str = "web",
) -> Submitted:
    """Land one form's answers, once per `source_id` and content (with others arriving meanwhile: see group_commit).

    A carer's invitation is `single_use`; an organisation's may send a revision until its wave closes.
    """
    survey = surveys.load(survey_code)
    if wave_id is None:  # answers that no wave would show: take nothing rather than keep an orphan
        raise WaveClosed("This survey is not open now, so your answers were not sent.")
    if invitation_id is not None and not mark_completed(con, invitation_id) and single_use:
        raise InvitationRefused("This invitation link has already been used to send answers.")
    try:
        batch_id, row = land_row(
            con,
            survey_code,
            {**to_row(survey, answers), SOURCE_ID: source_id},
            source=source,
            wave_id=wave_id,
            submitted_by=submitted_by,
        )
    except BaseException:
        _reopen(con, invitation_id)
        raise
    if row.status == "quarantined":
        _reopen(con, invitation_id)
        errors: dict[str, str] = {}
        for name, reason in row.problems:
            code = name.split("[")[0]
            errors.setdefault(code, plain(reason, code))
        return Submitted(errors=errors)
    outcome = Submitted(
        reference=reference_for(survey_code, source_id),
        landed=row.status != "already_present",
        new_version=row.status == "new_version",
        already_present=row.status == "already_present",
    )
    if outcome.landed:
        audit.record(
            con,
            submitted_by,
            "revision" if outcome.new_version else "submission",
            survey=survey_code,
            wave_id=wave_id,
            reference=outcome.reference,
            batch_id=batch_id,
        )
    return outcome


def _reopen(con, invitation_id: int | None) -> None:
    if invitation_id is not None:
        con.execute("update invitations set completed_at = null where invitation_id = ?", [invitation_id])


def invitation_for(con: duckdb.DuckDBPyConnection, token: str):
    """The usable invitation for a token or a typed code, or InvitationRefused with a kind message (and no data).

    A carer's invitation works once; an organisation's works again to change its answers until the wave closes.
    """
    invitation = find_invitation(con, token)
    if invitation is None:
        raise InvitationRefused(
            "We could not find this code. Check the link or the code in your letter or e-mail, "
            "or use the open survey link instead."
        )
    closes = con.execute(
        "select closes from waves where wave_id = ? and (closed_at is not null or closes < current_date)",
        [invitation.wave_id],
    ).fetchall()
    if closes:
        raise InvitationRefused(
            f"This survey closed on {closes[0][0]:%-d %B %Y}, so it no longer takes answers. Thank you for your help."
        )
    if invitation.completed and invitation.org_code is None:
        raise InvitationRefused(
            "Answers have already been sent with this invitation, so it cannot be used again. "
            "Thank you for taking part."
        )
    return invitation


def open_wave(con: duckdb.DuckDBPyConnection, survey_code: str) -> tuple[int, str] | None:
    """(wave id, title) of the survey's wave open today, the latest if several; None if none is open."""
    found = con.execute(
        "select wave_id, title from waves where survey_code = ? and closed_at is null "
        "and opens <= current_date and closes >= current_date order by opens desc limit 1",
        [survey_code],
    ).fetchall()
    return found[0] if found else None


def is_open(con: duckdb.DuckDBPyConnection, wave_id: int) -> bool:
    return bool(
        con.execute(
            "select 1 from waves where wave_id = ? and closed_at is null and opens <= current_date "
            "and closes >= current_date",
            [wave_id],
        ).fetchall()
    )


def next_opening(con: duckdb.DuckDBPyConnection, survey_code: str) -> date | None:
    """When the survey's next wave opens, if one is planned."""
    found = con.execute(
        "select min(opens) from waves where survey_code = ? and closed_at is null and opens > current_date",
        [survey_code],
    ).fetchall()
    return found[0][0]


def org_options(con: duckdb.DuckDBPyConnection, org_types: list[str]) -> dict[str, str]:
    """{code: name} of the organisations a picker offers, current ones first in name order."""
    rows = con.execute(
        f"select code, name from organisations where type in ({', '.join('?' * len(org_types))}) "
        "order by valid_to is not null, name",
        list(org_types),
    ).fetchall()
    return dict(rows)


def current_answers(con: duckdb.DuckDBPyConnection, survey_code: str, wave_id: int, source_id: str) -> Answers:
    """The answers of the current version under this source id (to revise), as the form holds them."""
    rows = con.execute(
        "select r.received from int_raw_rows as r join "
        f"{quote('response_' + survey_code)} as t using (raw_id) "
        "where t.wave_id = ? and t.source_id = ? and t.is_current and t.source = 'web'",
        [wave_id, source_id],
    ).fetchall()
    if not rows:
        return {}
    return from_row(surveys.load(survey_code), json.loads(rows[0][0]))


def versions(con: duckdb.DuckDBPyConnection, survey_code: str, wave_id: int, source_id: str) -> int:
    return con.execute(
        f"select count(*) from {quote('response_' + survey_code)} "
        "where wave_id = ? and source_id = ? and source = 'web'",
        [wave_id, source_id],
    ).fetchall()[0][0]


def from_row(survey, row: dict[str, str]) -> Answers:
    """The inverse of `to_row`, for revising a stored submission."""
    answers: Answers = {}
    for question in survey.questions:
        if question.type == "multi":
            ticked = [o.code for o in question.options if row.get(f"{question.code}[{o.code}]") == "Y"]
            if ticked:
                answers[question.code] = ticked
        elif question.type == "array":
            answers[question.code] = {s.code: row.get(f"{question.code}[{s.code}]") for s in question.subquestions}
        elif row.get(question.code):
            text = row[question.code]
            value: str | date | list[str] = text
            if question.type == "date":
                value = date.fromisoformat(text)
            elif question.type == "org" and question.multiple:
                value = text.split(";")
            answers[question.code] = value
    return answers


def commissioners_in_area(con: duckdb.DuckDBPyConnection, rater: str) -> dict[str, str]:
    """{code: name} of the commissioners this carers' organisation rates."""
    sql = (Path(__file__).parent / "sql" / "commissioners_in_area.sql").read_text(encoding="utf-8")
    return dict(con.execute(sql, {"rater": rater}).fetchall())
