"""A clone of this repository alone sets up: no folder beside it is read, and no code points outside it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PRODUCT, ROOT

PRODUCT_CODE = (*PRODUCT, "tests")
# a path reaching out of the repository to the sibling folder the reference data used to live in
OUTSIDE = re.compile(r'parent[s]?(\[[0-9]\])?\)? */ *"shared"|\.\./shared')


def repository_files() -> list[str]:
    """The files a clone would hold: tracked ones, plus new ones not yet committed (untracked, not ignored)."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("needs git and a git work tree to know which files are the repository's")
    return sorted({name for name in listing.decode("utf-8").split("\0") if name and (ROOT / name).is_file()})


def copy_repository(to: Path) -> Path:
    for name in repository_files():
        (to / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, to / name)
    return to


def reaching_outside(root: Path) -> list[str]:
    """Each line of product code (Python) that builds a path to a folder beside the repository."""
    paths: list[Path] = []
    for name in PRODUCT_CODE:
        paths += [root / name] if name.endswith(".py") else sorted((root / name).rglob("*.py"))
    return [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in paths
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE.search(line)
    ]


def run_in(clone: Path, *args: str) -> subprocess.CompletedProcess:
    """Run this Python in the clone, with neither the reference folder nor the database set from outside."""
    drop = ("CARERS_MONITOR_REFERENCE", "CARERS_MONITOR_DB", "PYTHONPATH")
    env = {name: value for name, value in os.environ.items() if name not in drop}
    return subprocess.run([sys.executable, *args], cwd=clone, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_clone_alone_sets_up_with_the_reference_data_inside_it(tmp_path):
    clone = copy_repository(tmp_path / "clone")
    assert "shared" not in {path.name for path in clone.parent.iterdir()}
    done = run_in(clone, "-m", "pipelines", "--db", str(tmp_path / "clone.duckdb"), "setup", "--no-demo")
    assert done.returncode == 0, done.stdout + done.stderr
    counts = next(line for line in done.stdout.splitlines() if line.startswith("reference data loaded:"))
    assert "151 PCT" in counts and "42 ICB" in counts and "248 CCG" in counts
    used = run_in(clone, "-c", "import settings; print(settings.read().reference_dir)")
    assert used.stdout.strip() == str(clone / "reference"), used.stderr
    assert reaching_outside(clone) == []


def test_code_reaching_beside_the_repository_is_flagged(tmp_path):
    (tmp_path / "pipelines").mkdir()
    sibling, dotdot = '"sha' + 'red"', ".." + "/shared"  # in two parts, so that this file does not flag itself
    lines = [
        f"A = ROOT.parent / {sibling}",
        f"B = Path(__file__).resolve().parents[2] / {sibling}",
        "C = ROOT / 'reference'  # inside the repository: fine",
        f"D = '{dotdot}/NATIONAL_MEASURES.md'",
    ]
    (tmp_path / "pipelines" / "paths.py").write_text("\n".join(lines), encoding="utf-8")
    assert [line.split(":")[1] for line in reaching_outside(tmp_path)] == ["1", "2", "4"]
