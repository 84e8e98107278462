"""Each code check that `make check` runs fails on the fault it is there for, with the project's configuration."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def run(tool: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    """A folder with the project's configuration and nothing else, to drop one faulty file into."""
    for name in ("pyproject.toml", ".sqlfluffignore"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_ruff_flags_an_unused_import_and_a_line_too_long(project):
    (project / "faulty.py").write_text('import os\n\nTEXT = "' + "x" * 130 + '"\n')
    found = run("ruff", "check", "--output-format", "concise", ".", cwd=project)
    assert found.returncode == 1 and "F401" in found.stdout and "E501" in found.stdout


def test_ruff_format_flags_a_file_it_would_change(project):
    (project / "faulty.py").write_text("x=[1,2 ,3]\n")
    assert run("ruff", "format", "--check", ".", cwd=project).returncode == 1


def test_mypy_flags_none_passed_where_a_value_is_required(project):
    (project / "faulty.py").write_text("def twice(n: int) -> int:\n    return 2 * n\n\n\ntwice(None)\n")
    found = run(
        "mypy", "--config-file", "pyproject.toml", "--python-executable", sys.executable, "faulty.py", cwd=project
    )
    assert found.returncode == 1 and '"None"; expected "int"' in found.stdout


def test_sqlfluff_flags_upper_case_keywords_and_a_leading_comma(project):
    (project / "faulty.sql").write_text("SELECT a\n    , b\nfrom t\n")
    found = run("sqlfluff", "lint", "--nocolor", "faulty.sql", cwd=project)
    assert found.returncode == 1 and "CP01" in found.stdout and "LT04" in found.stdout
