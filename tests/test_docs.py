"""The README keeps up with the code: every CLI command and every setting is documented."""

import re

from pipelines.cli import parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    commands = parser()._subparsers._group_actions[0].choices
    missing = [name for name in commands if f"`{name}" not in README]
    assert missing == []


def test_every_environment_setting_is_in_the_readme():
    sources = [ROOT / "settings.py", *(ROOT / "pipelines").rglob("*.py"), *(ROOT / "accounts").rglob("*.py")]
    code = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    names = set(re.findall(r"environ(?:\.get)?\(\s*\"([A-Z_]+)\"", code))
    assert names and all(name in README for name in names), names - {n for n in names if n in README}


def test_the_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
