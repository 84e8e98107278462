"""Postal invitations and reminders for sampled carers: one PDF, one A4 page per carer.

The sample CSV gives each carer's reference and address block (and optionally area, age band, sex).
Addresses are used to print and are never stored: only the sample reference, the token's hash and
the dates are kept (in `wave_scope`, `invitations` and `message_log`). Each page carries the survey
link, a QR code of the personal link, the personal code typed out, and a freepost return instruction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import segno
from fpdf import FPDF

from pipelines.errors import FileRefused
from pipelines.outreach.links import checked_address, survey_link
from pipelines.outreach.tokens import hash_token, new_token

SQL = Path(__file__).parent / "sql"
FREEPOST = "FREEPOST CARERS MONITOR SURVEY (fictional, demo)"
RETURN_BY_POST = (
    "Prefer paper? Fill in the questionnaire enclosed and post it back in the envelope provided. "
    f"No stamp is needed. If you have lost the envelope, write on any envelope: {FREEPOST}."
)


@dataclass(frozen=True)
class Letter:
    address: list[str]
    code: str
    link: str


def read_sample(path: Path, *, need_address: bool = True) -> pd.DataFrame:
    """The sample as text: `reference` (or `sample_ref`) and `address` (lines split by newlines or '|')."""
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    frame.columns = [c.strip().lower() for c in frame.columns]
    frame = frame.rename(columns={"reference": "sample_ref"})
    wanted = ["sample_ref", "address"] if need_address else ["sample_ref"]
    if any(column not in frame.columns for column in wanted):
        raise FileRefused(
            f"{Path(path).name} needs the columns {' and '.join(wanted).replace('sample_ref', 'reference')}."
        )
    return frame


def make_invitation_letters(
    con: duckdb.DuckDBPyConnection,
    wave_id: int,
    sample: pd.DataFrame,
    out: Path,
    *,
    public_url: str,
    allow_loopback: bool = False,
    made_by: str | None = None,
) -> int:
    """Issue a single-use token per sampled carer and print one letter each; returns the pages made.

    Refused (LinksUnreachable) while `public_url` would reach nobody: no one is added, no token issued.
    """
    address = checked_address(public_url, allow_loopback=allow_loopback)
    _add_to_scope(con, wave_id, sample)
    tokens = _issue(con, wave_id, list(sample["sample_ref"]), "invitation", made_by, reissue=False)
    return _print(sample, tokens, out, address, reminder=False)


def make_reminder_letters(
    con: duckdb.DuckDBPyConnection,
    wave_id: int,
    sample: pd.DataFrame,
    out: Path,
    *,
    public_url: str,
    allow_loopback: bool = False,
    made_by: str | None = None,
) -> int:
    """Reminders for the sampled carers with a letter who have not answered, each with a new code.

    Refused like make_invitation_letters while `public_url` would reach nobody: no code is replaced.
    """
    address = checked_address(public_url, allow_loopback=allow_loopback)
    waiting = {
        r[0]
        for r in con.execute(
            (SQL / "letters_not_answered.sql").read_text(encoding="utf-8"), {"wave": wave_id}
        ).fetchall()
    }
    due = sample[sample["sample_ref"].isin(waiting)]
    tokens = _issue(con, wave_id, list(due["sample_ref"]), "reminder", made_by, reissue=True)
    return _print(due, tokens, out, address, reminder=True)


def _add_to_scope(con, wave_id: int, sample: pd.DataFrame) -> None:
    extra = {c: sample[c] if c in sample.columns else None for c in ("area", "age_band", "sex")}
    scope = pd.DataFrame({"sample_ref": sample["sample_ref"].str.strip(), **extra}, dtype="string")
    con.register("_letters_scope", scope)
    try:
        con.execute(
            "insert into wave_scope (wave_id, sample_ref, area, age_band, sex) "
            "select ?, sample_ref, nullif(area, ''), nullif(age_band, ''), nullif(sex, '') from _letters_scope "
            "where sample_ref not in (select sample_ref from wave_scope where wave_id = ? and sample_ref is not null)",
            [wave_id, wave_id],
        )
    finally:
        con.unregister("_letters_scope")


def _issue(con, wave_id: int, refs: list[str], template: str, made_by, *, reissue: bool) -> list[str]:
    """Tokens for these references, stored hashed in one statement (10,000 single inserts would be slow)."""
    tokens = [new_token() for _ in refs]
    issued = pd.DataFrame({"sample_ref": [r.strip() for r in refs], "token_hash": [hash_token(t) for t in tokens]})
    con.register("_issued", issued)
    con.begin()
    try:
        if reissue:
            con.execute(
                "update invitations as i set token_hash = n.token_hash, reminded_at = current_timestamp "
                "from _issued as n where i.wave_id = ? and i.channel = 'post' and i.sample_ref = n.sample_ref",
                [wave_id],
            )
        else:
            con.execute(
                "insert into invitations (wave_id, token_hash, sample_ref, channel, sent_at) "
                "select ?, token_hash, sample_ref, 'post', current_timestamp from _issued",
                [wave_id],
            )
        con.execute(
            "insert into message_log (wave_id, sample_ref, channel, template, sent_by) "
            "select ?, sample_ref, 'post', ?, ? from _issued",
            [wave_id, template, made_by],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.unregister("_issued")
    return tokens


def _print(sample: pd.DataFrame, tokens: list[str], out: Path, address: str, *, reminder: bool) -> int:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_title("Carers' survey reminder letters" if reminder else "Carers' survey invitation letters")
    for postal, token in zip(sample["address"], tokens, strict=False):
        lines = [line.strip() for line in str(postal).replace("|", "\n").splitlines() if line.strip()]
        link = survey_link(address, "carer_experience", token)
        letter_page(pdf, Letter(lines, token, link), address, reminder=reminder)
    pdf.output(str(out))
    return len(tokens)


def letter_page(pdf: FPDF, letter: Letter, base_url: str, *, reminder: bool) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 45)
    for line in letter.address:
        pdf.cell(90, 5, _latin(line), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(20)
    pdf.set_xy(140, 25)
    pdf.cell(50, 5, f"{date.today():%d %B %Y}", align="R")
    pdf.set_xy(20, 85)
    pdf.set_font("Helvetica", "B", 14)
    heading = "A reminder: please tell us about caring" if reminder else "Please tell us about caring"
    pdf.cell(170, 8, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in _wrapped(pdf, _body(reminder), 110):
        pdf.set_x(20)
        pdf.cell(110, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    _qr(pdf, letter.link, x=145, y=98, size=45)
    pdf.set_xy(20, 160)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(170, 6, f"Online: {base_url}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.cell(170, 6, "Or scan the square code with your phone's camera.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.cell(45, 10, "Your personal code:")
    pdf.set_font("Courier", "B", 16)
    pdf.cell(120, 10, letter.code, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.set_y(195)
    for line in _wrapped(pdf, RETURN_BY_POST, 170):
        pdf.set_x(20)
        pdf.cell(170, 5.5, line, new_x="LMARGIN", new_y="NEXT")


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
