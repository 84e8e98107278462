"""The steps around the renderer: one section per screen with progress, check your answers, submit,
confirmation with a reference number; optional "save and come back later".

State lives in `st.session_state[key]` (answers, step, errors, result). Buttons act in callbacks,
which run before the page is drawn, so the error summary can sit at the top of the screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import streamlit as st

from dashboards.ui.form_renderer import OrgOptions, answer_text, error_summary, render_section, widget_key
from pipelines.errors import PipelineError
from pipelines.landing.answers import Answers, check_section, shown_sections, visible
from pipelines.sources.web_forms import Submitted, open_wave
from surveys import Survey

CHECK, DONE = "_check", "_done"
Submit = Callable[[Answers], Submitted]
Save = Callable[[Answers, str], str]  # (answers, step) -> message for the person


def form_state(key: str, answers: Answers | None = None, step: str | None = None) -> dict:
    """This form's state, created on first use (or replaced when `answers` are given, as on resume)."""
    if key not in st.session_state or answers is not None:
        st.session_state[key] = {
            "answers": answers or {},
            "step": step,
            "errors": {},
            "result": None,
            "failure": None,
            "saved": None,
        }
    return st.session_state[key]


def run_form(
    survey: Survey,
    *,
    key: str,
    on_submit: Submit,
    orgs: OrgOptions | None = None,
    fixed: Answers | None = None,
    on_save: Save | None = None,
) -> Submitted | None:
    """Draw the current step; return the result once the answers have landed."""
    state = form_state(key)
    fixed = fixed or {}
    sections = shown_sections(survey, {**state["answers"], **fixed}, set(fixed))
    codes = [s.code for s in sections]
    if state["step"] not in (*codes, CHECK, DONE):
        state["step"] = codes[0]
    if state["failure"]:
        st.error(state["failure"])
    if state["step"] == DONE:
        return state["result"]
    error_summary(survey, state["errors"])
    if state["step"] == CHECK:
        _check_page(survey, state, key, sections, fixed, orgs, on_submit)
        return None
    index = codes.index(state["step"])
    section = sections[index]
    st.progress((index + 1) / (len(sections) + 1), text=f"Section {index + 1} of {len(sections)}: {section.title}")
    st.subheader(section.title)
    state["answers"] = render_section(
        survey, section, state["answers"], key=key, errors=state["errors"], orgs=orgs, fixed=fixed
    )
    args = (survey, key, fixed)
    st.button("Continue", key=f"{key}_continue", type="primary", on_click=_continue, args=args)
    if index > 0:
        st.button("Back", key=f"{key}_back", on_click=_move, args=(*args, -1))
    if on_save:
        st.button("Save and come back later", key=f"{key}_save", on_click=_save, args=(*args, on_save))
        if state["saved"]:
            st.info(state["saved"])
    return None


def _collect(survey: Survey, key: str, fixed: Answers) -> tuple[dict, list]:
    """Copy the current screen's widget values into the answers (callbacks run before the page)."""
    state = st.session_state[key]
    answers = {**state["answers"], **fixed}
    sections = shown_sections(survey, answers, set(fixed))
    section = (
        next(s for s in sections if s.code == state["step"]) if state["step"] in [s.code for s in sections] else None
    )
    for question in section.questions if section else []:
        widget = widget_key(key, question)
        if question.type == "multi":
            answers[question.code] = [
                o.code for o in question.options if st.session_state.get(widget_key(key, question, o.code))
            ]
        elif question.type == "array":
            answers[question.code] = {
                s.code: st.session_state.get(widget_key(key, question, s.code)) for s in question.subquestions
            }
        elif widget in st.session_state:
            answers[question.code] = st.session_state[widget]
    state["answers"] = answers
    return state, shown_sections(survey, answers, set(fixed))


def _continue(survey: Survey, key: str, fixed: Answers) -> None:
    state, sections = _collect(survey, key, fixed)
    section = next(s for s in sections if s.code == state["step"])
    state["errors"] = check_section(survey, section, state["answers"])
    state["saved"] = None
    if not state["errors"]:
        codes = [s.code for s in sections]
        index = codes.index(section.code)
        state["step"] = codes[index + 1] if index + 1 < len(codes) else CHECK


def _move(survey: Survey, key: str, fixed: Answers, by: int) -> None:
    state, sections = _collect(survey, key, fixed)
    codes = [s.code for s in sections]
    here = len(codes) if state["step"] == CHECK else codes.index(state["step"])
    state["step"] = codes[max(0, min(len(codes) - 1, here + by))]
    state["errors"] = {}


def _go_to(key: str, step: str) -> None:
    st.session_state[key]["step"] = step
    st.session_state[key]["errors"] = {}


def _save(survey: Survey, key: str, fixed: Answers, on_save: Save) -> None:
    state, _ = _collect(survey, key, fixed)
    state["saved"] = on_save(state["answers"], state["step"])


def _check_page(survey, state, key, sections, fixed, orgs, on_submit) -> None:
    st.progress(1.0, text="Check your answers")
    st.subheader("Check your answers before sending them")
    for section in sections:
        st.markdown(f"#### {section.title}")
        for question in section.questions:
            if question.code in fixed or not visible(survey, question, state["answers"]):
                continue
            value = answer_text(question, state["answers"].get(question.code), (orgs or {}).get(question.code))
            st.markdown(f"**{question.text}**  \n{value}")
        st.button(
            f"Change {section.title.lower()}",
            key=f"{key}_change_{section.code}",
            on_click=_go_to,
            args=(key, section.code),
        )
    st.button(
        "Send my answers", key=f"{key}_submit", type="primary", on_click=_submit, args=(survey, key, fixed, on_submit)
    )
    st.button("Back", key=f"{key}_back", on_click=_move, args=(survey, key, fixed, -1))


def _submit(survey: Survey, key: str, fixed: Answers, on_submit: Submit) -> None:
    """Check every screen, land once, and show problems from land() beside their questions."""
    state = st.session_state[key]
    answers = {**state["answers"], **fixed}
    if os.environ.get("CARERS_MONITOR_FAULT") == "form_drops_answers":  # switched on only by a browser test
        answers = dict(fixed)
    sections = shown_sections(survey, answers, set(fixed))
    for section in sections:
        errors = check_section(survey, section, answers)
        if errors:
            state.update(errors=errors, step=section.code)
            return
    try:
        result = on_submit(answers)
    except PipelineError as error:
        state["failure"] = str(error)
        return
    if result.errors:
        first = next((s.code for s in sections if any(q.code in result.errors for q in s.questions)), None)
        if first is None:  # a problem with an answer the page fixed (e.g. the organisation)
            state["failure"] = " ".join(result.errors.values())
            return
        state.update(errors=result.errors, step=first)
        return
    state.update(result=result, step=DONE, errors={}, failure=None)


def open_wave_or_stop(con, survey: Survey, title: str, none_open: str) -> tuple[int, str]:
    """The organisation forms' heading, then the survey's wave open today; without one, say so and stop."""
    st.title(title)
    st.write(survey.description)
    wave = open_wave(con, survey.code)
    if wave is None:
        st.info(none_open)
        st.stop()
    return wave
