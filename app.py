"""Carers Monitor's entry point: page frame and navigation; pages live in dashboards/."""

import streamlit as st

st.set_page_config(page_title="Carers Monitor", page_icon=":material/volunteer_activism:", layout="wide")

pages = {
    "Carers Monitor": [
        st.Page("dashboards/home.py", title="Home", icon=":material/home:", default=True),
    ],
}
st.navigation(pages).run()
