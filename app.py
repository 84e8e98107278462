"""Carers Monitor's one process: `streamlit run app.py` serves this ASGI app.

Streamlit's `st.App` runs the dashboards' script (streamlit_app.py) and, in the same process, our
own routes (web/) with security headers on every response.
"""

import streamlit as st

from web.health import ROUTES
from web.security import MIDDLEWARE

app = st.App("streamlit_app.py", routes=ROUTES, middleware=MIDDLEWARE)
