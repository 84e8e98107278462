"""Single sign-on: which account, if any, an identity from the organisation's OpenID Connect provider signs in.

An e-mail address in an identity token is only a claim: many providers let a person type any address
into their profile, and some (a self-service tenant, a social login) never check it. The address
identifies an account here only when the provider also says, in the standard claim `email_verified`,
that it checked the person controls that address (OpenID Connect Core 1.0, section 5.1). Otherwise
anyone who can make an account at the provider could set the Board chair's address and sign in as the
chair.

`email_verified` counts as true when it is the JSON boolean `true`, as the standard says, or the text
`"true"` in any case, which some providers send instead (Amazon Cognito sends every claim as text).
Anything else is not verified: a missing claim, `false`, `"false"`, `1`, `"yes"`. So a provider that
leaves the claim out (Microsoft Entra ID, for work accounts) signs in no one; docs/operating.md says what
a provider must send.

Every refusal writes one audit line saying why, without the address the identity brought: until it
matches an account it is text typed by someone outside, and the audit log keeps none of that.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from accounts import audit

METHOD = "single sign-on"
UNVERIFIED = "e-mail not verified by the identity provider"
NO_EMAIL = "no e-mail in the identity"
NO_ACCOUNT = "no account with this e-mail"
DISABLED = "account disabled"
SHARED = "more than one account with this e-mail"


def email_is_verified(claims: Mapping[str, object]) -> bool:
    """Whether the provider says it checked the address: `true`, or the text "true" (see the module's docstring)."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


def account_for(con: duckdb.DuckDBPyConnection, claims: Mapping[str, object]) -> str | None:
    """The username of the one active account with the identity's verified e-mail, in any case; else None.

    Either way one audit line is written: a sign-in by that account, or a refusal with its reason.

    The address is not looked up at all unless it is verified, so an unverified identity cannot even
    learn whether an account has that address. Two active accounts with one address are refused rather
    than one chosen: which role the person gets must not depend on the order of rows.
    """
    email = claims.get("email")
    if not email_is_verified(claims):
        audit.record(con, None, "sign_in_failed", method=METHOD, reason=UNVERIFIED)
        return None
    if not isinstance(email, str) or not email.strip():
        audit.record(con, None, "sign_in_failed", method=METHOD, reason=NO_EMAIL)
        return None
    found = con.execute(
        "select username, disabled from users where lower(trim(email)) = lower(?) order by username",
        [email.strip()],
    ).fetchall()
    active = [username for username, disabled in found if not disabled]
    if len(active) == 1:
        audit.record(con, active[0], "sign_in", method=METHOD)
        return active[0]
    if len(active) > 1:
        # the usernames are ours, not the outsider's: an administrator needs them to fix the addresses
        audit.record(con, None, "sign_in_failed", method=METHOD, reason=SHARED, accounts=active)
    elif found:
        audit.record(con, found[0][0], "sign_in_failed", method=METHOD, reason=DISABLED)
    else:
        audit.record(con, None, "sign_in_failed", method=METHOD, reason=NO_ACCOUNT)
    return None


def refusal_message(claims: Mapping[str, object]) -> str:
    """The one sentence to show a person whose identity `account_for` refused, safe to show them.

    It says only whether the provider confirmed the address, which the person can take to their
    organisation; why a confirmed address signs in no one (no account, switched off, shared) is in the
    audit log, for an administrator.
    """
    if not email_is_verified(claims):
        return (
            "Your organisation's account did not confirm your e-mail address, so you cannot sign in with it. "
            "Sign in with your username and password, or ask an administrator."
        )
    return (
        "Your organisation's account is not linked to an account you can use here. "
        "Sign in with your username and password, or ask an administrator."
    )
