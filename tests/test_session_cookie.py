"""Signing in survives a reload: the session kept on the server, the one-time ticket the sign-in page hands
the browser, the app's own routes that set and clear the HttpOnly cookie, and a fresh Streamlit session
taking the signed-in session up again only while the session rules allow it.

The routes are tried over HTTP with Starlette's test client on the real routes and a real DuckDB file; the
whole app through AppTest, given the cookie a browser would send (AppTest has no browser, so
`browser_cookie` is handed the value the route set). tests/browser/test_session_cookie.py does it all in
Chromium, and tests/browser/test_behind_https.py checks the cookie is Secure behind the HTTPS proxy.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
import time_machine
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from accounts import sessions, users
from dashboards.ui import session as app_session
from tests.conftest import ROOT, scalar, signed_in_app
from warehouse.connection import connect
from web.security import MIDDLEWARE
from web.sessions import ROUTES

MORNING = datetime(2026, 12, 2, 9, 0)


@pytest.fixture
def clock():
    with time_machine.travel(MORNING) as traveller:
        yield traveller


def client(https: bool = False) -> TestClient:
    return TestClient(
        Starlette(routes=ROUTES, middleware=MIDDLEWARE),
        base_url="https://carers.example" if https else "http://carers.example",
        follow_redirects=False,
    )


def ticket_of(at) -> str:
    """The ticket in the address the app sends the browser to after signing in."""
    scripts = [element.proto.body for element in at.get("html") if "/session/start" in element.proto.body]
    assert len(scripts) == 1, scripts
    found = re.search(r"ticket=([\w-]+)", scripts[0])
    assert found is not None
    return found.group(1)


def cookie_from(response) -> str:
    return response.cookies[sessions.COOKIE]


def reloaded(monkeypatch, cookie: str | None):
    """The app opened afresh (a reload) in a browser that sends `cookie`."""
    monkeypatch.setattr(app_session, "browser_cookie", lambda: cookie)
    return AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()


def signed_in_with_cookie(db_path) -> tuple[AppTest, str]:
    at = signed_in_app(db_path, "chair", "board")
    with client() as http:
        cookie = cookie_from(http.get("/session/start", params={"ticket": ticket_of(at)}))
    return at, cookie


def test_the_ticket_buys_one_httponly_lax_cookie_once_and_only_its_hash_is_kept(app_env, db_path):
    app_env(db_path)
    at = signed_in_app(db_path, "chair", "board")
    ticket = ticket_of(at)
    with client() as http:
        first = http.get("/session/start", params={"ticket": ticket})
        again = http.get("/session/start", params={"ticket": ticket})
        forged = http.get("/session/start", params={"ticket": "x" * 43})
    assert first.status_code == 303 and first.headers["location"] == "/"
    header = first.headers["set-cookie"]
    assert header.startswith(f"{sessions.COOKIE}=")
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header and "Max-Age=43200" in header
    assert "Secure" not in header  # plain HTTP (a developer's machine): a Secure cookie would never come back
    assert first.headers["cache-control"] == "no-store"
    assert "set-cookie" not in again.headers and "set-cookie" not in forged.headers
    value = cookie_from(first)
    con = connect(db_path)
    stored = con.execute("select * from app_sessions").df().astype(str).to_string()
    con.close()
    assert value not in stored and ticket not in stored and "chair" not in value and len(value) >= users.MIN_LENGTH


def test_over_https_the_cookie_is_secure(app_env, db_path):
    app_env(db_path)
    at = signed_in_app(db_path, "chair", "board")
    with client(https=True) as http:
        header = http.get("/session/start", params={"ticket": ticket_of(at)}).headers["set-cookie"]
    assert "Secure" in header and "HttpOnly" in header


def test_a_ticket_older_than_a_minute_buys_nothing(app_env, db_path, clock):
    app_env(db_path)
    at = signed_in_app(db_path, "chair", "board")
    clock.shift(timedelta(seconds=sessions.TICKET_SECONDS + 1))
    with client() as http:
        assert "set-cookie" not in http.get("/session/start", params={"ticket": ticket_of(at)}).headers


def test_a_reload_with_the_cookie_is_still_signed_in_and_without_it_is_not(app_env, db_path, monkeypatch):
    app_env(db_path)
    _, cookie = signed_in_with_cookie(db_path)
    again = reloaded(monkeypatch, cookie)
    assert again.session_state["user"].username == "chair"
    assert any("Signed in as" in caption.value for caption in again.sidebar.caption)
    assert "user" not in reloaded(monkeypatch, None).session_state
    assert "user" not in reloaded(monkeypatch, "made-up").session_state


@pytest.mark.parametrize(
    "wait, sentence",
    [
        pytest.param(
            timedelta(minutes=31),
            "You were signed out after 30 minutes without using Carers Monitor. Sign in again to carry on.",
            id="idle",
        ),
        pytest.param(
            None, "You were signed out 12 hours after signing in. Sign in again to carry on.", id="twelve_hours"
        ),
    ],
)
def test_an_idle_or_old_session_is_not_taken_up_by_a_reload(app_env, db_path, monkeypatch, clock, wait, sentence):
    app_env(db_path)
    _, cookie = signed_in_with_cookie(db_path)
    if wait is None:  # busy all day: a step every 25 minutes, each one a reload, for 12 hours
        for _ in range(12 * 60 // 25):
            clock.shift(timedelta(minutes=25))
            assert "user" in reloaded(monkeypatch, cookie).session_state
        wait = timedelta(minutes=25)
    clock.shift(wait)
    again = reloaded(monkeypatch, cookie)
    assert "user" not in again.session_state
    assert [w.value for w in again.warning] == [sentence]
    assert "user" not in reloaded(monkeypatch, cookie).session_state  # ended for good, and said once
    assert not reloaded(monkeypatch, cookie).warning


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda con: users.reset_password(con, "chair", reset_by="admin"), id="password_reset"),
        pytest.param(lambda con: users.change_role(con, "chair", "administrator", by="admin"), id="role_change"),
        pytest.param(lambda con: users.switch(con, "chair", on=False, by="admin"), id="switched_off"),
    ],
)
def test_an_account_changed_since_is_not_taken_up_by_a_reload(app_env, db_path, monkeypatch, change):
    app_env(db_path)
    _, cookie = signed_in_with_cookie(db_path)
    con = connect(db_path)
    change(con)
    con.close()
    again = reloaded(monkeypatch, cookie)
    assert "user" not in again.session_state
    assert again.warning[0].value.startswith(("Your password or your role", "Your account has been switched off"))


def test_signing_out_ends_the_session_on_the_server_and_hands_the_browser_to_session_end(app_env, db_path, monkeypatch):
    app_env(db_path)
    at, cookie = signed_in_with_cookie(db_path)
    at.sidebar.button(key="sign_out").click().run()
    assert "user" not in at.session_state
    assert any('"/session/end"' in element.proto.body for element in at.get("html"))
    assert "user" not in reloaded(monkeypatch, cookie).session_state  # the cookie is dead even if kept
    with client() as http:
        http.cookies.set(sessions.COOKIE, cookie)
        cleared = http.get("/session/end")
    assert cleared.status_code == 303
    assert f'{sessions.COOKIE}="";' in cleared.headers["set-cookie"] and "Max-Age=0" in cleared.headers["set-cookie"]


def test_session_end_ends_an_open_session_and_audits_it(app_env, db_path, monkeypatch):
    app_env(db_path)
    _, cookie = signed_in_with_cookie(db_path)
    with client() as http:
        http.cookies.set(sessions.COOKIE, cookie)
        http.get("/session/end")
    assert "user" not in reloaded(monkeypatch, cookie).session_state
    con = connect(db_path)
    assert scalar(con, "select ended_why from app_sessions") == "signed out"
    assert json.loads(scalar(con, "select detail from audit_log where action = 'session_cookie_cleared'")) == {}
    assert scalar(con, "select username from audit_log where action = 'session_cookie_cleared'") == "chair"
    con.close()


def test_changing_ones_own_password_keeps_the_cookies_session(app_env, db_path, monkeypatch):
    from tests.conftest import APP_PASSWORD

    app_env(db_path)
    at, cookie = signed_in_with_cookie(db_path)
    at.switch_page(str(ROOT / "dashboards/pages/account.py")).run()
    at.text_input(key="change_password_old").input(APP_PASSWORD)
    at.text_input(key="change_password_new").input("another long password")
    at.text_input(key="change_password_again").input("another long password")
    at.button(key="FormSubmitter:change_password_form-Change password").click().run()
    assert "user" in at.session_state and at.success, [e.value for e in at.error]
    assert reloaded(monkeypatch, cookie).session_state["user"].username == "chair"


def test_tabs_share_the_session_signing_out_in_one_ends_the_other_and_use_in_one_keeps_both(
    app_env, db_path, monkeypatch, clock
):
    app_env(db_path)
    first, cookie = signed_in_with_cookie(db_path)
    second = reloaded(monkeypatch, cookie)  # another tab of the same browser
    clock.shift(timedelta(minutes=20))
    second.run()  # in use here...
    clock.shift(timedelta(minutes=20))
    first.run()  # ...so 40 minutes after its own last step, the first tab is not idle
    assert "user" in first.session_state
    first.sidebar.button(key="sign_out").click().run()
    second.run()
    assert "user" not in second.session_state
    assert [w.value for w in second.warning] == ["You were signed out. Sign in again to carry on."]
