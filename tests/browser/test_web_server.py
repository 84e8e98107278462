"""The one process `streamlit run app.py` starts: our routes beside Streamlit's, headers on every response."""

import json
import urllib.request

from tests.browser.conftest import serve
from web.security import DASHBOARDS_POLICY, FORMS_POLICY, HEADERS


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_healthz_answers_with_the_database_and_every_response_carries_the_security_headers(app_db):
    with serve(app_db) as url:
        status, headers, body = get(f"{url}/healthz")
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert json.loads(body)["organisations"] > 600  # the reference organisations are loaded
        policies = {}
        for path in ("/healthz", "/", "/_stcore/health", "/survey/carer_experience", "/assets/carers.css"):
            _, headers, _ = get(url + path)
            assert {name: headers.get(name) for name in HEADERS} == HEADERS, path
            policies[path] = headers["content-security-policy"]
        assert policies["/survey/carer_experience"] == policies["/assets/carers.css"] == FORMS_POLICY
        assert policies["/"] == policies["/healthz"] == DASHBOARDS_POLICY
        assert "unsafe" not in FORMS_POLICY and "frame-ancestors 'none'" in FORMS_POLICY
        assert "strict-transport-security" not in headers  # plain HTTP here; over HTTPS, see test_survey_forms
