import pypdf
import pytest

import surveys
from pipelines.outreach.paper_questionnaire import make_questionnaire, routing


def text_of(path):
    return " ".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


@pytest.mark.parametrize("code", surveys.CODES)
@pytest.mark.parametrize("large_print", [False, True])
def test_the_printed_questionnaire_contains_every_question_code(code, large_print, tmp_path):
    path = make_questionnaire(code, tmp_path / f"{code}.pdf", large_print=large_print)
    text = text_of(path)
    missing = [q.code for q in surveys.load(code).questions if f"Question code {q.code}" not in text]
    assert missing == []


def test_large_print_takes_more_pages_than_standard_print(tmp_path):
    standard = make_questionnaire("carer_experience", tmp_path / "s.pdf")
    large = make_questionnaire("carer_experience", tmp_path / "l.pdf", large_print=True)
    assert len(pypdf.PdfReader(str(large)).pages) > len(pypdf.PdfReader(str(standard)).pages)


def test_an_answer_that_skips_questions_says_which_question_to_go_to():
    survey = surveys.load("commissioner_return")
    numbers = {q.code: i + 1 for i, q in enumerate(survey.questions)}
    jumps = routing(survey)
    # PUBDATE and PUBURL are asked only if the plan is published: other answers skip both
    assert jumps[("PLANSTATUS", "WILL")] == numbers["JOINTPLAN"]
    assert ("PLANSTATUS", "PUB") not in jumps


def test_the_routing_is_printed(tmp_path):
    text = text_of(make_questionnaire("commissioner_return", tmp_path / "q.pdf"))
    numbers = {q.code: i + 1 for i, q in enumerate(surveys.load("commissioner_return").questions)}
    assert f"go to question {numbers['JOINTPLAN']}" in text
