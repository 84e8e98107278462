"""The headers middleware on both faces: the forms' strict policy, the dashboards' looser one, HSTS over HTTPS."""

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

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
