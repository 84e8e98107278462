"""Single sign-on picks an account only for an e-mail the provider verified, and audits every refusal.

These call `accounts.single_sign_on` directly on a real database; tests/browser/test_single_sign_on.py
runs the same through Streamlit's st.login() against a local OpenID Connect provider.
"""

from __future__ import annotations

import json

import pytest

from accounts import single_sign_on, users
from tests.conftest import scalar

ADDRESS = "board@example.org"


def audit_lines(con) -> list[tuple[str | None, str, dict]]:
    rows = con.execute(
        "select username, action, detail from audit_log where action like 'sign_in%' order by audit_id"
    ).fetchall()
    return [(username, action, json.loads(detail)) for username, action, detail in rows]


@pytest.mark.parametrize("verified", [True, "true", "TRUE"])
def test_a_verified_email_signs_in_the_one_active_account_with_it_in_any_case(con, verified):
    users.add_user(con, "chair", "board", email="Board@Example.org")
    claims = {"email": "BOARD@example.ORG", "email_verified": verified, "is_logged_in": True}
    assert single_sign_on.account_for(con, claims) == "chair"
    assert audit_lines(con) == [("chair", "sign_in", {"method": "single sign-on"})]


@pytest.mark.parametrize("verified", [False, "false", None, 1, "yes", "", "missing"])
def test_an_email_the_provider_did_not_verify_signs_in_no_one_and_is_not_kept(con, verified):
    users.add_user(con, "chair", "board", email=ADDRESS)
    claims: dict[str, object] = {"email": ADDRESS, "is_logged_in": True}
    if verified != "missing":
        claims["email_verified"] = verified
    assert single_sign_on.account_for(con, claims) is None
    assert audit_lines(con) == [
        (None, "sign_in_failed", {"method": "single sign-on", "reason": single_sign_on.UNVERIFIED})
    ]
    # the address an outsider brought is nowhere in the log, not even in another action's line
    assert scalar(con, "select count(*) from audit_log where detail ilike ?", [f"%{ADDRESS}%"]) == 0
    assert "did not confirm your e-mail address" in single_sign_on.refusal_message(claims)


@pytest.mark.parametrize(
    "claims, reason",
    [
        ({"email": "someone.else@example.org", "email_verified": True}, single_sign_on.NO_ACCOUNT),
        ({"email": "  ", "email_verified": True}, single_sign_on.NO_EMAIL),
        ({"email_verified": True}, single_sign_on.NO_EMAIL),
    ],
)
def test_a_verified_email_with_no_account_signs_in_no_one(con, claims, reason):
    users.add_user(con, "chair", "board", email=ADDRESS)
    assert single_sign_on.account_for(con, claims) is None
    assert audit_lines(con) == [(None, "sign_in_failed", {"method": "single sign-on", "reason": reason})]
    assert scalar(con, "select count(*) from audit_log where detail ilike '%someone.else%'") == 0
    assert "not linked to an account you can use here" in single_sign_on.refusal_message(claims)


def test_a_disabled_account_is_not_signed_in_and_the_refusal_names_it(con):
    users.add_user(con, "chair", "board", email=ADDRESS)
    con.execute("update users set disabled = true where username = 'chair'")
    assert single_sign_on.account_for(con, {"email": ADDRESS, "email_verified": True}) is None
    assert audit_lines(con) == [
        ("chair", "sign_in_failed", {"method": "single sign-on", "reason": single_sign_on.DISABLED})
    ]


def test_two_active_accounts_with_one_email_are_refused_rather_than_one_chosen(con):
    users.add_user(con, "chair", "board", email=ADDRESS)
    users.add_user(con, "deputy", "administrator", email=ADDRESS.upper())
    users.add_user(con, "old-chair", "board", email=ADDRESS)
    con.execute("update users set disabled = true where username = 'old-chair'")
    assert single_sign_on.account_for(con, {"email": ADDRESS, "email_verified": True}) is None
    assert audit_lines(con) == [
        (
            None,
            "sign_in_failed",
            {"method": "single sign-on", "reason": single_sign_on.SHARED, "accounts": ["chair", "deputy"]},
        )
    ]
    # one of the two switched off, the other signs in
    con.execute("update users set disabled = true where username = 'deputy'")
    assert single_sign_on.account_for(con, {"email": ADDRESS, "email_verified": True}) == "chair"
