"""Headers on every response: a content security policy for each face, no content-type sniffing, no framing
by other sites, no referrer across sites, no camera, microphone or location (carers' answers are health data),
and HSTS when the app is reached over HTTPS.

The survey forms are plain GOV.UK pages and get a strict policy: scripts only from this site, plus the one
inline line of GOV.UK Frontend's page template, allowed by its hash. Streamlit's own frontend needs inline
styles, `eval` (Vega's chart expressions) and its websocket, so the dashboards' policy allows those and
still keeps everything to this site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORMS = ("/survey", "/assets")


def _template_script_hash() -> str:
    template = files("govuk_frontend_jinja").joinpath("templates/template.html").read_text(encoding="utf-8")
    found = re.search(r"<script[^>]*>(.*?)</script>", template)
    assert found, "GOV.UK Frontend's page template has lost its inline script"
    return "'sha256-" + base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode() + "'"


FORMS_POLICY = (
    f"default-src 'self'; script-src 'self' {_template_script_hash()}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
DASHBOARDS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; "
    "frame-src 'self' blob:; media-src 'self' blob: data:; form-action 'self'; frame-ancestors 'self'; "
    "base-uri 'self'; object-src 'none'"
)
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


def headers_for(path: str, scheme: str) -> dict[str, str]:
    """The headers a response to this path gets (a response's own headers of the same name win)."""
    forms = path == FORMS[0] or path.startswith(tuple(f"{prefix}/" for prefix in FORMS))
    found = {**HEADERS, "content-security-policy": FORMS_POLICY if forms else DASHBOARDS_POLICY}
    if scheme in ("https", "wss"):
        found["strict-transport-security"] = HSTS
    return found


# The messages that open a response: an HTTP response, a websocket's handshake answer (101) and its refusal.
STARTS = ("http.response.start", "websocket.accept", "websocket.http.response.start")


class SecurityHeaders:
    """Pure ASGI middleware (not BaseHTTPMiddleware), so Streamlit's websocket and streamed responses pass untouched.

    The websocket handshake's answer gets the headers too: it is a response like any other to a proxy or a
    scanner checking the site, and HSTS on it (scheme `wss`) shows the proxy's X-Forwarded-Proto reaches the app.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        wanted = headers_for(scope.get("path", ""), scope.get("scheme", "http"))

        async def with_headers(message: Message) -> None:
            if message["type"] in STARTS:
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name.encode(), value.encode()) for name, value in wanted.items() if name.encode() not in present
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


MIDDLEWARE = [Middleware(SecurityHeaders)]
