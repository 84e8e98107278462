"""Carers Monitor's one process: `streamlit run app.py` serves this ASGI app.

Streamlit's `st.App` runs the dashboards' script (streamlit_app.py) and, in the same process, our own
routes (web/): the survey forms on GOV.UK Frontend, their assets and a health check, with security
headers on every response.
"""

import streamlit as st

from web.routes import ROUTES
from web.security import MIDDLEWARE

app = st.App("streamlit_app.py", routes=ROUTES, middleware=MIDDLEWARE)
