"""The letter's A4 page, laid out for a UK DL window envelope: the address in the window, the sender and
date beside it, then the invitation, the personal link, its QR code and the personal code to type.

Positions are millimetres from the sheet's top left. The window is the left one of a DL/C5 envelope
(about 20 mm from the left, 45 mm from the top, 90 mm wide, room for 6 lines): an address that does
not fit is refused before any letter is made, rather than printed half hidden. Core fonts only, and
text that is the same on every page is wrapped once per document, so 10,000 pages stay quick.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import segno
from fpdf import FPDF

import settings


@dataclass(frozen=True)
class Window:
    x: float
    y: float
    width: float
    height: float


WINDOW = Window(x=20, y=45, width=90, height=40)
ADDRESS_TOP, ADDRESS_LINE, ADDRESS_LINES = 50, 5.0, 6  # six 5 mm lines from 50 mm end at 80 mm, inside
ADDRESS_FONT = ("Helvetica", "", 11)
SENDER_X, SENDER_WIDTH, SENDER_TOP = 120, 70, 15  # the right column, clear of the window
FREEPOST = "FREEPOST CARERS MONITOR SURVEY (fictional, demo)"
RETURN_BY_POST = (
    "Prefer paper? Fill in the questionnaire enclosed and post it back in the envelope provided. "
    f"No stamp is needed. If you have lost the envelope, write on any envelope: {FREEPOST}."
)


@dataclass(frozen=True)
class Sender:
    """Who the letters come from: who runs the survey (settings.run_by) and how carers can reach them."""

    run_by: str = settings.Settings.run_by
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, config: settings.Settings) -> Sender:
        return cls(config.run_by, config.contact_phone, config.contact_email)


@dataclass(frozen=True)
class Letterhead:
    """What every page of one run shares."""

    sender: Sender
    written: date
    closes: date
    code_page: str  # where a carer types the personal code
    reminder: bool


@dataclass(frozen=True)
class Letter:
    address: list[str]
    code: str
    link: str


def new_document(*, reminder: bool) -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_title("Carers' survey reminder letters" if reminder else "Carers' survey invitation letters")
    return pdf


def address_lines(address: str) -> list[str]:
    """An address cell as its lines: split by new lines or '|', blank lines dropped, Latin-1 only."""
    return [_latin(line.strip()) for line in str(address).replace("|", "\n").splitlines() if line.strip()]


def fits_the_window(pdf: FPDF, lines: list[str]) -> bool:
    """Whether these lines show whole in the envelope window: 1 to 6 lines, each within its width."""
    pdf.set_font(*ADDRESS_FONT)
    return 0 < len(lines) <= ADDRESS_LINES and all(pdf.get_string_width(line) <= WINDOW.width for line in lines)


def letter_page(pdf: FPDF, letter: Letter, head: Letterhead) -> None:
    pdf.add_page()
    _sender_and_date(pdf, head)
    _address(pdf, letter.address)
    _invitation(pdf, head)
    _qr(pdf, letter.link, x=145, y=95, size=45)
    _ways_to_answer(pdf, letter, head)
    pdf.set_font("Helvetica", size=11)
    pdf.set_y(205)
    for line in _wrapped(pdf, RETURN_BY_POST, 170):
        pdf.set_x(20)
        pdf.cell(170, 5.5, line, new_x="LMARGIN", new_y="NEXT")


def _sender_and_date(pdf: FPDF, head: Letterhead) -> None:
    """Top right: the survey, who runs it, the phone and e-mail when set, then the date."""
    pdf.set_xy(SENDER_X, SENDER_TOP)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(SENDER_WIDTH, 4.5, "Carers Monitor survey", align="R", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    phone, email = head.sender.phone, head.sender.email
    contact = [_latin(text) for text in (f"Phone {phone}" if phone else "", email) if text]
    lines = _wrapped(pdf, _latin(f"run by {head.sender.run_by}"), SENDER_WIDTH) + contact
    for line in [*lines, "", _day(head.written)]:
        pdf.cell(SENDER_WIDTH, 4.5, line, align="R", new_x="LEFT", new_y="NEXT")


def _address(pdf: FPDF, lines: list[str]) -> None:
    pdf.set_font(*ADDRESS_FONT)
    pdf.set_xy(WINDOW.x, ADDRESS_TOP)
    for line in lines:
        pdf.cell(WINDOW.width, ADDRESS_LINE, line, new_x="LEFT", new_y="NEXT")


def _invitation(pdf: FPDF, head: Letterhead) -> None:
    pdf.set_xy(20, 92)
    pdf.set_font("Helvetica", "B", 14)
    heading = "A reminder: please tell us about caring" if head.reminder else "Please tell us about caring"
    pdf.cell(170, 8, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in _wrapped(pdf, _body(head.reminder), 110):
        pdf.set_x(20)
        pdf.cell(110, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(110, 8, f"Please answer by {_day(head.closes)}.", new_x="LMARGIN", new_y="NEXT")


def _ways_to_answer(pdf: FPDF, letter: Letter, head: Letterhead) -> None:
    """The personal link typed out, the QR code's caption, and the page where the personal code is typed."""
    pdf.set_xy(20, 152)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(170, 6, "Answer online: type this link into your web browser", new_x="LMARGIN", new_y="NEXT")
    _fitted(pdf, letter.link, size=11)
    pdf.set_font("Helvetica", size=11)
    pdf.set_x(20)
    pdf.cell(170, 6, "Or scan the square code with your phone's camera.", new_x="LMARGIN", new_y="NEXT")
    _fitted(pdf, f"Or go to {head.code_page}", size=11)
    pdf.set_font("Helvetica", size=11)
    pdf.set_x(20)
    pdf.cell(pdf.get_string_width("and type your personal code: ") + 1, 10, "and type your personal code:")
    pdf.set_font("Courier", "B", 15)
    pdf.cell(100, 10, letter.code, new_x="LMARGIN", new_y="NEXT")


def _fitted(pdf: FPDF, text: str, *, size: float) -> None:
    """One line across the text width, in a smaller size when a long public address needs it."""
    pdf.set_font("Helvetica", size=size)
    width = pdf.get_string_width(text)
    if width > 170:
        pdf.set_font_size(size * 170 / width)
    pdf.set_x(20)
    pdf.cell(170, 6, text, new_x="LMARGIN", new_y="NEXT")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"  # 5 January 2027, as letters write it


def _wrapped(pdf: FPDF, text: str, width: float) -> list[str]:
    """The text's lines at this width, wrapped once per document (the same text is on every page)."""
    cache = pdf.__dict__.setdefault("_wrapped_lines", {})
    key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, text, width)
    if key not in cache:
        cache[key] = pdf.multi_cell(width, 5.5, text, dry_run=True, output="LINES")
    return cache[key]


def _body(reminder: bool) -> str:
    start = (
        "A few weeks ago we wrote to ask you about your experience as a carer. If you have already "
        "answered, thank you, and please ignore this letter. If not, there is still time. "
        if reminder
        else "You have been chosen at random from the carers your council knows of, to tell us about your "
        "experience of caring and of the support you get. "
    )
    return start + (
        "It takes about 15 minutes. Your answers are confidential: the council sees only "
        "figures about many carers together, never your own answers. Taking part is your choice."
    )


def _qr(pdf: FPDF, text: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code as one filled path of dark-module runs: vector, sharp at any scale, and fast.

    fpdf2's rect() costs about 30 microseconds a call and a code has ~350 runs, so the runs go out as
    raw `re` operators in one path (fpdf2's documented low-level `_out`), with the mask fixed (segno
    otherwise scores all 8 masks, which is most of its time; any mask decodes).
    """
    matrix = segno.make_qr(text, error="m", mask=2).matrix
    border, k = 4, pdf.k
    module = size / (len(matrix) + 2 * border)
    ops = []
    for row_index, row in enumerate(matrix):
        bottom = (pdf.h - (y + (row_index + border + 1) * module)) * k
        start = None
        for col_index, dark in enumerate([*list(row), 0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                left = (x + (start + border) * module) * k
                ops.append(f"{left:.2f} {bottom:.2f} {(col_index - start) * module * k:.2f} {module * k:.2f} re")
                start = None
    pdf._out("q 0 g " + " ".join(ops) + " f Q")


def _latin(text: str) -> str:
    """The PDF core fonts are Latin-1: keep what fits, replace what does not."""
    return text.replace("\u2019", "'").encode("latin-1", "replace").decode("latin-1")
