"""The headers middleware on both faces: the forms' strict policy, the dashboards' looser one, HSTS over HTTPS."""

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

from web.security import DASHBOARDS_POLICY, FORMS_POLICY, HEADERS, HSTS, MIDDLEWARE


def test_every_header_on_both_faces_and_hsts_only_over_https():
    app = Starlette(routes=[Route("/{path:path}", lambda request: PlainTextResponse("ok"))], middleware=MIDDLEWARE)
    for base, hsts in (("http://testserver", None), ("https://testserver", HSTS)):
        client = TestClient(app, base_url=base)
        for path, policy in (
            ("/survey/carer_experience", FORMS_POLICY),
            ("/assets/x.css", FORMS_POLICY),
            ("/", DASHBOARDS_POLICY),
            ("/plan_status", DASHBOARDS_POLICY),
            ("/surveyed", DASHBOARDS_POLICY),
        ):
            headers = client.get(path).headers
            assert {name: headers.get(name) for name in HEADERS} == HEADERS, path
            assert headers["content-security-policy"] == policy, path
            assert headers.get("strict-transport-security") == hsts, (base, path)


def test_the_websocket_handshake_answer_carries_the_headers_and_hsts_only_over_wss():
    """Streamlit's /_stcore/stream answers its handshake with a 101: that response is checked like the pages,
    and its HSTS (scheme `wss`) is how a proxy's X-Forwarded-Proto shows it reached the app."""

    async def stream(websocket: WebSocket) -> None:
        await websocket.accept(subprotocol="streamlit", headers=[(b"x-content-type-options", b"nosniff")])
        await websocket.close()

    app = Starlette(routes=[WebSocketRoute("/_stcore/stream", stream)], middleware=MIDDLEWARE)
    for base, hsts in (("ws://testserver", None), ("wss://testserver", HSTS)):
        with TestClient(app, base_url=base.replace("ws", "http", 1)).websocket_connect(
            base + "/_stcore/stream", subprotocols=["streamlit"]
        ) as session:
            assert session.accepted_subprotocol == "streamlit"
            raw: list[tuple[bytes, bytes]] = list(session.extra_headers or [])
        names = [name.decode() for name, _ in raw]
        headers = {name.decode(): value.decode() for name, value in raw}
        assert names.count("x-content-type-options") == 1  # the app's own header is kept, not doubled
        assert {name: headers.get(name) for name in HEADERS} == HEADERS
        assert headers["content-security-policy"] == DASHBOARDS_POLICY
        assert headers.get("strict-transport-security") == hsts, base
