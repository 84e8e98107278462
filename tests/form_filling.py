"""Fills a form page in AppTest as a person would: widget by stable key, screen by screen."""

from __future__ import annotations

from datetime import date

import surveys
from dashboards.ui.form_renderer import widget_key


def open_current_waves(con) -> dict[str, int]:
    """A wave open today for each survey (demo waves of 2011 are all closed)."""
    from pipelines.outreach.waves import ensure_wave

    today = date.today()
    period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    return {code: ensure_wave(con, code, period) for code in surveys.CODES}


def fill_screen(at, survey_code: str, key: str, answers: dict) -> None:
    """Set every widget on the current screen whose question has an answer in `answers`."""
    survey = surveys.load(survey_code)
    for question in survey.questions:
        if question.code not in answers:
            continue
        value = answers[question.code]
        widget = widget_key(key, question)
        if question.type == "single" and _present(at.radio, widget):
            at.radio(key=widget).set_value(value)
        elif question.type == "multi" and _present(at.checkbox, widget_key(key, question, question.options[0].code)):
            for option in question.options:
                at.checkbox(key=widget_key(key, question, option.code)).set_value(option.code in value)
        elif question.type in ("number", "text") and _present(at.text_input, widget):
            at.text_input(key=widget).input(value)
        elif question.type == "text" and _present(at.text_area, widget):
            at.text_area(key=widget).input(value)
        elif question.type == "date" and _present(at.date_input, widget):
            at.date_input(key=widget).set_value(value)
        elif question.type == "org" and question.multiple and _present(at.multiselect, widget):
            at.multiselect(key=widget).set_value(value)
        elif question.type == "org" and _present(at.selectbox, widget):
            at.selectbox(key=widget).set_value(value)


def _present(elements, key: str) -> bool:
    return any(element.key == key for element in elements)


def fill_all(at, survey_code: str, key: str, answers: dict, max_screens: int = 12):
    """Fill and continue screen after screen until the check-your-answers page; return the AppTest."""
    for _ in range(max_screens):
        if _present(at.button, f"{key}_submit"):
            return at
        for _ in range(3):  # show-if questions appear after their parent is answered (chains of 2)
            fill_screen(at, survey_code, key, answers)
            at.run()
        at.button(key=f"{key}_continue").click().run()
        assert not at.exception, at.exception
        if at.error and "There is a problem" in at.error[0].value:
            return at
    raise AssertionError("never reached the check-your-answers page")


CARER = {
    "QOLTIME": "2",
    "QOLCONTROL": "1",
    "QOLSELFCARE": "2",
    "QOLSAFETY": "1",
    "QOLSOCIAL": "3",
    "QOLSUPPORT": "2",
    "SATISFIED": "3",
    "CONSULTED": "2",
    "INFOEASY": "1",
    "BREAK12": "Y",
    "REPLACECARE": "2",
    "PERSBUDGET": "Y",
    "BUDGETLIMITS": "2",
    "ASSESSOFFER": "Y",
    "ASSESSDONE": "Y",
    "ASSESSDAYS": "21",
    "HOURS": "4",
    "RELATION": "1",
    "CONDITIONS": ["DEM", "PHY"],
    "AGEBAND": "6",
    "SEX": "F",
    "ETHNIC": "W",
    "OWNHEALTH": "3",
    "WORK": "3",
    "AREA": "E06000001",
    "DIFFERENCE": "A regular sitting service.",
}
