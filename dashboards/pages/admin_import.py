"""Import a file: upload a CSV or Excel file of answers, see what it matches, land it (administrators;
an organisation an administrator allows, for its own answers only).

The same `import_file` and summary as `python -m pipelines import`; while the app serves, this is
how files come in. The uploaded copy lives in a temporary folder that goes when the import ends.
"""

import tempfile
import time
from pathlib import Path

import streamlit as st

import surveys
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown
from pipelines.errors import PipelineError
from pipelines.outreach import organisations
from pipelines.sources.files import OWN_ORGANISATION, import_file, preview, summary
from warehouse.status import rows_without_a_wave

ORG_FIELD = {"carers_org": "RATER", "commissioner": "COMMISSIONER"}  # the field naming the importer

user = require_role("administrator", "carers_org", "commissioner")
con = cursor()
own = None if user.role == "administrator" else user.org_code  # an organisation imports only its own answers
st.title("Import a file")
if own is not None and not organisations.may_import(con, own):
    st.info("An administrator has not set your organisation up to import files. Ask them, or use the form.")
    st.stop()
st.write(
    "Answers in a CSV or Excel file, one row each, with the columns of the import template. "
    "Rows that are not right are quarantined with the reason; nothing lands twice."
)
choices = [c for c in surveys.CODES if own is None or OWN_ORGANISATION.get(c) == ORG_FIELD[user.role]]
survey_code = st.selectbox("Questionnaire", choices, format_func=lambda c: surveys.load(c).title, key="import_survey")
waves = dict(
    con.execute(
        "select wave_id, title || ' (' || period || ')' from waves where survey_code = ? order by opens desc",
        [survey_code],
    ).fetchall()
)
wave_id = st.selectbox(
    "Wave the answers belong to",
    list(waves),
    format_func=lambda w: waves[w],
    index=None,
    key="import_wave",
    placeholder="Choose the wave",
)
upload = st.file_uploader("File", type=["csv", "xlsx", "xlsm"], key="import_file")
if upload is None:
    st.stop()

with tempfile.TemporaryDirectory(prefix="carers-upload-") as folder:
    path = Path(folder) / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    try:
        seen = preview(con, path, survey_code)
    except PipelineError as error:
        st.error(escape_markdown(error))  # it names the file and quotes what it holds
        st.stop()
    st.subheader("What the file holds")
    # the file's own column names, each escaped (and so isolated) where it goes into the sentence
    st.write(f"Matched to questions: {', '.join(map(escape_markdown, seen.matched.values())) or 'none'}.")
    if seen.ignored:
        st.write(f"Ignored, not in the questionnaire: {', '.join(map(escape_markdown, seen.ignored))}.")
    if seen.missing:
        st.error(
            f"{escape_markdown(upload.name)} cannot be imported: the required "
            f"column{'s' if len(seen.missing) > 1 else ''} {', '.join(seen.missing)} "
            f"{'are' if len(seen.missing) > 1 else 'is'} missing."
        )
        st.stop()
    st.caption("The first rows, as read:")
    st.dataframe(seen.first_rows, hide_index=True, key="import_preview")
    if st.button("Import the file", type="primary", key="import_go", disabled=wave_id is None):
        bar = st.progress(0.0, text="reading the file")
        stages = iter(range(1, 5))

        def step(stage: str) -> None:
            bar.progress(next(stages, 4) / 4, text=stage)

        started = time.perf_counter()
        try:
            result = import_file(
                con,
                path,
                survey_code,
                wave_id=wave_id,
                submitted_by=user.username,
                for_organisation=own,
                progress=step,
            )
        except PipelineError as error:
            bar.empty()
            st.error(escape_markdown(error))
        else:
            bar.progress(1.0, text="done")
            lines = summary(upload.name, result, time.perf_counter() - started, without_wave=rows_without_a_wave(con))
            (st.warning if result.quarantined else st.success)(escape_markdown(lines[0]))  # names the file
            for line in lines[1:]:
                st.text(line.strip())
            if result.quarantined:
                st.write("Review the quarantined rows on Administration, Quarantine.")
