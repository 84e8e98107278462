"""What a person sees when something breaks: one plain sentence and a reference, never a traceback.

The traceback is logged on the server under the same reference, so whoever runs the app can find it
from what the person reads out. Streamlit's own error details are off (`client.showErrorDetails` in
.streamlit/config.toml) for anything that fails outside a page.
"""

from __future__ import annotations

import logging
import secrets

import streamlit as st

log = logging.getLogger("carers_monitor")


def log_failure(where: str) -> str:
    """Log the exception being handled with a new reference, and return the reference."""
    reference = secrets.token_hex(4).upper()
    log.exception("failure %s in %s", reference, where)
    return reference


def show_failure(where: str) -> None:
    """The friendly error for a page that failed (call from an `except` block)."""
    reference = log_failure(where)
    st.error(
        "Sorry, something went wrong on this page and it could not be shown. Try again in a moment; "
        f"if it happens again, tell your administrator the reference {reference}."
    )
