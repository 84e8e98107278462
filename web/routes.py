"""Every route the one process serves beside Streamlit's: the health check, the signed-in session's cookie,
the survey forms, their assets."""

from pathlib import Path

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from web import health, sessions
from web.forms import routes as forms

# Built by `make` from web/frontend/ (GOV.UK Frontend from npm, compiled with Sass); not kept in git.
STATIC = Path(__file__).parent / "static"

ROUTES: list[BaseRoute] = [
    *health.ROUTES,
    *sessions.ROUTES,
    *forms.ROUTES,
    Mount("/assets", app=StaticFiles(directory=STATIC, check_dir=False), name="assets"),
]
