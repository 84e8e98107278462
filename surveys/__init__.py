"""Survey definitions: one YAML file per instrument, loaded and checked by `surveys.model`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from surveys.model import Option, Question, Section, Survey

FOLDER = Path(__file__).parent
CODES = ("carer_experience", "org_rating", "commissioner_return")

__all__ = ["CODES", "DefinitionError", "Option", "Question", "Section", "Survey", "all_surveys", "load", "load_file"]


class DefinitionError(ValueError):
    """A survey definition file that does not fit the model; the message names file and question."""


def load_file(path: Path) -> Survey:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return Survey.model_validate(raw)
    except ValidationError as error:
        raise DefinitionError(_explain(path, raw, error)) from None


@cache
def load(code: str) -> Survey:
    if code not in CODES:
        raise DefinitionError(f"There is no survey called {code!r}; the surveys are: {', '.join(CODES)}.")
    return load_file(FOLDER / f"{code}.yaml")


def all_surveys() -> list[Survey]:
    return [load(code) for code in CODES]


def _explain(path: Path, raw: dict, error: ValidationError) -> str:
    lines = [f"{path.name} is not a valid survey definition:"]
    for problem in error.errors():
        where = _question_at(raw, problem["loc"])
        place = ".".join(str(part) for part in problem["loc"])
        lines.append(f"  {where}{place}: {problem['msg']}")
    return "\n".join(lines)


def _question_at(raw: dict, loc: tuple) -> str:
    """'question QOLTIME: ' when the error lies inside a question, so a reader can find it."""
    if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "questions":
        try:
            code = raw["sections"][loc[1]]["questions"][loc[3]].get("code", "?")
        except (IndexError, KeyError, TypeError, AttributeError):
            return ""
        return f"question {code}: "
    return ""


@cache
def outcomes() -> list[dict]:
    """The five outcomes of the 2008 strategy and the measures feeding each (surveys/outcomes.yaml)."""
    return yaml.safe_load((FOLDER / "outcomes.yaml").read_text(encoding="utf-8"))["outcomes"]
