"""A printable questionnaire for each instrument, generated from its definition (fpdf2).

Questions are numbered 1, 2, 3...; each shows its code in small print (for keying), tick boxes with
the answer codes beside them, and routing written as "go to question N" wherever a show-if rule
skips questions. `large_print=True` sets the text in 16 point for readers who need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

import surveys
from surveys import Question, Survey

GREY = (110, 110, 110)


@dataclass(frozen=True)
class Style:
    size: float  # body text, points
    small: float  # question and answer codes
    line: float  # line height, mm
    box: float  # tick box side, mm

    @staticmethod
    def of(large_print: bool) -> Style:
        return Style(16, 10, 8.5, 6) if large_print else Style(11, 7, 5.5, 4)


def routing(survey: Survey) -> dict[tuple[str, str], int | None]:
    """{(question code, answer code): number of the question to go to (None: the end)}.

    Only answers that skip questions are listed.
    """
    questions = survey.questions
    jumps = {}
    for index, question in enumerate(questions):
        for option in question.options if question.type == "single" else []:
            skipped: dict[str, str | None] = {question.code: option.code}
            following = index + 1
            while following < len(questions) and _skipped(questions[following], skipped):
                skipped[questions[following].code] = None
                following += 1
            if following > index + 1:
                jumps[(question.code, option.code)] = following + 1 if following < len(questions) else None
    return jumps


def _skipped(question: Question, answered: dict[str, str | None]) -> bool:
    """Whether `question` is hidden, given answers (None: the question itself was skipped)."""
    condition = question.show_if
    if condition is None or condition.question not in answered:
        return False
    answer = answered[condition.question]
    return answer is None or answer not in condition.in_


def make_questionnaire(survey_code: str, out: Path, *, large_print: bool = False) -> Path:
    survey = surveys.load(survey_code)
    style = Style.of(large_print)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(survey.title)
    pdf.add_page()
    _cover(pdf, survey, style)
    jumps = routing(survey)
    numbers = {q.code: i + 1 for i, q in enumerate(survey.questions)}
    for section in survey.sections:
        _heading(pdf, section.title, section.intro, style)
        for question in section.questions:
            _question(pdf, question, numbers, jumps, style)
    pdf.set_font("Helvetica", "B", style.size)
    pdf.multi_cell(
        0,
        style.line,
        "Thank you. Please post this questionnaire back in the envelope provided; no stamp is needed.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.output(str(out))
    return out


def _cover(pdf: FPDF, survey: Survey, style: Style) -> None:
    pdf.set_font("Helvetica", "B", style.size + 6)
    pdf.multi_cell(0, style.line * 1.4, survey.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=style.size)
    pdf.multi_cell(0, style.line, survey.description, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(style.line / 2)
    pdf.multi_cell(
        0,
        style.line,
        "Tick one box for each question unless it says otherwise, like this: [X]. "
        'Where an answer says "go to question N", skip straight to that question.',
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(style.line)


def _heading(pdf: FPDF, title: str, intro: str | None, style: Style) -> None:
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.set_font("Helvetica", "B", style.size + 3)
    pdf.multi_cell(0, style.line * 1.3, title, new_x="LMARGIN", new_y="NEXT")
    if intro:
        pdf.set_font("Helvetica", "I", style.size)
        pdf.multi_cell(0, style.line, intro, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(style.line / 2)


def _question(pdf: FPDF, question: Question, numbers: dict, jumps: dict, style: Style) -> None:
    lines = 2 + len(question.options)
    if pdf.get_y() + lines * style.line > pdf.h - 18:
        pdf.add_page()
    number = numbers[question.code]
    pdf.set_font("Helvetica", "B", style.size)
    pdf.multi_cell(0, style.line, f"{number}. {question.text}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=style.small)
    pdf.set_text_color(*GREY)
    note = f"Question code {question.code}"
    if question.show_if:
        note += (
            f". Answer only if you answered {', '.join(question.show_if.in_)} "
            f"at question {numbers[question.show_if.question]}"
        )
    pdf.multi_cell(0, style.small * 0.5, note + ".", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", size=style.size)
    if question.help:
        pdf.set_font("Helvetica", "I", style.size)
        pdf.multi_cell(0, style.line, question.help, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=style.size)
    if question.type in ("single", "multi"):
        if question.type == "multi":
            pdf.multi_cell(0, style.line, "Tick all that apply.", new_x="LMARGIN", new_y="NEXT")
        for option in question.options:
            _tick_box(pdf, question, option.code, option.label, jumps, style)
    else:
        pdf.multi_cell(0, style.line * 1.6, _write_in(question), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(style.line / 2)


def _tick_box(pdf: FPDF, question: Question, code: str, label: str, jumps: dict, style: Style) -> None:
    x, y = pdf.l_margin + 4, pdf.get_y()
    pdf.rect(x, y + (style.line - style.box) / 2, style.box, style.box)
    pdf.set_x(x + style.box + 3)
    text = label
    if (question.code, code) in jumps:
        target = jumps[(question.code, code)]
        text += f"  > go to question {target}" if target else "  > go to the end"
    pdf.multi_cell(pdf.w - pdf.r_margin - pdf.get_x() - 14, style.line, text, new_x="RIGHT", new_y="TOP")
    below = pdf.get_y()
    pdf.set_font("Helvetica", size=style.small)
    pdf.set_text_color(*GREY)
    pdf.set_xy(pdf.w - pdf.r_margin - 12, y)
    pdf.cell(12, style.line, code, align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", size=style.size)
    pdf.set_xy(pdf.l_margin, max(below, y + style.line))


def _write_in(question: Question) -> str:
    if question.type == "number":
        prefix = {"GBP": "£", "days": "", "hours": ""}.get(question.unit or "", "")
        suffix = {"days": " days", "hours": " hours"}.get(question.unit or "", "")
        return f"{prefix} ______________________{suffix}"
    if question.type == "date":
        return "Day __ __  Month __ __  Year __ __ __ __"
    if question.type == "org":
        names = "organisations' names" if question.multiple else "organisation's name"
        return f"Write the {names}: " + "_" * 45
    return "_" * 70 + "\n" + "_" * 70
