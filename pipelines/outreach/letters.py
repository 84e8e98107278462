"""Postal invitations and reminders for sampled carers: one PDF, one A4 page per carer.

The sample CSV gives each carer's reference and address block (and optionally area, age band, sex).
Addresses are used to print and are never stored: only the sample reference, the token's hash and
the dates are kept (in `wave_scope`, `invitations` and `message_log`). The page itself, laid out for a
window envelope, is drawn by `letter_layout`; this module decides who gets a letter and issues the codes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
from fpdf import FPDF

from pipelines.errors import FileRefused
from pipelines.outreach.letter_layout import (
    Letter,
    Letterhead,
    Sender,
    address_lines,
    fits_the_window,
    letter_page,
    new_document,
)
from pipelines.outreach.links import checked_address, code_page, survey_link
from pipelines.outreach.tokens import hash_token, new_token

SQL = Path(__file__).parent / "sql"


def read_sample(path: Path, *, need_address: bool = True) -> pd.DataFrame:
    """The sample as text: `reference` (or `sample_ref`) and `address` (lines split by newlines or '|').

    UTF-8 (with or without Excel's byte order mark), else Windows-1252; a file that is neither, or not a
    CSV at all, is refused in one sentence.
    """
    frame = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
            break
    if frame is None:
        raise FileRefused(
            f"{Path(path).name} could not be read as a CSV file: save it from Excel as CSV and upload it again."
        )
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
    sender: Sender | None = None,
    made_by: str | None = None,
) -> int:
    """Issue a single-use token per sampled carer and print one letter each; returns the pages made.

    Refused before anyone is added or any token issued: LinksUnreachable while `public_url` would reach
    nobody, FileRefused when an address does not fit the envelope window.
    """
    address = checked_address(public_url, allow_loopback=allow_loopback)
    return _make(con, wave_id, sample, out, address, sender, made_by, reminder=False)


def make_reminder_letters(
    con: duckdb.DuckDBPyConnection,
    wave_id: int,
    sample: pd.DataFrame,
    out: Path,
    *,
    public_url: str,
    allow_loopback: bool = False,
    sender: Sender | None = None,
    made_by: str | None = None,
) -> int:
    """Reminders for the sampled carers with a letter who have not answered, each with a new code.

    Refused like make_invitation_letters, before any code is replaced.
    """
    address = checked_address(public_url, allow_loopback=allow_loopback)
    waiting = {
        r[0]
        for r in con.execute(
            (SQL / "letters_not_answered.sql").read_text(encoding="utf-8"), {"wave": wave_id}
        ).fetchall()
    }
    due = sample[sample["sample_ref"].isin(waiting)]
    return _make(con, wave_id, due, out, address, sender, made_by, reminder=True)


def _make(
    con,
    wave_id: int,
    due: pd.DataFrame,
    out: Path,
    address: str,
    sender: Sender | None,
    made_by: str | None,
    *,
    reminder: bool,
) -> int:
    """Check every address fits the window, then add the carers to the scope (invitations), issue their
    codes and print a page each; a reminder replaces the code instead, so the earlier letter stops working."""
    pdf = new_document(reminder=reminder)
    postal = _window_addresses(pdf, due)
    closes = con.execute("select closes from waves where wave_id = ?", [wave_id]).fetchall()[0][0]
    head = Letterhead(sender or Sender(), date.today(), closes, code_page(address), reminder)
    if not reminder:
        _add_to_scope(con, wave_id, due)
    refs = list(due["sample_ref"])
    tokens = _issue(con, wave_id, refs, "reminder" if reminder else "invitation", made_by, reissue=reminder)
    for lines, token in zip(postal, tokens, strict=True):
        letter_page(pdf, Letter(lines, token, survey_link(address, "carer_experience", token)), head)
    pdf.output(str(out))
    return len(tokens)


def _window_addresses(pdf: FPDF, sample: pd.DataFrame) -> list[list[str]]:
    """Each carer's address as the lines the window shows; the whole sample is refused if one does not fit."""
    postal = [address_lines(address) for address in sample["address"]]
    unfit = [ref for ref, lines in zip(sample["sample_ref"], postal, strict=True) if not fits_the_window(pdf, lines)]
    if unfit:
        more = f" and {len(unfit) - 5} more" if len(unfit) > 5 else ""
        raise FileRefused(
            "No letters made: these addresses do not fit an envelope window (1 to 6 lines of at most about "
            f"45 characters): {', '.join(unfit[:5])}{more}; shorten them in the sample and make the letters again."
        )
    return postal


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
    """Tokens for these references, stored hashed in one statement (10,000 single inserts would be slow); a
    reference that already has a letter gets a new code on the same invitation, so the earlier letter stops working."""
    tokens = [new_token() for _ in refs]
    issued = pd.DataFrame({"sample_ref": [r.strip() for r in refs], "token_hash": [hash_token(t) for t in tokens]})
    con.register("_issued", issued)
    con.begin()
    try:
        stamp = "reminded_at" if reissue else "sent_at"
        con.execute(
            f"update invitations as i set token_hash = n.token_hash, {stamp} = current_timestamp "
            "from _issued as n where i.wave_id = ? and i.channel = 'post' and i.sample_ref = n.sample_ref",
            [wave_id],
        )
        if not reissue:  # letters made again for the same sample replace the earlier codes: one invitation each
            con.execute(
                "insert into invitations (wave_id, token_hash, sample_ref, channel, sent_at) "
                "select ?, n.token_hash, n.sample_ref, 'post', current_timestamp from _issued as n "
                "where n.sample_ref not in (select sample_ref from invitations where wave_id = ? and channel = 'post' "
                "and sample_ref is not null)",
                [wave_id, wave_id],
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
