"""The blank import template of a survey: one column per field, and a key explaining each code."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import surveys
from pipelines import exports
from surveys import Question, Survey


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


def template_files(survey: Survey) -> dict[str, bytes]:
    """`<code>_template.csv`, `<code>_codes.csv` and `<code>_template.xlsx` (sheets `answers` and `codes`),
    by file name; written through `pipelines.exports`, since a definition's wording lands in a spreadsheet."""
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
    return {
        f"{survey.code}_template.csv": exports.csv_bytes(blank),
        f"{survey.code}_codes.csv": exports.csv_bytes(key),
        f"{survey.code}_template.xlsx": exports.excel_bytes({"answers": blank, "codes": key}),
    }


def write_template(survey_code: str, folder: Path) -> list[Path]:
    """Write the survey's template files (`template_files`) into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in template_files(surveys.load(survey_code)).items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths
