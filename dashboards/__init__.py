"""Streamlit pages, one file each, and the small modules they share."""
