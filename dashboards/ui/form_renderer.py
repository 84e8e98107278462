"""Draws any survey definition as Streamlit widgets, one question or one section at a time.

Clean functions of a `Survey` and an answers dict (see `pipelines.answers` for the value shapes),
so the carer form, the organisations' forms and paper keying share one renderer. Every widget has
a label and a stable key `<key>_<QUESTION>` (`_<OPTION>` added for ticks and array rows), which
browser tests can rely on. No columns for questions: the layout stays one column on a phone.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import streamlit as st

from pipelines.landing.answers import Answers, is_blank, visible
from surveys import Question, Section, Survey

EARLIEST = date(2000, 1, 1)  # dates of publication reach back to the 2011 plans
OrgOptions = dict[str, dict[str, str]]  # question code -> {org code: name}


def widget_key(key: str, question: Question, part: str | None = None) -> str:
    return f"{key}_{question.code}" + (f"_{part}" if part else "")


def _seed(widget: str, value: Any) -> None:
    """Give a widget its stored answer the first time it is drawn (or after a screen change)."""
    if widget not in st.session_state:
        st.session_state[widget] = value


def render_question(
    question: Question, value: Any, *, key: str, error: str | None = None, orgs: dict[str, str] | None = None
) -> Any:
    """Draw one question with its label, help and any error message beside it; return the answer."""
    if error:  # the summary at the top links here
        st.markdown(
            f'<p id="{error_anchor(question.code)}" class="field-error"><strong>Error:</strong> '
            f"{html.escape(error)}</p>",
            unsafe_allow_html=True,
        )
    label = question.text + ("" if question.required else " (optional)")
    draw = {
        "single": _single,
        "multi": _multi,
        "array": _array,
        "number": _number,
        "date": _date,
        "text": _text,
        "org": _org,
    }[question.type]
    return draw(question, value, key, label, orgs or {})


def _single(question, value, key, label, orgs):
    widget = widget_key(key, question)
    _seed(widget, value)
    labels = {o.code: o.label for o in question.options}
    return st.radio(label, list(labels), index=None, format_func=labels.get, key=widget, help=question.help)


def _multi(question, value, key, label, orgs):
    st.markdown(f"**{label}**")
    if question.help:
        st.caption(question.help)
    ticked = []
    for option in question.options:
        widget = widget_key(key, question, option.code)
        _seed(widget, option.code in (value or []))
        if st.checkbox(option.label, key=widget):
            ticked.append(option.code)
    return ticked


def _array(question, value, key, label, orgs):
    st.markdown(f"**{label}**")
    labels = {o.code: o.label for o in question.options}
    answers = {}
    for sub in question.subquestions:
        widget = widget_key(key, question, sub.code)
        _seed(widget, (value or {}).get(sub.code))
        answers[sub.code] = st.radio(sub.label, list(labels), index=None, format_func=labels.get, key=widget)
    return answers


def _number(question, value, key, label, orgs):
    widget = widget_key(key, question)
    _seed(widget, "" if value is None else str(value))
    hint = {"GBP": "Amount in pounds, for example £1,250,000", "days": "Number of days", "hours": "Number of hours"}
    return st.text_input(
        label, key=widget, help=question.help or hint.get(question.unit), placeholder=hint.get(question.unit, "")
    )


def _date(question, value, key, label, orgs):
    widget = widget_key(key, question)
    _seed(widget, value)
    return st.date_input(
        label,
        value=None,
        min_value=EARLIEST,
        max_value=date(2099, 12, 31),
        key=widget,
        format="DD/MM/YYYY",
        help=question.help,
    )


def _text(question, value, key, label, orgs):
    widget = widget_key(key, question)
    _seed(widget, value or "")
    if question.format == "url" or question.max_length <= 500:
        return st.text_input(label, key=widget, max_chars=question.max_length, help=question.help)
    return st.text_area(label, key=widget, max_chars=question.max_length, help=question.help)


def _org(question, value, key, label, orgs):
    widget = widget_key(key, question)
    names = {code: f"{name} ({code})" for code, name in orgs.items()}
    if question.multiple:
        _seed(widget, [code for code in (value or []) if code in names])
        return st.multiselect(
            label,
            list(names),
            format_func=lambda code: names[code],
            key=widget,
            help=question.help,
            placeholder="Start typing a name",
        )
    _seed(widget, value if value in names else None)
    return st.selectbox(
        label,
        list(names),
        index=None,
        format_func=lambda code: names[code],
        key=widget,
        help=question.help,
        placeholder="Start typing a name",
    )


def render_section(
    survey: Survey,
    section: Section,
    answers: Answers,
    *,
    key: str,
    errors: dict[str, str] | None = None,
    orgs: OrgOptions | None = None,
    fixed: Answers | None = None,
) -> Answers:
    """Draw a section's shown questions (show-if followed live); return the answers updated."""
    answers = {**answers, **(fixed or {})}
    if section.intro:
        st.write(section.intro)
    for question in section.questions:
        if question.code in (fixed or {}) or not visible(survey, question, answers):
            continue
        answers[question.code] = render_question(
            question,
            answers.get(question.code),
            key=key,
            error=(errors or {}).get(question.code),
            orgs=(orgs or {}).get(question.code),
        )
    return answers


def error_summary(survey: Survey, errors: dict[str, str]) -> None:
    """The GOV.UK error summary: a box at the top listing each problem, linked to its question."""
    if errors:
        lines = [
            f"- [{survey.question(code).text}: **{message}**](#{error_anchor(code)})"
            for code, message in errors.items()
        ]
        st.error("**There is a problem**\n\n" + "\n".join(lines), icon=":material/error:")


def error_anchor(code: str) -> str:
    return f"error-{code.lower()}"


def answer_text(question: Question, value: Any, orgs: dict[str, str] | None = None) -> str:
    """An answer as the person would read it back on the check-your-answers page."""
    if is_blank(value):
        return "Not answered"
    labels = {o.code: o.label for o in question.options} | (orgs or {})
    if question.type == "array":
        return "; ".join(f"{s.label}: {labels.get(value.get(s.code), 'Not answered')}" for s in question.subquestions)
    if isinstance(value, list):
        codes: list[str] = value  # multi and multiple-org answers: lists of codes
        return "; ".join(labels.get(v, v) for v in codes)
    if isinstance(value, date):
        return f"{value:%d %B %Y}"
    return labels.get(value, str(value))
