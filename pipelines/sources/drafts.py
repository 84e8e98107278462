"""Save and come back later: unfinished answers kept server-side for 30 days under a return code.

Only the code's hash is stored (as with invitation tokens). Drafts live in `drafts`, outside the
landing path, so they are never counted as responses; submitting deletes the draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb

import surveys
from pipelines.landing.answers import Answers
from pipelines.outreach.tokens import hash_token, new_token

KEEP_DAYS = 30


@dataclass(frozen=True)
class Draft:
    survey_code: str
    wave_id: int | None
    invitation_id: int | None
    answers: Answers
    step: str | None
    expires_at: datetime


def save_draft(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    answers: Answers,
    *,
    step: str | None,
    wave_id: int | None,
    invitation_id: int | None = None,
    code: str | None = None,
) -> str:
    """Store (or replace) the unfinished answers; return the return code, new unless one was given."""
    code = code or new_token()
    expires = datetime.now() + timedelta(days=KEEP_DAYS)
    con.execute("delete from drafts where code_hash = ?", [hash_token(code)])
    con.execute(
        "insert into drafts (code_hash, survey_code, wave_id, invitation_id, answers, step, expires_at) "
        "values (?, ?, ?, ?, ?, ?, ?)",
        [hash_token(code), survey_code, wave_id, invitation_id, json.dumps(answers, default=str), step, expires],
    )
    return code


def load_draft(con: duckdb.DuckDBPyConnection, code: str) -> Draft | None:
    """The draft saved under this code if it has not expired, with dates turned back into dates."""
    rows = con.execute(
        "select survey_code, wave_id, invitation_id, answers, step, expires_at from drafts "
        "where code_hash = ? and expires_at > current_timestamp",
        [hash_token(code.strip().upper())],
    ).fetchall()
    if not rows:
        return None
    survey_code, wave_id, invitation_id, answers, step, expires_at = rows[0]
    return Draft(survey_code, wave_id, invitation_id, _revive(survey_code, json.loads(answers)), step, expires_at)


def delete_draft(con: duckdb.DuckDBPyConnection, code: str | None) -> None:
    if code:
        con.execute("delete from drafts where code_hash = ?", [hash_token(code.strip().upper())])


def delete_expired(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("delete from drafts where expires_at <= current_timestamp").fetchall()[0][0]


def _revive(survey_code: str, answers: Answers) -> Answers:
    survey = surveys.load(survey_code)
    for question in survey.questions:
        if question.type == "date" and isinstance(answers.get(question.code), str):
            answers[question.code] = date.fromisoformat(answers[question.code][:10])
    return answers
