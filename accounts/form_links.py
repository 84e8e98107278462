"""Short-lived signed links from the signed-in app to an organisation's form, so one form serves both ways in.

The link carries the account's name and the survey, signed with the app's secret key (itsdangerous, a
well-kept library for exactly this) and valid for a few minutes: long enough to click, too short to be
worth stealing. The form checks the account again when the link is opened.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

VALID_SECONDS = 300
SALT = "carers-monitor-form-link"


def sign(secret_key: str, username: str, survey_code: str) -> str:
    return URLSafeTimedSerializer(secret_key, salt=SALT).dumps({"user": username, "survey": survey_code})


def verify(secret_key: str, signed: str, survey_code: str) -> str | None:
    """The account name the link was made for, if it is genuine, recent and for this survey; otherwise None."""
    try:
        payload = URLSafeTimedSerializer(secret_key, salt=SALT).loads(signed, max_age=VALID_SECONDS)
    except BadSignature:  # also SignatureExpired, its subclass
        return None
    if not isinstance(payload, dict) or payload.get("survey") != survey_code:
        return None
    return payload.get("user")
