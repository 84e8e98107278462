"""Answers as a form holds them (question code -> value) and the checks a person sees per screen.

Values: single/org -> code; multi -> list of codes; array -> {row code: answer code}; number ->
the text typed ("£1,250,000" is fine); date -> `date`; text -> str; org with `multiple` -> list.
`to_row` turns them into the text fields `land()` takes; `land()` stays the authority on validity.
"""

from __future__ import annotations

import re
from collections.abc import Set
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from surveys import Question, Section, Survey

Answers = dict[str, Any]
URL = re.compile(r"^https?://[^\s/?#]+\.[^\s]+$")
BARE_DOMAIN = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+([/?#]\S*)?$", re.IGNORECASE)
# ASCII digits only (re.ASCII): "١٢" or "½" is not an answer the database could read back as the number typed
MONEY = re.compile(
    r"^(-)?£?\s*(-)?(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(k|m|bn|thousand|million|billion)?$", re.IGNORECASE | re.ASCII
)
# a number as people type one: no exponent, no infinity, no not-a-number, whatever Python's float() would take
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
SCALE = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 10**9, "billion": 10**9}


def money(text: str) -> Decimal | None:
    """Pounds as people write them: "£1,250,000", "1250000", "250k", "1.4m", "£2 million"; None if not money."""
    found = MONEY.match(text.strip())
    if not found:
        return None
    minus, also_minus, digits, scale = found.groups()
    if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", digits):
        return None  # "1,25" is a typing slip, not a number
    try:
        amount = Decimal(digits.replace(",", "")) * (SCALE[scale.lower()] if scale else 1)
    except InvalidOperation:
        return None
    return -amount if minus or also_minus else amount


def web_address(text: str) -> str:
    """A web address with its scheme: "www.example.org/breaks" becomes "https://www.example.org/breaks"."""
    text = text.strip()
    return f"https://{text}" if BARE_DOMAIN.match(text) else text


def visible(survey: Survey, question: Question, answers: Answers) -> bool:
    """Whether the question is shown, following show-if chains."""
    condition = question.show_if
    if condition is None:
        return True
    parent = survey.question(condition.question)
    given = answers.get(parent.code)
    chosen = set(given) if isinstance(given, list) else {given}
    return visible(survey, parent, answers) and bool(chosen & set(condition.in_))


def shown_sections(survey: Survey, answers: Answers, fixed: Set[str] = frozenset()) -> list[Section]:
    """Sections with at least one question to ask; a section whose questions are all hidden is skipped."""
    return [s for s in survey.sections if any(q.code not in fixed and visible(survey, q, answers) for q in s.questions)]


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not any(not is_blank(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def to_row(survey: Survey, answers: Answers) -> dict[str, str]:
    """The text fields land() takes (`CODE`, `CODE[SQ]`); hidden questions are left out."""
    row: dict[str, str] = {}
    for question in survey.questions:
        value = answers.get(question.code)
        if not visible(survey, question, answers) or value is None or is_blank(value):
            continue
        if question.type == "multi":
            for option in question.options:
                row[f"{question.code}[{option.code}]"] = "Y" if option.code in value else ""
        elif question.type == "array":
            for sub in question.subquestions:
                row[f"{question.code}[{sub.code}]"] = value.get(sub.code) or ""
        elif isinstance(value, list):
            row[question.code] = ";".join(value)
        elif isinstance(value, date):
            row[question.code] = value.isoformat()
        elif question.type == "number" and question.unit == "GBP" and money(str(value)) is not None:
            row[question.code] = f"{money(str(value)):f}"  # "1.4m" as 1400000.0: land() reads plain numbers
        else:
            row[question.code] = str(value).strip()
    return row


def check_section(survey: Survey, section: Section, answers: Answers) -> dict[str, str]:
    """Plain-English problems on this screen, by question code (empty when the screen is fine)."""
    problems = {}
    for question in section.questions:
        if visible(survey, question, answers):
            message = check_question(question, answers.get(question.code))
            if message:
                problems[question.code] = message
    return problems


def check_question(question: Question, value: Any) -> str | None:
    if is_blank(value):
        return _required_message(question) if question.required else None
    if (
        question.type == "array"
        and question.required
        and any(is_blank(value.get(s.code)) for s in question.subquestions)
    ):
        return "Answer every row"
    if question.type == "number":
        return _number_message(question, str(value))
    if question.type == "text" and len(str(value)) > question.max_length:
        return f"Use {question.max_length:,} characters or fewer"
    if question.type == "text" and question.format == "url" and not URL.match(str(value).strip()):
        return "Enter the full web address, starting with https:// (for example https://www.example.nhs.uk/breaks)"
    return None


def _required_message(question: Question) -> str:
    if question.type in ("single", "array", "org"):
        return "Select an answer" if not question.multiple else "Select at least one organisation"
    if question.type == "multi":
        return "Tick at least one answer"
    if question.type == "date":
        return "Enter a date"
    return "Answer this question"


def _number_message(question: Question, text: str) -> str | None:
    """The error for a typed number, read exactly (Decimal): any length of digits, never inf or nan."""
    if question.unit == "GBP":
        number = money(text)
        if number is None:
            return "Enter an amount in pounds, like £1,250,000, 250k or 1.4m"
    elif NUMBER.fullmatch(text.strip()):
        number = Decimal(text.strip())
    else:
        return "Enter a number, like 14"
    if question.integer and number != number.to_integral_value():
        return "Enter a whole number, like 14"
    if question.minimum is not None and number < Decimal(str(question.minimum)):
        return f"Enter {_limit(question, question.minimum)} or more"
    if question.maximum is not None and number > Decimal(str(question.maximum)):
        return f"Enter {_limit(question, question.maximum)} or less"
    return None


def _limit(question: Question, value: float) -> str:
    """A limit as the question's answers are written: £50,000,000, 730."""
    return f"£{value:,.0f}" if question.unit == "GBP" else f"{value:,g}"


def plain(reason: str, code: str) -> str:
    """A land() reason ('PUBURL 'x' is not a web address; ...') said to the person who typed it."""
    text = re.sub(rf"^{re.escape(code)}(\[[^\]]*\])?\s*('(?:[^']|'')*'\s*)?", "", reason).strip()
    if text.startswith("is required"):
        return "Answer this question"
    return "This " + text if text.startswith("is ") else text[:1].upper() + text[1:]
