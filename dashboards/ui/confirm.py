"""Asking before a step that changes what others see or can do (closing or reopening a wave, publishing or
unpublishing results): the first button only asks; the page then shows a preview of what will change and
two buttons, one to go ahead and one to cancel. The sentence saying what was done is shown after the rerun.
"""

from __future__ import annotations

import streamlit as st


def ask(key: str, subject: object) -> None:
    """Start asking about `subject` (a wave id, a period): the preview shows until it is answered."""
    st.session_state[key] = subject


def asking(key: str, subject: object) -> bool:
    """Whether the page is asking about this subject now (another wave chosen meanwhile is not asked about)."""
    return key in st.session_state and st.session_state[key] == subject


def answered(key: str, go_ahead: str) -> bool:
    """The two buttons under a preview: True when the person went ahead; Cancel stops asking."""
    left, right = st.columns(2)
    if left.button(go_ahead, type="primary", key=f"{key}_yes"):
        st.session_state.pop(key, None)
        return True
    if right.button("Cancel", key=f"{key}_cancel"):
        st.session_state.pop(key, None)
        st.rerun()
    return False


def done(key: str, sentence: str) -> None:
    """Say what was done on the next run (the page reruns so everything on it shows the change)."""
    st.session_state[f"{key}_done"] = sentence
    st.rerun()


def say_done(key: str) -> None:
    sentence = st.session_state.pop(f"{key}_done", None)
    if sentence:
        st.success(sentence)
