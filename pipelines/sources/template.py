"""The blank import template of a survey: one column per field, and a key explaining each code."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import surveys
from surveys import Question


def key_rows(question: Question) -> list[dict]:
    """What to write in each of the question's columns."""
    if question.type == "array":
        answers = "; ".join(f"{o.code} = {o.label}" for o in question.options)
        return [
            {"column": f, "question": f"{question.text} {s.label}", "answers": answers, "required": question.required}
            for f, s in zip(question.fields, question.subquestions, strict=False)
        ]
    if question.type == "multi":
        return [
            {
                "column": f,
                "question": f"{question.text} {o.label}",
                "answers": "Y if ticked, blank if not",
                "required": False,
            }
            for f, o in zip(question.fields, question.options, strict=False)
        ]
    answers = {
        "single": "; ".join(f"{o.code} = {o.label}" for o in question.options),
        "number": _number_rule(question),
        "date": "a date, YYYY-MM-DD or DD/MM/YYYY",
        "text": f"free text, at most {question.max_length} characters"
        + (", a web address" if question.format == "url" else ""),
        "org": f"an organisation code ({', '.join(question.org_types)})"
        + ("; several separated by ;" if question.multiple else ""),
    }[question.type]
    shown = (
        f" Only when {question.show_if.question} is {' or '.join(question.show_if.in_)}." if question.show_if else ""
    )
    return [
        {"column": question.code, "question": question.text + shown, "answers": answers, "required": question.required}
    ]


def _number_rule(question: Question) -> str:
    kind = "a whole number" if question.integer else "a number"
    if question.unit == "GBP":
        kind = "an amount in pounds (1250000 or £1,250,000)"
    limits = [
        f"at least {question.minimum:g}" if question.minimum is not None else "",
        f"at most {question.maximum:g}" if question.maximum is not None else "",
    ]
    return ", ".join([kind, *filter(None, limits)])


def write_template(survey_code: str, folder: Path) -> list[Path]:
    """Write `<code>_template.csv`, `<code>_codes.csv` and `<code>_template.xlsx` (two sheets)."""
    survey = surveys.load(survey_code)
    folder.mkdir(parents=True, exist_ok=True)
    key = pd.DataFrame([row for q in survey.questions for row in key_rows(q)])
    if survey.reference_column:
        reference = {
            "column": survey.reference_column,
            "question": "Your own reference for the respondent (optional)",
            "answers": "any text; a row with a known reference replaces that respondent's answers",
            "required": False,
        }
        key = pd.concat([pd.DataFrame([reference]), key], ignore_index=True)
    blank = pd.DataFrame(columns=key["column"].tolist())
    paths = [
        folder / f"{survey.code}_template.csv",
        folder / f"{survey.code}_codes.csv",
        folder / f"{survey.code}_template.xlsx",
    ]
    blank.to_csv(paths[0], index=False)
    key.to_csv(paths[1], index=False)
    with pd.ExcelWriter(paths[2], engine="openpyxl") as writer:
        blank.to_excel(writer, sheet_name="answers", index=False)
        key.to_excel(writer, sheet_name="codes", index=False)
    return paths
