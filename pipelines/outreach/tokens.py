"""Single-use invitation tokens: made random, stored only as a hash, redeemed once."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Invitation:
    invitation_id: int
    wave_id: int
    org_code: str | None
    sample_ref: str | None
    completed: bool


ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I, which a person misreads or mistypes


def normalise(code: str) -> str:
    """A code as it was issued, however it was typed: 'abcd efgh' and 'ABCD-EFGH' are the same code."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def hash_token(token: str) -> str:
    """sha256 is enough here: codes are 60 to 100 random bits, not passwords a person chose.

    Exact, because LimeSurvey's tokens are case-sensitive; what a person types goes through `normalise` first.
    """
    return hashlib.sha256(token.strip().encode()).hexdigest()


def new_token(length: int = 20) -> str:
    """A code short enough to type from a letter: letters and digits in groups of 4 (20 of them = 100 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return normalise(raw)


def issue_invitation(
    con: duckdb.DuckDBPyConnection,
    wave_id: int,
    *,
    channel: str,
    org_code: str | None = None,
    sample_ref: str | None = None,
    demo: bool = False,
) -> str:
    """Record an invitation and return its token, which is never stored."""
    token = new_token()
    con.execute(
        "insert into invitations (wave_id, token_hash, org_code, sample_ref, channel, sent_at, is_demo) "
        "values (?, ?, ?, ?, ?, current_timestamp, ?)",
        [wave_id, hash_token(token), org_code, sample_ref, channel, demo],
    )
    return token


def find_invitation(con: duckdb.DuckDBPyConnection, token: str) -> Invitation | None:
    """The invitation of a token from a link, or of a personal code as a person typed it (any case, any spacing)."""
    rows = con.execute(
        "select invitation_id, wave_id, org_code, sample_ref, completed_at is not null "
        "from invitations where token_hash in (?, ?)",
        [hash_token(token), hash_token(normalise(token))],
    ).fetchall()
    return Invitation(*rows[0]) if rows else None


def mark_completed(con: duckdb.DuckDBPyConnection, invitation_id: int) -> bool:
    """Mark used; False if it was already used (so a second use is refused even under a race)."""
    updated = con.execute(
        "update invitations set completed_at = current_timestamp where invitation_id = ? and completed_at is null",
        [invitation_id],
    ).fetchall()[0][0]
    return updated == 1
