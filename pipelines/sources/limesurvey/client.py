"""Talking to a LimeSurvey server through citric, with a timeout on every call and errors a person reads.

Settings per instrument come from the environment (`CARERS_MONITOR_LIMESURVEY_<SURVEY>_URL`, `_USER`,
`_PASSWORD`, `_SURVEY_ID`, `_WAVE`, `_ORG`) or `[limesurvey.<survey>]` in `.streamlit/secrets.toml`.
The password lives only in memory: it is never printed, logged, or written to the database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import citric
import requests
from citric.exceptions import LimeSurveyStatusError, RPCInterfaceNotEnabledError

import settings as app_settings
from pipelines.errors import PipelineError

TIMEOUT_SECONDS = 30.0
KEYS = ("url", "user", "password", "survey_id", "wave", "org")


class LimeSurveyProblem(PipelineError):
    """A sync that stopped before anything landed; the message is the one line a person reads."""


@dataclass(frozen=True)
class Connection:
    survey_code: str
    url: str
    user: str
    password: str = field(repr=False)
    survey_id: int
    wave: str | None = None  # the wave's period the responses belong to, e.g. 2026-Q1
    org: str | None = None  # the organisation running this LimeSurvey survey
    timeout: float = TIMEOUT_SECONDS


def configured(survey_code: str) -> Connection | None:
    """The connection settings for one instrument, or None when it is not set up for LimeSurvey."""
    section = app_settings._secrets().get("limesurvey", {}).get(survey_code, {})
    prefix = f"CARERS_MONITOR_LIMESURVEY_{survey_code.upper()}_"
    values = {key: os.environ.get(prefix + key.upper()) or section.get(key) for key in KEYS}
    if not values["url"]:
        return None
    missing = [key for key in ("user", "password", "survey_id") if not values[key]]
    if missing:
        names = ", ".join(prefix + key.upper() for key in missing)
        raise LimeSurveyProblem(f"LimeSurvey for {survey_code} is set up without {names}: set them and retry.")
    return Connection(
        survey_code,
        values["url"],
        values["user"],
        values["password"],
        int(values["survey_id"]),
        values["wave"],
        values["org"],
    )


class TimeoutSession(requests.Session):
    """citric sets no timeout; without one a silent server would hang the sync for ever."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)


@contextmanager
def client(conn: Connection):
    """An open citric client (the session key is released on leaving); failures become one clear line."""
    with translated(conn):
        lime = citric.Client(conn.url, conn.user, conn.password, requests_session=TimeoutSession(conn.timeout))
    try:
        yield lime
    finally:
        # releasing the key is a courtesy; a dead server must not mask the real result
        with suppress(Exception):
            lime.close()


def call(conn: Connection, action: Callable, *args, **kwargs):
    """Run one client call with the errors translated."""
    with translated(conn):
        return action(*args, **kwargs)


@contextmanager
def translated(conn: Connection):
    try:
        yield
    except LimeSurveyStatusError as error:
        raise LimeSurveyProblem(status_message(conn, str(error))) from None
    except RPCInterfaceNotEnabledError:
        raise LimeSurveyProblem(
            f"The LimeSurvey API is switched off at {conn.url} (it answered with an empty body): in LimeSurvey, "
            "Configuration > Global settings > Interfaces, set 'RPC interface enabled' to JSON-RPC."
        ) from None
    except requests.Timeout:
        raise LimeSurveyProblem(
            f"LimeSurvey at {conn.url} did not answer within {conn.timeout:g} seconds: the server is slow or "
            "stuck; try again later."
        ) from None
    except requests.ConnectionError:
        raise LimeSurveyProblem(
            f"Cannot reach LimeSurvey at {conn.url}: check the address and that the server is running."
        ) from None
    except (requests.HTTPError, citric.exceptions.LimeSurveyError) as error:
        raise LimeSurveyProblem(f"LimeSurvey at {conn.url} answered with an error: {error}") from None


def status_message(conn: Connection, status: str) -> str:
    """The line for one of the `{"status": ...}` answers a real 6.14.0 server gives."""
    sid = conn.survey_id
    known = {
        "Invalid user name or password": f"LimeSurvey at {conn.url} refused user '{conn.user}' and its password: "
        "check the user name and password in the settings.",
        "Error: Invalid survey ID": f"LimeSurvey at {conn.url} has no survey {sid}: check the survey id in the "
        "settings.",
        "No permission": f"User '{conn.user}' may not read survey {sid} at {conn.url} (or it does not exist): "
        "give the user the survey's response permissions or check the survey id.",
        "No Data, survey table does not exist.": f"LimeSurvey survey {sid} is not active, so it has no "
        "responses yet: activate it in LimeSurvey first.",
        "Invalid session key": f"LimeSurvey at {conn.url} dropped the session: try again.",
    }
    return known.get(status, f"LimeSurvey at {conn.url} refused the request for survey {sid}: {status}")
