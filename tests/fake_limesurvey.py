"""A loopback LimeSurvey RemoteControl 2 server answering from the recordings of a real 6.14.0 server.

Only the far end of the network is fake: the pipeline talks to it through the real citric client
and requests. Answers come from `tests/fixtures/limesurvey/rpc/*.json`; the responses and
participants are kept as editable state so a test can add or edit a response between syncs.
A `scenario` switches the server into one of the failures a real server shows.
"""

from __future__ import annotations

import base64
import copy
import json
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.loopback import LoopbackServer

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "limesurvey"
ACTIVE_SID = 246810
INACTIVE_SID = 135790
COPY_SID = 246811  # a second active survey: the recorded one imported again, its responses numbered from 1 too
USER, PASSWORD = "admin", "Admin123!"
PATH = "/index.php/admin/remotecontrol"
SCENARIOS = ("ok", "rpc_off", "no_permission", "no_participant_permission", "no_password_sign_in", "slow")
# what 6.14.0 answered a user without the global permission 'Use internal database authentication' (seen live)
NO_PASSWORD_SIGN_IN = "Internal database authentication method is not allowed for this user"


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / "rpc" / f"{name}.json").read_text())


def recorded_export() -> list[dict]:
    return json.loads((FIXTURES / "exports" / "responses_code_short.json").read_text())["responses"]


def recorded_result(name: str):
    return recorded(name)["response"]["result"]


def status(message: str) -> dict:
    return {"status": message}


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that gave up (the timeout test) breaks the pipe; that is expected, not news."""


class FakeLimeSurvey(LoopbackServer):
    """State of the fake server; `url` is what a client is given."""

    def __init__(self) -> None:
        self.scenario = "ok"
        self.delay = 0.0
        self.responses = recorded_export()
        self.copy_responses: list[dict] = []  # survey COPY_SID's
        self.participants = recorded_result("list_participants")
        self.session_key = recorded_result("get_session_key")
        self.calls: list[tuple[str, list]] = []
        super().__init__(self._handler(), QuietServer)
        self.url = f"{self.origin}{PATH}"

    def edit(self, response_id: int, *, saved_at: str | None = "2026-02-01 09:00:00", **answers) -> None:
        """Change a response; LimeSurvey's web pages also move its `datestamp` (`saved_at=None`: they don't)."""
        for response in self.responses:
            if response["id"] == response_id:
                response.update(answers)
                if saved_at:
                    response["datestamp"] = saved_at

    def add(self, *, to: int = ACTIVE_SID, **answers) -> int:
        """A new response (a copy of the first recorded one, without a token unless given) in survey `to`."""
        responses = self._responses(to)
        new = copy.deepcopy(self.responses[0] if self.responses else recorded_export()[0])
        new.update({"id": max([r["id"] for r in responses], default=0) + 1, "token": None, **answers})
        responses.append(new)
        return new["id"]

    def _responses(self, sid) -> list[dict]:
        return self.copy_responses if int(sid) == COPY_SID else self.responses

    # the answers, method by method

    def answer(self, method: str, params: list):
        self.calls.append((method, params))
        if method == "get_session_key":
            if self.scenario == "no_password_sign_in":
                return status(NO_PASSWORD_SIGN_IN)
            right = params[:2] == [USER, PASSWORD]
            return self.session_key if right else recorded_result("error_get_session_key_wrong_password")
        if method == "release_session_key":
            return "OK"
        if params[0] != self.session_key:
            return status("Invalid session key")
        handler = getattr(self, f"_{method}", None)
        return handler(*params[1:]) if handler else None

    def _survey(self, sid, *, refused: tuple[str, ...] = ("no_permission",)) -> dict | None:
        """The status a survey-level call gets, or None when the survey may be read: as in 6.14.0's code, the
        survey's existence is checked first, then the permission (the scenarios in `refused` lack it)."""
        if int(sid) not in (ACTIVE_SID, INACTIVE_SID, COPY_SID):
            return status("Error: Invalid survey ID")
        if self.scenario in refused:
            return status("No permission")
        return None

    def _get_survey_properties(self, sid, names=None):
        refused = self._survey(sid)
        if refused:
            return refused
        props = recorded_result("get_survey_properties")
        props["active"] = "Y" if int(sid) == ACTIVE_SID else "N"
        return {k: props[k] for k in names} if names else props

    def _get_site_settings(self, name):
        return recorded_result("get_site_settings_versionnumber")

    def _export_responses(
        self,
        sid,
        fmt,
        lang=None,
        completion="all",
        heading="code",
        answers="short",
        from_id=None,
        to_id=None,
        fields=None,
        options=None,
    ):
        if self.scenario == "no_permission" or int(sid) not in (ACTIVE_SID, INACTIVE_SID, COPY_SID):
            return status("No permission")  # as recorded: permission is checked before existence
        if int(sid) == INACTIVE_SID:
            return recorded_result("error_export_responses_inactive_survey")
        if not self._responses(sid):
            return recorded_result("error_export_responses_no_responses")
        rows = [
            r
            for r in self._responses(sid)
            if (completion != "complete" or r["submitdate"])
            and (completion != "incomplete" or not r["submitdate"])
            and (from_id is None or r["id"] >= int(from_id))
            and (to_id is None or r["id"] <= int(to_id))
        ]
        if fields:  # as recorded: column names, with `id` and `datestamp` named as themselves
            rows = [{key: row[key] for key in fields if key in row} for row in rows]
        return base64.b64encode(json.dumps({"responses": rows}).encode()).decode()

    def _list_participants(self, sid, start=0, limit=10, unused=False, attributes=False, conditions=None):
        refused = self._survey(sid, refused=("no_permission", "no_participant_permission"))
        if refused:
            return refused
        if int(sid) == INACTIVE_SID:
            return recorded_result("error_list_participants_no_token_table")
        people = self.participants if int(sid) == ACTIVE_SID else []
        rows = [p for p in people if p["tid"] >= int(start or 0)][: int(limit)]
        return rows or recorded_result("error_list_participants_none_found")

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if fake.scenario == "slow":
                    time.sleep(fake.delay)
                if fake.scenario == "rpc_off":
                    return self._send(b"", "text/html; charset=UTF-8")
                result = fake.answer(body["method"], body["params"])
                reply = {"id": body["id"], "result": result, "error": None}
                self._send(json.dumps(reply).encode(), "application/json")

            def _send(self, payload: bytes, content_type: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        return Handler


def closed_port_url() -> str:
    """A loopback URL where nothing listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{PATH}"
