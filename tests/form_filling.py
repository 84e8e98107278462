"""Answers a person gives, and a client that fills the survey forms (/survey/...) as a browser would: GET a
page, POST its answers with the form's own CSRF field, follow the redirect. No JavaScript, as with it off."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.testclient import TestClient

import surveys
from web.routes import ROUTES
from web.security import MIDDLEWARE


def open_current_waves(con) -> dict[str, int]:
    """A wave open today for each survey (demo waves of 2011 are all closed)."""
    from pipelines.outreach.waves import ensure_wave

    today = date.today()
    period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    return {code: ensure_wave(con, code, period) for code in surveys.CODES}


def web_app() -> Starlette:
    """Our routes and middleware as `app.py` serves them, without Streamlit's (these tests need no websocket)."""
    return Starlette(routes=ROUTES, middleware=MIDDLEWARE)


class FormClient:
    """One person's browser on one survey: its cookies, and the page it is on."""

    def __init__(self, survey_code: str, client: TestClient | None = None):
        self.survey = surveys.load(survey_code)
        self.client = client or TestClient(web_app(), base_url="https://testserver")
        self.response: Any = None

    @property
    def path(self) -> str:
        return self.response.url.path

    @property
    def html(self) -> str:
        return self.response.text

    def get(self, path: str):
        self.response = self.client.get(path)
        return self.response

    def start(self, token: str | None = None):
        self.get(f"/survey/{self.survey.code}" + (f"?token={token}" if token else ""))
        self.response = self.client.post(f"/survey/{self.survey.code}/start", data={"token": token or ""})
        return self.response

    def csrf(self) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.html)
        assert found, f"no form on {self.path}"
        return found.group(1)

    def post(self, data: dict | None = None, path: str | None = None):
        """Send the form on this page (or `path`) with these fields, as the page's own form would."""
        self.response = self.client.post(path or self.path, data={"csrf": self.csrf(), **(data or {})})
        return self.response

    def answer_all(self, answers: dict[str, Any], pages: int = 40):
        """Answer page after page from `answers` (each page takes its own questions) until the check page."""
        for _ in range(pages):
            if self.path.endswith("/check"):
                return self.response
            self.post(fields(self.survey, answers))
            if self.response.status_code != 200:  # a problem on the page: the test looks at it
                return self.response
        raise AssertionError(f"never reached the check page; stuck on {self.path}")

    def errors(self) -> list[str]:
        return [re.sub(r"\s+", " ", e).strip() for e in re.findall(r'govuk-error-message">(.*?)</p>', self.html, re.S)]


def fields(survey, answers: dict[str, Any]) -> dict[str, Any]:
    """The form fields a person fills for these answers: a date's three boxes, a list's repeated ticks."""
    posted: dict[str, Any] = {}
    for code, value in answers.items():
        question = survey.question(code)
        if question.type == "date":
            posted |= {f"{code}-day": value.day, f"{code}-month": value.month, f"{code}-year": value.year}
        elif question.type == "array":
            posted |= {f"{code}[{sub}]": answer for sub, answer in value.items()}
        else:
            posted[code] = value
    return posted


def title(html: str) -> str:
    found = re.search(r"<title[^>]*>(.*?)</title>", html, re.S)
    return re.sub(r"\s+", " ", found.group(1)).strip().replace("&#39;", "'") if found else ""


CARER = {
    "QOLTIME": "2",
    "QOLCONTROL": "1",
    "QOLSELFCARE": "2",
    "QOLSAFETY": "1",
    "QOLSOCIAL": "3",
    "QOLSUPPORT": "2",
    "SATISFIED": "3",
    "CONSULTED": "2",
    "INFOEASY": "1",
    "BREAK12": "Y",
    "REPLACECARE": "2",
    "PERSBUDGET": "Y",
    "BUDGETLIMITS": "2",
    "ASSESSOFFER": "Y",
    "ASSESSDONE": "Y",
    "ASSESSDAYS": "21",
    "HOURS": "4",
    "RELATION": "1",
    "CONDITIONS": ["DEM", "PHY"],
    "AGEBAND": "6",
    "SEX": "F",
    "ETHNIC": "W",
    "OWNHEALTH": "3",
    "WORK": "3",
    "AREA": "E06000001",
    "DIFFERENCE": "A regular sitting service.",
}
