"""The Streamlit script `app.py` serves: the page frame and navigation by role; pages live in dashboards/pages/."""

from pathlib import Path

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.access import current_user
from dashboards.ui.registry import PUBLIC, navigation_for
from dashboards.ui.session import adopt_sso_user, sidebar

# a local icon: Material icons would load from fonts.gstatic.com, which the security policy (rightly) refuses
st.set_page_config(
    page_title="Carers Monitor", page_icon=Path(__file__).parent / "dashboards" / "ui" / "icon.png", layout="wide"
)
st.html(Path(__file__).parent / "dashboards" / "ui" / "style.css")

con = cursor()
adopt_sso_user(con)
user = current_user()
sidebar(con, user)
st.navigation(navigation_for(user.role if user else PUBLIC)).run()
