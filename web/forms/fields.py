"""One question as a GOV.UK component, and what a person posted back as answers.

`component()` gives the macro and its parameters (as in the Design System's Nunjucks examples, keys
quoted); `read()` turns a posted page back into answers in the shapes of `pipelines.landing.answers`,
with the problems a person can make in a date or a list said as GOV.UK says them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from pipelines.landing.answers import Answers, is_blank, money, web_address
from surveys import Question
from surveys.model import Text
from web.forms.pages import Page

OrgOptions = dict[str, dict[str, str]]  # question code -> {organisation code: name}
DATE_PARTS = ("day", "month", "year")


@dataclass(frozen=True)
class Component:
    macro: str  # the GOV.UK macro that draws it: govukRadios, govukCheckboxes, govukInput, ...
    params: dict[str, Any]


def anchor(question: Question) -> str:
    """The id the error summary links to: the first input of the question, as GOV.UK Frontend numbers them."""
    if question.type == "date":
        return f"{question.code}-day"
    if question.type == "array":
        return f"{question.code}-{question.subquestions[0].code}"
    return question.code


def component(
    question: Question,
    page: Page,
    value: Any,
    *,
    error: str | None,
    orgs: dict[str, str],
    language: str = "en",
) -> Component:
    """The component for a question, as the person last answered it, worded in `language` where it can be."""
    heading = len(page.questions) == 1  # the question is the page's heading (GOV.UK: one thing per page)
    text = _in(question.text, language) + ("" if question.required or heading else " (optional)")
    size = "govuk-fieldset__legend--l" if heading else "govuk-fieldset__legend--m"
    legend = {"fieldset": {"legend": {"text": text, "isPageHeading": heading, "classes": size}}}
    label = {"label": {"text": text, "isPageHeading": heading, "classes": size.replace("fieldset__legend", "label")}}
    common: dict[str, Any] = {"name": question.code, "id": question.code}
    if question.help:
        common["hint"] = {"text": _in(question.help, language)}
    if error:
        common["errorMessage"] = {"text": error}
    match question.type:
        case "single":
            items = _choices(question, _labels(question, language), [value])
            return Component("govukRadios", {**common, **legend, "idPrefix": question.code, "items": items})
        case "multi":
            items = _choices(question, _labels(question, language), value or [])
            return Component("govukCheckboxes", {**common, **legend, "idPrefix": question.code, "items": items})
        case "org" if question.multiple:
            hint = common.get("hint") or {"text": "Select all that apply."}
            items = _choices(question, orgs, value or [])
            return Component(
                "govukCheckboxes", {**common, **legend, "hint": hint, "idPrefix": question.code, "items": items}
            )
        case "org":
            items = [{"value": "", "text": "Choose from the list"}] + [
                {"value": code, "text": name, "selected": code == value} for code, name in orgs.items()
            ]
            return Component("govukSelect", {**common, **label, "items": items})
        case "number":
            return Component("govukInput", {**common, **label, **_number_box(question), "value": value or ""})
        case "date":
            typed = value if isinstance(value, dict) else _parts(value)
            items = [
                {
                    "name": part,
                    "label": part.capitalize(),
                    "value": typed.get(part, ""),
                    "classes": ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
                    + (" govuk-input--error" if error else ""),
                }
                for part in DATE_PARTS
            ]
            hint = {"text": question.help or "For example, 27 3 2026"}
            return Component(
                "govukDateInput", {**common, **legend, "hint": hint, "namePrefix": question.code, "items": items}
            )
        case "text" if question.format == "url":
            params = {"type": "url", "spellcheck": False, "autocomplete": "url", "value": value or ""}
            return Component("govukInput", {**common, **label, **params})
        case "text":
            params = {"maxlength": question.max_length, "value": value or "", "rows": 5}
            return Component("govukCharacterCount", {**common, **label, **params})
        case "array":
            rows = [
                Component(
                    "govukRadios",
                    {
                        "name": f"{question.code}[{sub.code}]",
                        "idPrefix": f"{question.code}-{sub.code}",
                        "fieldset": {
                            "legend": {"text": _in(sub.label, language), "classes": "govuk-fieldset__legend--s"}
                        },
                        "classes": "govuk-radios--small govuk-radios--inline",
                        "items": [
                            {"value": code, "text": label, "checked": (value or {}).get(sub.code) == code}
                            for code, label in _labels(question, language).items()
                        ],
                    },
                )
                for sub in question.subquestions
            ]
            return Component("array", {**common, **legend, "rows": rows})
    raise ValueError(f"no component for a {question.type} question")


def _in(wording: str, language: str) -> str:
    return wording.in_language(language) if isinstance(wording, Text) else wording


def _labels(question: Question, language: str) -> dict[str, str]:
    return {o.code: _in(o.label, language) for o in question.options}


def _choices(question: Question, labels: dict[str, str], chosen: list) -> list[dict]:
    """Radio or checkbox items; an answer a measure leaves out of its base ("no support received") after an "or"."""
    items: list[dict] = []
    excluded = {o.code for o in question.options if o.excluded_from_base}
    for code, text in labels.items():
        if code in excluded and items:
            items.append({"divider": "or"})
        items.append({"value": code, "text": text, "checked": code in chosen})
    return items


def _number_box(question: Question) -> dict:
    if question.unit == "GBP":
        return {
            "prefix": {"text": "£"},
            "classes": "govuk-input--width-10",
            "spellcheck": False,
            "hint": {"text": question.help or "In pounds, for example 1,250,000, 250k or 1.4m"},
        }
    box: dict[str, Any] = {"classes": "govuk-input--width-5", "spellcheck": False}
    if question.integer:
        box["inputmode"] = "numeric"
    if question.unit:
        box["suffix"] = {"text": question.unit}
    return box


def _parts(value: Any) -> dict[str, str]:
    return (
        {"day": str(value.day), "month": str(value.month), "year": str(value.year)} if isinstance(value, date) else {}
    )


def read(page: Page, form: FormData, orgs: OrgOptions) -> tuple[Answers, dict[str, str]]:
    """The page's answers as posted (a date's typed parts kept as a dict when they are not a date), and the
    problems only the form can see: a date that is not one, an option that was never offered."""
    answers: Answers = {}
    problems: dict[str, str] = {}
    for question in page.questions:
        code = question.code
        offered = set(orgs.get(code, {})) if question.type == "org" else {o.code for o in question.options}
        match question.type:
            case "single":
                chosen = form.get(code)
                answers[code] = chosen if chosen in offered else None
            case "multi":
                answers[code] = [v for v in form.getlist(code) if v in offered]
            case "org" if question.multiple:
                answers[code] = [v for v in form.getlist(code) if v in offered]
            case "org":
                chosen = form.get(code)
                answers[code] = chosen if chosen in offered else None
            case "array":
                answers[code] = {s.code: _text(form, f"{code}[{s.code}]") or None for s in question.subquestions}
            case "date":
                typed = {part: _text(form, f"{code}-{part}") for part in DATE_PARTS}
                when, problem = _date(typed)
                answers[code] = when if problem is None else typed
                if problem:
                    problems[code] = problem
            case "text" if question.format == "url":
                answers[code] = web_address(_text(form, code)) if _text(form, code) else ""
            case _:
                answers[code] = _text(form, code)
    return answers, problems


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _date(typed: dict[str, str]) -> tuple[date | None, str | None]:
    """GOV.UK's date messages: what is missing first, then whether it is a real date."""
    given = [part for part in DATE_PARTS if typed[part]]
    if not given:
        return None, None
    missing = [part for part in DATE_PARTS if not typed[part]]
    if missing:
        return None, f"The date must include a {' and a '.join(missing)}"
    if not all(typed[part].isdigit() for part in DATE_PARTS):
        return None, "The date must be a real date, in numbers, for example 27 3 2026"
    if len(typed["year"]) != 4:
        return None, "The year must include 4 numbers"
    try:
        return date(int(typed["year"]), int(typed["month"]), int(typed["day"])), None
    except ValueError:
        return None, "The date must be a real date"


def answer_text(question: Question, value: Any, orgs: dict[str, str] | None = None, language: str = "en") -> str:
    """An answer as the person reads it back on the check-your-answers page."""
    if is_blank(value):
        return "Not answered"
    labels = _labels(question, language) | (orgs or {})
    if question.type == "array":
        return "; ".join(
            f"{_in(s.label, language)}: {labels.get(value.get(s.code), 'Not answered')}" for s in question.subquestions
        )
    if isinstance(value, list):  # in the order the form lists them, whatever order they were ticked in
        return "; ".join([labels[code] for code in labels if code in value] + [v for v in value if v not in labels])
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    amount = money(str(value)) if question.type == "number" and question.unit == "GBP" else None
    if amount is not None:
        return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"
    if question.type == "number" and question.unit:
        return f"{value} {question.unit}"
    return labels.get(value, str(value))
