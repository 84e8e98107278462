"""The corpus of files people send by mistake (tests/data/bad/), each replayed against its expected outcome.

A refused file must say so in one sentence naming the file (never a temporary path, a library's error or a
traceback) and leave the database exactly as it was; a file that lands must land and quarantine the rows
its manifest says, for the reasons it says.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pipelines.demo.dataset import add_carers_orgs
from pipelines.errors import FileRefused
from pipelines.outreach.waves import ensure_wave
from pipelines.sources.files import import_file

CORPUS = Path(__file__).parent / "data" / "bad"
MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
COUNTED = (
    "import_batches",
    "raw_submissions",
    "rejections",
    "response_carer_experience",
    "response_org_rating",
    "response_commissioner_return",
)


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".py", ".yaml")}
    assert len(MANIFEST) >= 60 and files == {entry["file"] for entry in MANIFEST}


def _counts(con) -> dict[str, int]:
    return {table: con.execute(f"select count(*) from {table}").fetchall()[0][0] for table in COUNTED}


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_each_bad_file_does_what_its_manifest_says(con, tmp_path, entry):
    add_carers_orgs(con, con.execute("select code, name from organisations where type = 'SHA'").fetchall())
    wave = ensure_wave(con, entry["survey"], "2011-Q3")
    path = tmp_path / entry["file"]
    shutil.copy(CORPUS / entry["file"], path)
    before = _counts(con)
    if "refused" in entry:
        with pytest.raises(FileRefused) as refusal:
            import_file(con, path, entry["survey"], wave_id=wave)
        said = str(refusal.value)
        assert entry["refused"] in said, said
        assert str(tmp_path) not in said and "Traceback" not in said and "Error:" not in said, said
        assert "\n" not in said.strip() and _counts(con) == before  # one sentence; nothing stored
        return
    result = import_file(con, path, entry["survey"], wave_id=wave)
    reasons = [reason for _, _, reason in result.problems]
    assert (result.landed, result.quarantined) == (entry["landed"], entry["quarantined"]), reasons
    for expected in entry["reasons"]:
        assert any(expected in reason for reason in reasons), (expected, reasons)
    for expected in entry["notes"]:
        assert any(expected in note for note in result.notes), (expected, result.notes)
    assert all(str(tmp_path) not in line for line in [*reasons, *result.notes])
