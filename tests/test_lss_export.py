"""The .lss we write for each instrument has the structure of LimeSurvey 6.14.0's own export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import surveys
from pipelines.cli import main
from pipelines.sources.limesurvey.lss_export import lss
from tests.fake_limesurvey import FIXTURES

SERVER_EXPORT = ET.parse(FIXTURES / "survey" / "server_export_survey_246810.lss").getroot()
NOT_WRITTEN = {"themes", "themes_inherited"}  # theme options: LimeSurvey uses its defaults when absent


def rows(root, name: str) -> list[dict]:
    return [{child.tag: child.text for child in row} for row in root.findall(f"{name}/rows/row")]


@pytest.fixture(params=surveys.CODES)
def written(request):
    return request.param, ET.fromstring(lss(request.param))


def test_the_document_has_limesurveys_top_level_sections_in_its_order(written):
    _, root = written
    theirs = [child.tag for child in SERVER_EXPORT if child.tag not in NOT_WRITTEN]
    assert [child.tag for child in root] == theirs
    assert root.findtext("LimeSurveyDocType") == "Survey" and root.findtext("DBVersion") == "630"


def test_each_section_declares_the_same_fields_as_limesurveys_export(written):
    _, root = written
    for name in (
        "answers",
        "answer_l10ns",
        "groups",
        "group_l10ns",
        "questions",
        "subquestions",
        "question_l10ns",
        "question_attributes",
    ):
        ours = [f.text for f in root.findall(f"{name}/fields/fieldname")]
        assert ours == [f.text for f in SERVER_EXPORT.findall(f"{name}/fields/fieldname")], name
    survey_fields = {f.text for f in root.findall("surveys/fields/fieldname")}
    assert survey_fields <= {f.text for f in SERVER_EXPORT.findall("surveys/fields/fieldname")}


def test_one_row_per_question_and_subquestion_with_codes_and_mandatory_flags(written):
    code, root = written
    survey = surveys.load(code)
    questions = {row["title"]: row for row in rows(root, "questions")}
    assert list(questions) == [q.code for q in survey.questions]
    for question in survey.questions:
        assert questions[question.code]["mandatory"] == ("Y" if question.required else "N")
        subs = question.options if question.type == "multi" else question.subquestions
        expected = [s.code for s in subs]
        qid = questions[question.code]["qid"]
        assert [r["title"] for r in rows(root, "subquestions") if r["parent_qid"] == qid] == expected
    assert len(rows(root, "question_l10ns")) == len(rows(root, "questions")) + len(rows(root, "subquestions"))


def test_answer_options_carry_our_codes_and_labels(written):
    code, root = written
    survey = surveys.load(code)
    qids = {row["title"]: row["qid"] for row in rows(root, "questions")}
    labels = {row["aid"]: row["answer"] for row in rows(root, "answer_l10ns")}
    for question in survey.questions:
        if question.type in ("single", "array"):
            answers = [r for r in rows(root, "answers") if r["qid"] == qids[question.code]]
            assert [(a["code"], labels[a["aid"]]) for a in answers] == [(o.code, o.label) for o in question.options]


def test_show_if_becomes_a_relevance_equation(written):
    code, root = written
    survey = surveys.load(code)
    relevance = {row["title"]: row["relevance"] for row in rows(root, "questions")}
    conditional = [q for q in survey.questions if q.show_if]
    for question in survey.questions:
        if not question.show_if:
            assert relevance[question.code] == "1"
    for question in conditional:
        assert question.show_if is not None
        assert relevance[question.code].startswith(f"(({question.show_if.question}")
        assert ".NAOK == " in relevance[question.code]


def test_the_carer_survey_asks_about_budget_limits_only_with_a_personal_budget():
    root = ET.fromstring(lss("carer_experience"))
    relevance = {row["title"]: row["relevance"] for row in rows(root, "questions")}
    assert relevance["BUDGETLIMITS"] == '((PERSBUDGET.NAOK == "Y"))'


def test_numbers_keep_their_limits_as_question_attributes():
    root = ET.fromstring(lss("carer_experience"))
    qids = {row["qid"]: row["title"] for row in rows(root, "questions")}
    attributes = {(qids[r["qid"]], r["attribute"]): r["value"] for r in rows(root, "question_attributes")}
    survey = surveys.load("carer_experience")
    number = next(q for q in survey.questions if q.type == "number" and q.maximum is not None)
    assert attributes[(number.code, "max_num_value_n")] == f"{number.maximum:g}"


def test_export_lss_writes_a_file_that_parses(tmp_path, capsys):
    out = tmp_path / "org_rating.lss"
    assert main(["export-lss", "--survey", "org_rating", "--out", str(out)]) == 0
    assert ET.parse(out).getroot().findtext("surveys_languagesettings/rows/row/surveyls_title")
    assert str(out) in capsys.readouterr().out


def test_a_returning_participant_gets_their_own_response_back_to_edit():
    # issue 19: with token answers not persistent, the same invitation link started a second response
    document = ET.fromstring(lss("carer_experience"))
    settings = document.find("surveys/rows/row")
    assert settings is not None
    assert {
        name: settings.findtext(name) for name in ("tokenanswerspersistence", "alloweditaftercompletion", "anonymized")
    } == {
        "tokenanswerspersistence": "Y",
        "alloweditaftercompletion": "Y",
        "anonymized": "N",
    }


def test_each_instrument_asks_for_a_survey_id_of_its_own():
    # issue 19: imports asking LimeSurvey for one id at once race for it, and the loser fails to import
    asked = {code: ET.fromstring(lss(code)).findtext("surveys/rows/row/sid") for code in surveys.CODES}
    assert len(set(asked.values())) == len(surveys.CODES)
