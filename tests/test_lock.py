"""requirements.lock keeps up with pyproject.toml, pins everything, and is what this environment runs on."""

from __future__ import annotations

import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")


def pins(lock: str) -> dict[str, str]:
    """name -> version of each `name==version` line; any other requirement line is returned as ''."""
    found: dict[str, str] = {}
    for line in lock.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            exact = [s.version for s in requirement.specifier if s.operator == "=="]
            found[canonicalize_name(requirement.name)] = exact[0] if exact else ""
    return found


def lock_problems(pyproject: str, lock: str) -> list[str]:
    """What makes the lock out of date: a direct dependency it lacks or pins outside its range, or a loose line."""
    project = tomllib.loads(pyproject)["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    pinned = pins(lock)
    problems = [f"{name} is not pinned with ==" for name, version in pinned.items() if not version]
    for requirement in wanted:
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is in pyproject.toml but not in requirements.lock")
        elif version and not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} does not satisfy {requirement} in pyproject.toml")
    return problems


def test_the_lock_has_every_direct_dependency_pinned_within_its_range():
    assert lock_problems(PYPROJECT, LOCK) == []


def test_a_dependency_added_to_pyproject_but_not_locked_is_flagged():
    added = PYPROJECT.replace('    "altair~=6.3.0",', '    "altair~=6.3.0",\n    "wordfreq~=3.1",')
    narrowed = PYPROJECT.replace('"duckdb~=2.0.0"', '"duckdb~=2.1.0"')
    assert lock_problems(added, LOCK) == ["wordfreq is in pyproject.toml but not in requirements.lock"]
    assert lock_problems(narrowed, LOCK)[0].startswith("duckdb==2.0.")
    assert lock_problems(PYPROJECT, LOCK + "segno>=1\n") == ["segno is not pinned with =="]


def test_this_environment_runs_exactly_the_locked_versions():
    installed: dict[str, str] = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differs = {
        name: (version, installed.get(name)) for name, version in pins(LOCK).items() if installed.get(name) != version
    }
    assert differs == {}
