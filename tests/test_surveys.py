import re
from pathlib import Path

import pytest
import yaml

import surveys
from surveys import DefinitionError, load_file

NATIONAL = Path(__file__).resolve().parents[1] / "reference" / "NATIONAL_MEASURES.md"


def test_the_three_definitions_load_with_versions():
    loaded = {s.code: s for s in surveys.all_surveys()}
    assert set(loaded) == {"carer_experience", "org_rating", "commissioner_return"}
    assert all(s.version >= 1 for s in loaded.values())


def test_question_and_answer_codes_are_valid_limesurvey_codes():
    for survey in surveys.all_surveys():
        for question in survey.questions:
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", question.code)
            for option in question.options + question.subquestions:
                assert re.fullmatch(r"[A-Za-z0-9]{1,5}", option.code)


def test_carer_experience_uses_the_national_wording_verbatim():
    national = NATIONAL.read_text(encoding="utf-8").replace("\u2019", "'")
    survey = surveys.load("carer_experience")
    for code in ("QOLTIME", "QOLSOCIAL", "QOLSUPPORT"):
        for option in survey.question(code).options:
            assert option.label in national, (code, option.label)
    assert survey.source and "NATIONAL_MEASURES" in survey.source
    excluded = {q.code: [o.code for o in q.options if o.excluded_from_base] for q in survey.questions}
    assert excluded["SATISFIED"] == ["8"] and excluded["CONSULTED"] == ["5"] and excluded["INFOEASY"] == ["5"]


def test_each_survey_says_what_it_asks_for_as_a_phrase_read_after_your():
    asks = {s.code: s.asks_for for s in surveys.all_surveys()}
    assert asks["org_rating"] == "rating of how commissioners engaged your organisation"
    assert asks["commissioner_return"] == "return on carers' breaks"
    assert all(phrase[0].islower() and not phrase.endswith(".") for phrase in asks.values())


def _broken(tmp_path, change) -> Path:
    raw = yaml.safe_load((Path(surveys.__file__).parent / "org_rating.yaml").read_text())
    change(raw)
    path = tmp_path / "org_rating.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.mark.parametrize(
    "change, words",
    [
        pytest.param(
            lambda raw: raw["sections"][0]["questions"][2].update(code="ENGAGE_LEVEL"), "ENGAGE_LEVEL", id="bad_code"
        ),
        pytest.param(
            lambda raw: raw["sections"][0]["questions"][2].update(colour="red"), "question ENGAGEMENT", id="unknown_key"
        ),
        pytest.param(
            lambda raw: raw["sections"][0]["questions"][6].update(show_if={"question": "NOPE", "in": ["Y"]}),
            "question FUNDAMOUNT",
            id="bad_show_if",
        ),
        pytest.param(
            lambda raw: raw["sections"][0]["questions"][2].update(options=[]),
            "question ENGAGEMENT",
            id="single_without_options",
        ),
        pytest.param(
            lambda raw: raw["sections"][0]["questions"][2].update(text={"cy": "TEST"}),
            "English first",
            id="translation_without_english",
        ),
        pytest.param(
            lambda raw: raw["sections"][0]["questions"][2].update(text={"en": "How far?", "cy": "TEST"}),
            "which `languages` does not list",
            id="translation_in_an_unlisted_language",
        ),
    ],
)
def test_a_broken_definition_fails_naming_file_and_question(tmp_path, change, words):
    with pytest.raises(DefinitionError) as error:
        load_file(_broken(tmp_path, change))
    assert "org_rating.yaml" in str(error.value)
    assert words in str(error.value)
