"""In Chromium: signing in survives a reload and a new tab, through the HttpOnly cookie the app's own route
sets; signing out ends it, so a reload is signed out, even with the old cookie put back, and a made-up
cookie signs nobody in.
(The idle and 12-hour limits on a reload are tried on an injected clock in tests/test_session_cookie.py;
the cookie's Secure flag behind the HTTPS proxy in tests/browser/test_behind_https.py.)"""

from __future__ import annotations

from accounts import sessions
from accounts.users import add_user
from tests.browser.conftest import serve, wait_ready
from tests.browser.journeys import sign_in
from warehouse.connection import connect

PASSWORD = "a long browser password"


def signed_in_as(page) -> str | None:
    found = page.get_by_text("Signed in as")
    return found.first.inner_text() if found.count() else None


def reload(page) -> None:
    page.reload()
    page.wait_for_function("window.__runs > 0", timeout=60_000)
    wait_ready(page)


def test_signing_in_survives_a_reload_and_signing_out_ends_it(app_db, desktop):
    con = connect(app_db)
    add_user(con, "chair", "board", display_name="Chair of the Board", password=PASSWORD)
    con.execute("update users set must_change_password = false")
    con.close()
    with serve(app_db) as url:
        sign_in(desktop, url, "chair", PASSWORD)
        assert "Chair of the Board" in (signed_in_as(desktop) or "")
        cookie = next(c for c in desktop.context.cookies() if c["name"] == sessions.COOKIE)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
        assert not desktop.evaluate("document.cookie").count(sessions.COOKIE)  # no script can read it

        reload(desktop)
        assert "Chair of the Board" in (signed_in_as(desktop) or "")
        other = desktop.context.new_page()  # a new tab of the same browser
        other.goto(f"{url}/plan_status")
        other.wait_for_function("window.__runs > 0", timeout=60_000)
        wait_ready(other)
        assert "Chair of the Board" in (signed_in_as(other) or "")
        other.close()

        with desktop.expect_navigation(url=f"{url}/", timeout=60_000):
            desktop.get_by_role("button", name="Sign out").click()
        desktop.wait_for_function("window.__runs > 0", timeout=60_000)
        wait_ready(desktop)
        assert signed_in_as(desktop) is None
        assert sessions.COOKIE not in {c["name"] for c in desktop.context.cookies()}
        reload(desktop)
        assert signed_in_as(desktop) is None
        assert desktop.get_by_role("link", name="Sign in").count()

        for value in (cookie["value"], "made-up-value"):  # the ended session's own cookie, and a forged one
            desktop.context.add_cookies([{"name": sessions.COOKIE, "value": value, "url": url}])
            reload(desktop)
            assert signed_in_as(desktop) is None
