"""The personal links that letters and e-mails carry, made only from a public address that reaches people.

The address is handed in (`public_url`, from `settings` at the edges) rather than read here, so the
pipelines stay testable; a letter or e-mail pointing at nobody (no address, or this computer's own)
is refused before any token is issued, because a carer cannot open it and it cannot be taken back.
"""

from __future__ import annotations

import settings
from pipelines.errors import LinksUnreachable


def checked_address(public_url: str, *, allow_loopback: bool = False) -> str:
    """The public address without a trailing slash, or LinksUnreachable saying in one sentence why not."""
    problem = settings.link_address_problem(public_url, allow_loopback=allow_loopback)
    if problem:
        raise LinksUnreachable(problem)
    return public_url.strip().rstrip("/")


def survey_link(address: str, survey_code: str, token: str) -> str:
    """The personal link of one invitation: the survey's page with the token, the same for every instrument."""
    return f"{address}/survey/{survey_code}?token={token}"


def code_page(address: str) -> str:
    """The page where a carer types the personal code printed on a letter."""
    return f"{address}/survey/code"
