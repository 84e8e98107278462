"""`/session/start` and `/session/end`: the app's own routes that set and clear the signed-in session's
cookie, which Streamlit's script cannot do (its cookies are never HttpOnly).

The sign-in page hands the browser to `/session/start?ticket=...` with a one-time ticket a minute long;
the route swaps it for the cookie's random value (accounts/sessions.py) and sends the browser back to the
app. Sign-out hands it to `/session/end`, which ends the session on the server and clears the cookie.
The cookie is HttpOnly, SameSite=Lax (sent when a person follows a link to the app, never on another
site's requests), Secure when the app is reached over HTTPS (the proxy's X-Forwarded-Proto), and lasts no
longer than `session_hours`; the server's rules end it sooner.
"""

from __future__ import annotations

from datetime import datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import settings
from accounts import audit, sessions
from dashboards.database import cursor

BACK = "/"  # always the app's own start: a ticket's link can send nobody elsewhere


def _back() -> Response:
    response = RedirectResponse(BACK, status_code=303)
    response.headers["cache-control"] = "no-store"
    return response


def _redeem(ticket: str) -> str | None:
    con = cursor()
    try:
        return sessions.redeem(con, ticket, datetime.now())
    finally:
        con.close()


def _end(cookie: str | None) -> None:
    con = cursor()
    try:
        username = sessions.end_by_cookie(con, cookie, "signed out")
        if username is not None:
            audit.record(con, username, "session_cookie_cleared")
    finally:
        con.close()


async def start(request: Request) -> Response:
    """Set the session's cookie for a good ticket; any other ticket just goes back, signed out."""
    value = await run_in_threadpool(_redeem, request.query_params.get("ticket", ""))
    response = _back()
    if value is not None:
        response.set_cookie(
            sessions.COOKIE,
            value,
            max_age=settings.current().session_hours * 3600,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


async def end(request: Request) -> Response:
    """End the cookie's session on the server (if still open) and clear the cookie."""
    await run_in_threadpool(_end, request.cookies.get(sessions.COOKIE))
    response = _back()
    response.delete_cookie(
        sessions.COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
    return response


ROUTES = [Route("/session/start", start, methods=["GET"]), Route("/session/end", end, methods=["GET"])]
