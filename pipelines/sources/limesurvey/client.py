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
# the survey permissions a sync uses, as LimeSurvey's "Survey permissions" page names them (issue 19)
EXPORT = "Responses: Export"
PARTICIPANTS = "Participants: View/read"


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
    url, survey_id = str(values["url"]).strip(), str(values["survey_id"]).strip()
    if not url.lower().startswith(("http://", "https://")):
        raise LimeSurveyProblem(
            f"LimeSurvey for {survey_code} has the address '{url}' ({prefix}URL), which does not start with "
            "http:// or https://: give the whole address, e.g. https://survey.example.org/index.php/admin/remotecontrol."
        )
    if not survey_id.isdigit():
        raise LimeSurveyProblem(
            f"LimeSurvey for {survey_code} has the survey id '{survey_id}' ({prefix}SURVEY_ID), which is not a "
            "number: give the number LimeSurvey shows as the survey's ID."
        )
    return Connection(
        survey_code, url, values["user"], values["password"], int(survey_id), values["wave"], values["org"]
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


def call(conn: Connection, action: Callable, *args, permission: str | None = None):
    """Run one client call with the errors translated; `permission` is the one the call needs."""
    with translated(conn, permission):
        return action(*args)


@contextmanager
def translated(conn: Connection, permission: str | None = None):
    try:
        yield
    except LimeSurveyStatusError as error:
        raise LimeSurveyProblem(status_message(conn, str(error), permission)) from None
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
    except requests.HTTPError:
        raise LimeSurveyProblem(
            f"LimeSurvey at {conn.url} failed with a server error on survey {conn.survey_id}: the server's own log "
            "says why; try again later."
        ) from None
    except citric.exceptions.LimeSurveyApiError as error:  # the server's words, e.g. "unable to decode malformed json"
        raise LimeSurveyProblem(
            f"LimeSurvey at {conn.url} refused the request for survey {conn.survey_id}: {error}"
        ) from None
    except (requests.RequestException, citric.exceptions.LimeSurveyError):
        raise LimeSurveyProblem(
            f"LimeSurvey at {conn.url} gave an answer that is not LimeSurvey's API: check that the address ends "
            "in /index.php/admin/remotecontrol."
        ) from None


def status_message(conn: Connection, status: str, permission: str | None = None) -> str:
    """The line for one of the `{"status": ...}` answers a real 6.14.0 server gives."""
    sid = conn.survey_id
    if status == "No permission" and permission:  # the survey exists: `sync` asked when in doubt
        return (
            f"User '{conn.user}' lacks the permission '{permission}' on survey {sid} at {conn.url}: grant it in "
            "LimeSurvey under the survey's Survey permissions."
        )
    known = {
        "Invalid user name or password": f"LimeSurvey at {conn.url} refused user '{conn.user}' and its password: "
        "check the user name and password in the settings.",
        "Error: Invalid survey ID": f"LimeSurvey at {conn.url} has no survey {sid}: check the survey id in the "
        "settings.",
        "No Data, survey table does not exist.": f"LimeSurvey survey {sid} is not active, so it has no "
        "responses yet: activate it in LimeSurvey first.",
        "Invalid session key": f"LimeSurvey at {conn.url} dropped the session: try again.",
        "Internal database authentication method is not allowed for this user": f"User '{conn.user}' may not "
        f"sign in to LimeSurvey at {conn.url} with a password: give the user the global permission 'Use internal "
        "database authentication'.",
    }
    return known.get(status, f"LimeSurvey at {conn.url} refused the request for survey {sid}: {status}")
