"""Waves: open and close collection waves, send invitations and reminders, make postal letters, see non-response.

Every action goes through the pipelines (pipelines.waves, mailer, letters) and is logged there. While the
public address would reach nobody (settings.public_address_problem) opening a wave, e-mails and letters are
refused with the sentence saying why, and nothing is done.
"""

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

import settings
import surveys
from dashboards.database import cursor
from dashboards.ui import confirm
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.errors import LinksUnreachable, PipelineError
from pipelines.outreach.letter_layout import Sender
from pipelines.outreach.letters import make_invitation_letters, make_reminder_letters, read_sample
from pipelines.outreach.mailer import mail_settings, send_invitations, send_reminders
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import (
    close_wave,
    not_answered,
    open_wave,
    organisations_in,
    overview,
    reopen_wave,
    wave_answers,
)
from presentation.formats import count, day
from presentation.tables import for_people

user = require_role("administrator")
st.title("Waves, invitations and reminders")
con = cursor()
site = settings.current()
unreachable = settings.public_address_problem(site)

waves = overview(con)
st.dataframe(waves, hide_index=True)
names = {
    wave: f"{code} {quarter}"
    for wave, code, quarter in zip(waves["wave_id"], waves["survey_code"], waves["period"], strict=True)
}

returns = {w: n for w, n in names.items() if n.startswith("commissioner_return ")}
with st.expander("Open a wave"), st.form("open"):
    survey_code = st.selectbox("Questionnaire", surveys.CODES)
    period_text = st.text_input(
        "Period",
        placeholder="2011-Q3",
        help="A quarter (2011-Q3), a financial year (2011-12: 1 April to 31 March) or a name of your own.",
    )
    opens = st.date_input("Opens", date.today())
    closes = st.date_input("Closes", date.today() + timedelta(days=42))
    org_type = st.selectbox(
        "Organisations asked (commissioner returns and ratings)", ["PCT", "CCG", "ICB", "LA", "carers_org"]
    )
    rates = st.selectbox(
        "For a rating wave, the commissioner returns it rates",
        list(returns),
        index=None,
        format_func=lambda wave: returns[wave],
        placeholder="The return wave of the same period",
    )
    sample_file = st.file_uploader("Or, for carers, the sample CSV (reference, area, age_band, sex)", type="csv")
    if st.form_submit_button("Open the wave", type="primary"):
        try:
            if unreachable:
                raise LinksUnreachable(unreachable)
            period = parse_period(period_text, opens, closes)
            scope: pd.DataFrame | list[str]
            if sample_file is not None:
                with tempfile.TemporaryDirectory() as folder:
                    uploaded = Path(folder) / sample_file.name
                    uploaded.write_bytes(sample_file.getvalue())
                    scope = read_sample(uploaded, need_address=False)
                scope = scope.drop(columns=[c for c in scope.columns if c == "address"])
            else:
                scope = organisations_in(con, org_type, period)
            opened_id = open_wave(
                con, survey_code, period.label, opens, closes, scope, rates_wave_id=rates, opened_by=user.username
            )
            st.success(  # a period may be a name of the administrator's own
                f"Wave {survey_code} {escape_markdown(period.label)} ({escape_markdown(period.title)}) "
                f"is open (wave {opened_id})."
            )
        except (PipelineError, ValueError) as error:
            st.error(escape_markdown(error))  # it quotes the period typed or the sample file's values

if not names:
    st.stop()
wave_id = st.selectbox("Wave", list(names), format_func=lambda wave: names[wave], key="admin_waves_wave")

CONFIRM = "admin_waves_confirm"
counts = wave_answers(con, [wave_id]).iloc[0]
is_closed = bool(waves.loc[waves["wave_id"] == wave_id, "closed"].iloc[0])
left, middle, right = st.columns(3)
if left.button("Reopen this wave" if is_closed else "Close this wave", key="admin_waves_close"):
    confirm.ask(CONFIRM, wave_id)
confirm.say_done(CONFIRM)
if confirm.asking(CONFIRM, wave_id):
    with st.container(border=True):
        answers = f"{count(counts['answered'])} of the {count(counts['asked'])} asked have answered"
        if is_closed:
            st.warning(
                f"Reopening {escape_markdown(names[wave_id])} takes web answers again until the date below "
                f"({answers} so far)."
            )
            closes_again = st.date_input(
                "Take answers until",
                date.today() + timedelta(days=14),
                min_value=date.today(),
                key="admin_waves_reopen",
            )
            if confirm.answered(CONFIRM, "Yes, reopen the wave"):
                try:
                    reopen_wave(con, wave_id, closes_again, reopened_by=user.username)
                    confirm.done(CONFIRM, f"Reopened: web answers are taken until {day(closes_again)}.")
                except PipelineError as error:
                    st.error(escape_markdown(error))
        else:
            missing = not_answered(con, wave_id)
            left_out = f", and the {count(len(missing))} below have not" if len(missing) else ""
            st.warning(
                f"Closing {escape_markdown(names[wave_id])} refuses web answers from now on and stops its "
                f"reminders (paper returns are flagged late): {answers}{left_out}."
            )
            if len(missing):
                st.dataframe(for_people(missing, ["org_name", "org_code", "org_type"]), hide_index=True)
            if confirm.answered(CONFIRM, "Yes, close the wave"):
                close_wave(con, wave_id, closed_by=user.username)
                confirm.done(CONFIRM, "Closed: web answers are refused from now on; paper returns are flagged late.")
if middle.button("Send invitations by e-mail"):
    try:
        sent = send_invitations(
            con,
            wave_id,
            mail_settings(),
            public_url=site.public_url,
            allow_loopback=site.allow_loopback_links,
            sent_by=user.username,
        )
        st.success(f"{sent.invitations} invitation(s) sent.")
        if sent.without_contact:
            st.warning("No e-mail contact for: " + ", ".join(map(escape_markdown, sent.without_contact)))
    except PipelineError as error:
        st.error(escape_markdown(error))
    except OSError as error:
        st.error(f"The mail server did not take the messages: {escape_markdown(error)}")
if right.button("Send due reminders"):
    try:
        sent = send_reminders(
            con,
            wave_id,
            mail_settings(),
            public_url=site.public_url,
            allow_loopback=site.allow_loopback_links,
            sent_by=user.username,
        )
        st.success(f"{sent.reminders} reminder(s) and {sent.final_reminders} final reminder(s) sent.")
    except PipelineError as error:
        st.error(escape_markdown(error))
    except OSError as error:
        st.error(f"The mail server did not take the messages: {escape_markdown(error)}")

with st.expander("Postal letters for sampled carers"):
    st.caption("Addresses in the sample are used to print the letters and are not kept.")
    letters_file = st.file_uploader(
        "Sample CSV (reference, address; area, age_band, sex optional)", type="csv", key="letters"
    )
    reminder = st.toggle("Reminder letters (only to those who have not answered)")
    if letters_file is not None and st.button("Make the letters"):
        make = make_reminder_letters if reminder else make_invitation_letters
        # names, addresses and personal codes: in a private folder that is gone as soon as the PDF is read
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "letters.pdf"
            sample_path = Path(folder) / letters_file.name
            sample_path.write_bytes(letters_file.getvalue())
            try:
                pages = make(
                    con,
                    wave_id,
                    read_sample(sample_path),
                    out,
                    public_url=site.public_url,
                    allow_loopback=site.allow_loopback_links,
                    sender=Sender.of(site),
                    made_by=user.username,
                )
                letters = out.read_bytes()
            except PipelineError as error:
                st.error(escape_markdown(error))
                letters = b""
        if letters:
            st.download_button(f"Download {pages} letter(s) (PDF)", letters, file_name="letters.pdf")

st.subheader("Non-response")
st.dataframe(
    con.execute(
        "select org_code, org_name, invited, reminded, final_reminded, responded from mart_non_response "
        "where wave_id = ? order by responded, org_code",
        [wave_id],
    ).df(),
    hide_index=True,
)
repeat = con.execute(
    "select org_code, org_name, previous_org_codes from mart_repeat_non_responders where wave_id = ?", [wave_id]
).df()
st.caption(f"Repeat non-responders (no return this wave nor the one before): {len(repeat)}")
st.dataframe(repeat, hide_index=True)
