"""Every page of the app, with the roles that may open it; `app.py` registers only the user's pages.

Add a page by adding one `PageSpec` line here. `PUBLIC` pages need no sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from dashboards.access import ROLES

PUBLIC = "public"
EVERYONE = (PUBLIC, *ROLES)
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the project root
    title: str
    icon: str
    roles: tuple[str, ...]
    section: str


PAGES: list[PageSpec] = [
    PageSpec("dashboards/home.py", "Home", ":material/home:", EVERYONE, "Carers Monitor"),
    PageSpec("dashboards/admin_limesurvey.py", "LimeSurvey", ":material/sync:", ("administrator",), "Administration"),
]


def specs_for(role: str) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]


def navigation_for(role: str) -> dict[str, list[st.Page]]:
    """The `st.navigation` argument for this role: sections in registry order, the first page default."""
    sections: dict[str, list[st.Page]] = {}
    for index, spec in enumerate(specs_for(role)):
        page = st.Page(str(ROOT / spec.path), title=spec.title, icon=spec.icon, default=index == 0)
        sections.setdefault(spec.section, []).append(page)
    return sections
