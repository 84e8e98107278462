"""Which exported LimeSurvey responses a sync lands, under which key, and in which order (issue 19).

- Key: `<server>/<survey id>/<response id>` (`limesurvey_server()`, migration 0071), so two surveys, or two
  servers, never share a key. Responses with one participant token share the key of the token's first
  response: a participant who came back with the same link (a survey whose token answers are not
  persistent starts a new response) is one response with versions, not two.
- Of a token's responses the one that counts is the latest submitted, else the latest; it lands last,
  so that it is the current version.
- Edited: a response lands again when the hash of everything exported for it differs from the hash
  remembered at the last sync (`limesurvey_seen`). LimeSurvey's admin "edit response" page can save a
  response without moving its `datestamp`, so the stamp alone would miss such edits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Exported:
    """One response as exported (code headings, short answers), with what a sync needs to know of it."""

    answers: dict
    key: str
    hash: str

    @property
    def id(self) -> int:
        return int(self.answers["id"])

    @property
    def complete(self) -> bool:
        return bool(self.answers.get("submitdate"))

    @property
    def token(self) -> str | None:
        return self.answers.get("token") or None


def keyed(responses: list[dict], server: str, survey_id: int) -> list[Exported]:
    """Every exported response with its key and hash, in response id order."""
    ordered = sorted(responses, key=lambda r: int(r["id"]))
    first: dict[str, int] = {}
    for response in ordered:
        if response.get("token"):
            first.setdefault(response["token"], int(response["id"]))
    return [
        Exported(
            response,
            f"{server}/{survey_id}/{first.get(response.get('token') or '', int(response['id']))}",
            answers_hash(response),
        )
        for response in ordered
    ]


def answers_hash(response: dict) -> str:
    return hashlib.md5(json.dumps(response, sort_keys=True, default=str).encode()).hexdigest()


def to_land(exported: list[Exported], seen: dict[int, str | None], *, incomplete: bool, full: bool) -> list[Exported]:
    """The responses to hand to `land()`, in landing order: per key, the one that counts last.

    A key lands when the response that counts is new or changed since it was seen (every one with `full`:
    `land()` then reports the unchanged as already present). Its other responses land before it only
    if never seen, so an older response of a token never becomes current again.
    """
    wanted = sorted((r for r in exported if incomplete or r.complete), key=lambda r: (r.key, r.id))
    chosen: list[Exported] = []
    for _, group in groupby(wanted, key=lambda r: r.key):
        members = list(group)
        counts = max(members, key=lambda r: (r.complete, r.id))
        if full or seen.get(counts.id, "") != counts.hash:
            chosen += [r for r in members if r is not counts and r.id not in seen] + [counts]
    return chosen
