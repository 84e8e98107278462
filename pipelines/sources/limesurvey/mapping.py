"""LimeSurvey export headings and answer codes onto our fields, through the mapping beside the definition.

`surveys/<code>.limesurvey.yaml` renames headings (`relation` -> `RELATION`, `support[SQ001]` ->
`BREAK12`) and translates answer codes; headings that already are our fields pass unchanged, so a
survey published with `export-lss` needs no mapping. Answers that still do not fit are left as they
came, so that `land()` quarantines them with its reasons rather than this module guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

import surveys

SURVEYS_DIR = Path(surveys.__file__).resolve().parent
# columns every LimeSurvey export carries before the answers; not answers, never reported as unmapped
FIXED = ("id", "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate", "datestamp", "refurl", "ipaddr")


@dataclass
class Mapping:
    renames: dict[str, str | None] = field(default_factory=dict)  # heading -> our field (None: dropped)
    answers: dict[str, dict[str, str]] = field(default_factory=dict)  # heading -> {their code: ours}
    ours: set[str] = field(default_factory=set)  # our own field names
    dates: set[str] = field(default_factory=set)  # our date fields (LimeSurvey adds " 00:00:00")
    defaults: dict[str, str] = field(default_factory=dict)  # field -> value when no answer ("org": the setting)


def load_mapping(survey_code: str, path: Path | None = None) -> Mapping:
    path = path or SURVEYS_DIR / f"{survey_code}.limesurvey.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    survey = surveys.load(survey_code)
    mapping = Mapping()
    for question in survey.questions:
        mapping.ours.update(question.fields)
        if question.type == "date":
            mapping.dates.add(question.code)
    mapping.defaults = {k: str(v) for k, v in (spec or {}).get("defaults", {}).items()}
    for heading, target in (spec or {}).get("fields", {}).items():
        mapping.renames[heading] = target["to"] if target else None
        if target and target.get("answers"):
            mapping.answers[heading] = {str(k): str(v) for k, v in target["answers"].items()}
    return mapping


def map_response(response: dict, mapping: Mapping, unmapped: set[str], org: str | None = None) -> dict[str, str | None]:
    """One exported response as a `land()` row keyed by our fields (the sync adds its key and completeness)."""
    row: dict[str, str | None] = {}
    for heading, value in response.items():
        if heading in FIXED:
            continue
        if heading in mapping.renames:
            target = mapping.renames[heading]
        elif heading in mapping.ours:
            target = heading
        else:
            unmapped.add(heading)
            continue
        if target is None:
            continue
        row[target] = _value(value, mapping.answers.get(heading, {}), target in mapping.dates)
    if not any(value is not None for value in row.values()):
        return row  # an empty response (opened, not answered) stays empty: a default would make it an answer
    for target, value in mapping.defaults.items():  # only where the survey gave no answer
        if row.get(target) is None:
            row[target] = org if value == "org" else value
    return row


def _value(value, answers: dict[str, str], is_date: bool) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if is_date and text.endswith(" 00:00:00"):
        text = text[:-9]
    return answers.get(text, text)
