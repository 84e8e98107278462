"""The documentation keeps up with the code: every CLI command, option and setting, and the folder map."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pipelines.cli import parser
from tests.conftest import PRODUCT, ROOT


def documentation(root: Path = ROOT) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))])


def commands_and_options(top: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each subcommand with its long options, read from argparse itself."""
    sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: [o for action in command._actions for o in action.option_strings if o.startswith("--") and o != "--help"]
        for name, command in sub.choices.items()
    }


def undocumented_commands(top: argparse.ArgumentParser, text: str) -> list[str]:
    """A command is documented as `name ...` in code style; each of its options by its --name anywhere."""
    missing = []
    for name, options in commands_and_options(top).items():
        if f"`{name}" not in text:
            missing.append(name)
        missing += [f"{name} {option}" for option in options if not re.search(rf"{option}(?![\w-])", text)]
    return missing


def settings_in_code(root: Path = ROOT) -> set[str]:
    """Every CARERS_MONITOR_ environment variable the code reads; a name built in an f-string gives its prefix."""
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for name in PRODUCT
        for path in ([root / name] if name.endswith(".py") else sorted((root / name).rglob("*.py")))
    )
    return set(re.findall(r"\bCARERS_MONITOR_[A-Z_]*[A-Z]_?", code)) - {"CARERS_MONITOR_FAULT"}  # a test switch


def folder_map(text: str) -> set[str]:
    """The folders README's map names: `name/` in the first column of its Folders table."""
    section = text.split("## Folders", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_./]+)/`", section, re.M))


def folders_to_map(root: Path = ROOT) -> set[str]:
    """Each top-level folder of the product, and each package folder inside one."""
    top = {name for name in (*PRODUCT, "tests", "bench", "docs", "reference") if (root / name).is_dir()}
    packages = {str(p.parent.relative_to(root)) for name in top for p in (root / name).rglob("__init__.py")}
    return top | {p for p in packages if not p.startswith("tests")}


def test_every_cli_command_and_option_is_documented():
    assert undocumented_commands(parser(), documentation()) == []


def test_an_undocumented_command_or_option_is_flagged():
    top = argparse.ArgumentParser()
    sub = top.add_subparsers()
    sub.add_parser("setup").add_argument("--no-demo")
    sub.add_parser("brand-new").add_argument("--shiny")
    assert undocumented_commands(top, "`setup --no-demo` sets up") == ["brand-new", "brand-new --shiny"]


def test_every_setting_is_documented():
    text = documentation()
    names = settings_in_code()
    assert "CARERS_MONITOR_DB" in names and "CARERS_MONITOR_SMTP_" in names
    assert sorted(name for name in names if name not in text) == []


def test_the_readme_folder_map_is_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert folder_map(readme) == folders_to_map()


def test_a_folder_missing_from_the_map_is_flagged(tmp_path):
    for name in PRODUCT:
        (tmp_path / name).mkdir() if not name.endswith(".py") else (tmp_path / name).touch()
    (tmp_path / "pipelines" / "scheduler").mkdir()
    (tmp_path / "pipelines" / "scheduler" / "__init__.py").touch()
    assert "pipelines/scheduler" in folders_to_map(tmp_path) - folder_map("## Folders\n| `pipelines/` | x |\n")


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
