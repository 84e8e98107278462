"""The reference data is exactly what was received: every file's SHA-256 as in reference/SHA256SUMS."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.conftest import ROOT

REFERENCE = ROOT / "reference"
SUMS = "SHA256SUMS"


def listed(folder: Path) -> dict[str, str]:
    """Each path in the folder's SHA256SUMS (`sha256sum` format: digest, two spaces, path) with its digest."""
    pairs = (line.split("  ", 1) for line in (folder / SUMS).read_text(encoding="utf-8").splitlines() if line)
    return {path: digest for digest, path in pairs}


def problems(folder: Path) -> list[str]:
    """What differs from SHA256SUMS: a changed or missing listed file, or a file the list does not name."""
    sums = listed(folder)
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != SUMS}
    found = []
    for path, digest in sorted(sums.items()):
        if path not in present:
            found.append(f"{path}: listed but missing")
        elif hashlib.sha256((folder / path).read_bytes()).hexdigest() != digest:
            found.append(f"{path}: checksum differs")
    found += [f"{path}: not in {SUMS}" for path in sorted(present - set(sums))]
    return found


def test_every_reference_file_matches_its_checksum_and_is_listed():
    assert problems(REFERENCE) == []
    assert {"organisations.csv", "NATIONAL_MEASURES.md", "maps/icb-2022.hexjson"} <= set(listed(REFERENCE))


def test_a_changed_byte_a_missing_file_and_an_unlisted_file_are_flagged(tmp_path):
    copy = tmp_path / "reference"
    shutil.copytree(REFERENCE, copy)
    assert problems(copy) == []

    data = bytearray((copy / "organisations.csv").read_bytes())
    data[-2] ^= 1
    (copy / "organisations.csv").write_bytes(bytes(data))
    (copy / "maps" / "README.md").unlink()
    (copy / "extra.csv").write_text("code\n", encoding="utf-8")

    assert problems(copy) == [
        "maps/README.md: listed but missing",
        "organisations.csv: checksum differs",
        "extra.csv: not in SHA256SUMS",
    ]
