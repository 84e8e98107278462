"""The web forms' state on the server: one row of `form_sessions` per journey through a form.

A journey is found by a random secret that the person's browser holds in a cookie, so Back, a reload
or a phone that drops the page keep every answer; "save and come back" adds a short return code that
finds it from any device. Only hashes of both secrets are stored. The answers here are never a
response: they land through `land()` when the person sends them, and are then cleared.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb

import surveys
from pipelines.landing.answers import Answers
from pipelines.outreach.tokens import hash_token, new_token, normalise

KEEP_DAYS = 30
RETURN_CODE_LENGTH = 12  # "ABCD-EFGH-JKLM": 60 random bits, short enough to write down and type
COLUMNS = (
    "form_session_id, survey_code, wave_id, source_id, invitation_id, org_code, subject_code, username, "
    "answers, step, reference, return_code_hash is not null"
)


@dataclass
class FormSession:
    form_session_id: int
    survey_code: str
    wave_id: int
    source_id: str
    invitation_id: int | None
    org_code: str | None
    subject_code: str | None
    username: str | None
    answers: Answers
    step: str | None
    reference: str | None
    saved: bool  # has a return code


def start(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    wave_id: int,
    *,
    source_id: str,
    invitation_id: int | None = None,
    org_code: str | None = None,
    username: str | None = None,
    answers: Answers | None = None,
) -> str:
    """Begin a journey; return the secret for the person's cookie (never stored).

    Journeys past their 30 days are deleted here, as the privacy notice promises: a new journey is the one
    moment the table grows, so it never holds answers longer than that.
    """
    delete_expired(con)
    secret = secrets.token_urlsafe(32)
    con.execute(
        "insert into form_sessions (session_hash, survey_code, wave_id, source_id, invitation_id, org_code, "
        "username, answers, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            hash_token(secret),
            survey_code,
            wave_id,
            source_id,
            invitation_id,
            org_code,
            username,
            _dump(answers or {}),
            _expiry(),
        ],
    )
    return secret


def find(con: duckdb.DuckDBPyConnection, survey_code: str, secret: str | None) -> FormSession | None:
    """The journey this cookie holds for this survey, if it has not expired."""
    if not secret:
        return None
    return _one(con, "session_hash = ? and survey_code = ?", [hash_token(secret), survey_code])


def keep(
    con: duckdb.DuckDBPyConnection,
    session: FormSession,
    *,
    answers: Answers | None = None,
    step: str | None = None,
    subject_code: str | None = None,
    source_id: str | None = None,
) -> None:
    """Store what changed and push the expiry on: a journey lasts 30 days from its last page."""
    if answers is not None:
        session.answers = answers
    session.step = step or session.step
    session.subject_code = subject_code or session.subject_code
    session.source_id = source_id or session.source_id
    con.execute(
        "update form_sessions set answers = ?, step = ?, subject_code = ?, source_id = ?, reference = null, "
        "updated_at = current_timestamp, expires_at = ? where form_session_id = ?",
        [
            _dump(session.answers),
            session.step,
            session.subject_code,
            session.source_id,
            _expiry(),
            session.form_session_id,
        ],
    )
    session.reference = None


def return_code(con: duckdb.DuckDBPyConnection, session: FormSession) -> str:
    """A new return code for this journey (an earlier one stops working: only its hash was kept)."""
    code = new_token(RETURN_CODE_LENGTH)
    con.execute(
        "update form_sessions set return_code_hash = ?, expires_at = ? where form_session_id = ?",
        [hash_token(code), _expiry(), session.form_session_id],
    )
    session.saved = True
    return code


def adopt(con: duckdb.DuckDBPyConnection, survey_code: str, wave_id: int, org_code: str) -> str | None:
    """An organisation's latest journey in this wave, taken over by a new browser (its link opened again), so a
    draft saved yesterday on another computer is where it was left."""
    found = con.execute(
        "select form_session_id from form_sessions where survey_code = ? and wave_id = ? and org_code = ? "
        "and expires_at > current_timestamp order by updated_at desc limit 1",
        [survey_code, wave_id, org_code],
    ).fetchall()
    if not found:
        return None
    secret = secrets.token_urlsafe(32)
    con.execute(
        "update form_sessions set session_hash = ?, expires_at = ? where form_session_id = ?",
        [hash_token(secret), _expiry(), found[0][0]],
    )
    return secret


def holds(con: duckdb.DuckDBPyConnection, session: FormSession, code: str) -> bool:
    """Whether this return code is the journey's current one (so a page may show it back)."""
    return bool(
        con.execute(
            "select 1 from form_sessions where form_session_id = ? and return_code_hash = ?",
            [session.form_session_id, hash_token(normalise(code))],
        ).fetchall()
    )


def resume(con: duckdb.DuckDBPyConnection, code: str) -> tuple[str, FormSession] | None:
    """The journey saved under a return code as the person typed it, with a new cookie secret for this browser."""
    typed = normalise(code)
    if not typed:
        return None
    session = _one(con, "return_code_hash = ? and reference is null", [hash_token(typed)])
    if session is None:
        return None
    secret = secrets.token_urlsafe(32)
    con.execute(
        "update form_sessions set session_hash = ?, expires_at = ? where form_session_id = ?",
        [hash_token(secret), _expiry(), session.form_session_id],
    )
    return secret, session


def sent(con: duckdb.DuckDBPyConnection, session: FormSession, reference: str) -> None:
    """The answers have landed: keep the reference for the confirmation page, drop the answers and the code."""
    con.execute(
        "update form_sessions set answers = '{}', reference = ?, return_code_hash = null, "
        "updated_at = current_timestamp where form_session_id = ?",
        [reference, session.form_session_id],
    )
    session.answers, session.reference, session.saved = {}, reference, False


def delete_expired(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("delete from form_sessions where expires_at <= current_timestamp").fetchall()[0][0]


def _one(con, where: str, params: list) -> FormSession | None:
    rows = con.execute(
        f"select {COLUMNS} from form_sessions where {where} and expires_at > current_timestamp", params
    ).fetchall()
    if not rows:
        return None
    values = list(rows[0])
    values[8] = _revive(values[1], json.loads(values[8]))
    return FormSession(*values)


def _dump(answers: Answers) -> str:
    return json.dumps(answers, default=str)


def _expiry() -> datetime:
    return datetime.now() + timedelta(days=KEEP_DAYS)


def _revive(survey_code: str, answers: Answers) -> Answers:
    """Dates come back from JSON as text; the forms hold them as dates."""
    for question in surveys.load(survey_code).questions:
        if question.type == "date" and isinstance(answers.get(question.code), str):
            try:
                answers[question.code] = date.fromisoformat(answers[question.code][:10])
            except ValueError:
                answers.pop(question.code)
    return answers
