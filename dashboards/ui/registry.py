"""Every page of the app, with the roles that may open it; `app.py` registers only the user's pages.

Add a page by adding one `PageSpec` line here. `PUBLIC` pages need no sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from accounts.roles import ROLES

PUBLIC = "public"
EVERYONE = (PUBLIC, *ROLES)
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the project root
    title: str
    icon: str
    roles: tuple[str, ...]
    section: str


PAGES: list[PageSpec] = [
    PageSpec("dashboards/pages/home.py", "Home", ":material/home:", EVERYONE, "Carers Monitor"),
    PageSpec("dashboards/pages/carer_survey.py", "Carer survey", ":material/edit_note:", EVERYONE, "Surveys"),
    PageSpec(
        "dashboards/pages/organisation_form.py",
        "Rate commissioners",
        ":material/thumbs_up_down:",
        ("carers_org",),
        "Surveys",
    ),
    PageSpec(
        "dashboards/pages/organisation_form.py",
        "Commissioner return",
        ":material/assignment:",
        ("commissioner",),
        "Surveys",
    ),
    PageSpec(
        "dashboards/pages/admin_accounts.py", "Accounts", ":material/group:", ("administrator",), "Administration"
    ),
    PageSpec(
        "dashboards/pages/admin_import.py",
        "Import a file",
        ":material/upload_file:",
        ("administrator", "carers_org", "commissioner"),
        "Administration",
    ),
    PageSpec(
        "dashboards/pages/admin_quarantine.py", "Quarantine", ":material/report:", ("administrator",), "Administration"
    ),
    PageSpec(
        "dashboards/pages/admin_data_protection.py",
        "Data protection",
        ":material/shield_person:",
        ("administrator",),
        "Administration",
    ),
    PageSpec(
        "dashboards/pages/admin_organisations.py",
        "Organisations and contacts",
        ":material/corporate_fare:",
        ("administrator",),
        "Administration",
    ),
    PageSpec("dashboards/pages/sign_in.py", "Sign in", ":material/login:", (PUBLIC,), "Account"),
    PageSpec("dashboards/pages/account.py", "Your account", ":material/manage_accounts:", ROLES, "Account"),
    PageSpec(
        "dashboards/pages/public_results.py", "Published results", ":material/public:", EVERYONE, "Carers Monitor"
    ),
    PageSpec(
        "dashboards/pages/plan_status.py",
        "Plan status",
        ":material/assignment:",
        ("board", "administrator"),
        "Dashboards",
    ),
    PageSpec(
        "dashboards/pages/coproduction_gaps.py",
        "Co-production gaps",
        ":material/handshake:",
        ("board", "administrator"),
        "Dashboards",
    ),
    PageSpec(
        "dashboards/pages/breaks_money.py",
        "Breaks money",
        ":material/payments:",
        ("board", "administrator"),
        "Dashboards",
    ),
    PageSpec(
        "dashboards/pages/carer_experience.py",
        "Carer experience",
        ":material/favorite:",
        ("board", "administrator"),
        "Dashboards",
    ),
    PageSpec(
        "dashboards/pages/carer_comments.py",
        "Carers' comments",
        ":material/forum:",
        ("board", "administrator"),
        "Dashboards",
    ),
    PageSpec(
        "dashboards/pages/commissioner_profile.py",
        "Commissioner profile",
        ":material/apartment:",
        ("board", "administrator"),
        "Dashboards",
    ),
    PageSpec(
        "dashboards/pages/quarterly_review.py",
        "Quarterly review",
        ":material/event_note:",
        ("board", "administrator"),
        "Carers Board",
    ),
    PageSpec(
        "dashboards/pages/action_plan.py",
        "Action plan",
        ":material/checklist:",
        ("board", "administrator"),
        "Carers Board",
    ),
    PageSpec(
        "dashboards/pages/chase_list.py",
        "Who to chase",
        ":material/contact_phone:",
        ("board", "administrator"),
        "Carers Board",
    ),
    PageSpec(
        "dashboards/pages/admin_waves.py",
        "Waves and invitations",
        ":material/campaign:",
        ("administrator",),
        "Administration",
    ),
    PageSpec(
        "dashboards/pages/admin_paper_keying.py",
        "Key paper returns",
        ":material/keyboard:",
        ("administrator",),
        "Administration",
    ),
    PageSpec(
        "dashboards/pages/admin_limesurvey.py", "LimeSurvey", ":material/sync:", ("administrator",), "Administration"
    ),
]


PASSWORD_PAGE = next(spec for spec in PAGES if spec.path == "dashboards/pages/account.py")


def specs_for(role: str) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]


def navigation_for(role: str, *, password_only: bool = False) -> dict[str, list[st.Page]]:
    """The `st.navigation` argument for this role: sections in registry order, the first page default.

    `password_only`: the account must change its password first, so it gets that page alone.
    """
    sections: dict[str, list[st.Page]] = {}
    specs = [PASSWORD_PAGE] if password_only else specs_for(role)
    for index, spec in enumerate(specs):
        page = st.Page(str(ROOT / spec.path), title=spec.title, icon=spec.icon, default=index == 0)
        sections.setdefault(spec.section, []).append(page)
    return sections
