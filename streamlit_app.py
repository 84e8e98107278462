"""The Streamlit script `app.py` serves: the page frame and navigation by role; pages live in dashboards/pages/.

Before any page runs, the session is checked (dashboards/ui/session.py): a fresh one takes up the browser's
signed-in session from its cookie if the server still holds it, one that has ended is signed out here, and
an account that must change its password reaches only the page that changes it.
"""

from pathlib import Path

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.failures import show_failure
from dashboards.ui.registry import PUBLIC, navigation_for
from dashboards.ui.session import adopt_sso_user, hand_over, keep, restore, sidebar

# a local icon: Material icons would load from fonts.gstatic.com, which the security policy (rightly) refuses
st.set_page_config(
    page_title="Carers Monitor", page_icon=Path(__file__).parent / "dashboards" / "ui" / "icon.png", layout="wide"
)
st.html(Path(__file__).parent / "dashboards" / "ui" / "style.css")

con = cursor()
restore(con)
adopt_sso_user(con)
user = keep(con)
sidebar(con, user)
hand_over()
password_only = user is not None and bool(st.session_state.get("must_change_password"))
# expanded: every page the role has is listed; Streamlit otherwise folds a menu of more than twelve pages
# behind "View N more", which hid the Board's own section (Quarterly review, Action plan, Who to chase)
page = st.navigation(navigation_for(user.role if user else PUBLIC, password_only=password_only), expanded=True)
try:
    page.run()
except Exception:  # st.stop() and st.rerun() are not Exceptions, so they pass
    show_failure(page.title)
