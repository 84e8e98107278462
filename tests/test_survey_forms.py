"""The survey forms on GOV.UK Frontend (/survey/...), through their real routes and a real DuckDB file:
a carer's whole journey, save and come back, personal codes, closed waves, and the organisations' forms."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine

import settings
from accounts import form_links
from pipelines.demo.dataset import add_carers_orgs
from pipelines.errors import WaveClosed
from pipelines.outreach.contacts import add_demo_contacts, contacts_of
from pipelines.outreach.tokens import issue_invitation
from pipelines.sources import web_forms
from tests.conftest import scalar
from tests.form_filling import CARER, FormClient, open_current_waves, title
from warehouse.connection import connect

RATING = {
    "ENGAGEMENT": "2",
    "INPLAN": "Y",
    "INBUDGET": "N",
    "FUNDED": "Y",
    "FUNDAMOUNT": "12.5k",
    "EVIDENCE": "Minutes of the March meeting.",
}
RETURN = {
    "PLANSTATUS": "PUB",
    "PUBDATE": date(2026, 9, 30),
    "PUBURL": "www.example.nhs.uk/breaks",
    "JOINTPLAN": "Y",
    "BUDGETEXIST": "£1,250,000",
    "BUDGETADD": "250k",
    "SPENDPLAN": "1.4m",
    "SPENDACTUAL": "",
    "WORKSWITH": "Y",
    "WORKSWITHORGS": ["DEMO01", "DEMO02"],
}


@pytest.fixture
def forms_db(app_env, db_path):
    con = connect(db_path)
    shas = con.execute("select code, name from organisations where type = 'SHA' order by code").fetchall()
    add_carers_orgs(con, shas)
    waves = open_current_waves(con)
    con.close()
    app_env(db_path)
    return db_path, waves


def rows(path, sql, params=None):
    con = connect(path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def invite(path, survey: str, **who) -> str:
    con = connect(path)
    wave = scalar(con, "select wave_id from waves where survey_code = ? and closes >= current_date", [survey])
    token = issue_invitation(con, wave, channel="email" if "org_code" in who else "post", **who)
    con.close()
    return token


# ---- the carer ------------------------------------------------------------------------------------------


def test_the_start_page_says_who_asks_why_how_long_and_links_the_privacy_notice(forms_db):
    carer = FormClient("carer_experience")
    page = carer.get("/survey/carer_experience").text
    for words in ("15 minutes", "your choice", "confidential", "save your answers", 'href="/survey/privacy"'):
        assert words in page
    assert "Start now" in page and 'href="/survey/code"' in page and 'href="/survey/continue"' in page
    privacy = carer.get("/survey/privacy").text
    assert "Who sees your answers" in privacy and "fewer than 5 people" in privacy and "ico.org.uk" in privacy


def test_a_carer_answers_one_question_a_page_checks_and_sends_and_the_answers_land_once(forms_db):
    path, _ = forms_db
    carer = FormClient("carer_experience")
    carer.start()
    assert carer.path == "/survey/carer_experience/qoltime"
    assert title(carer.html).startswith("Thinking about how you spend your time")
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">' in carer.html  # the question leads
    assert 'class="govuk-back-link"' in carer.html
    carer.answer_all(CARER)
    assert carer.path == "/survey/carer_experience/check"
    assert "I do some of the things I value or enjoy with my time but not enough" in carer.html
    assert "Dementia; Physical disability" not in carer.html and "Physical disability; Dementia" in carer.html
    kept_open = carer.csrf()
    carer.post()
    assert carer.path == "/survey/carer_experience/done"
    reference = re.search(r"CE-\w{5}-\w{5}", carer.html)
    assert reference and "What happens next" in carer.html and "0808 808 7777" in carer.html
    again = carer.client.post("/survey/carer_experience/check", data={"csrf": kept_open})  # from a page kept open
    assert again.url.path == "/survey/carer_experience/done" and reference.group(0) in again.text
    landed = rows(path, "select QOLTIME, BUDGETLIMITS, AREA, CONDITIONS_DEM, source from response_carer_experience")
    assert landed == [("2", "2", "E06000001", True, "web")]
    assert rows(path, "select answers from form_sessions") == [("{}",)]  # sent answers leave the form's state


def test_reload_and_the_phones_back_button_keep_every_answer(forms_db):
    carer = FormClient("carer_experience")
    carer.start()
    carer.post({"QOLTIME": "3"})
    assert carer.path.endswith("/qolcontrol")
    back = re.search(r'class="govuk-back-link" href="([^"]+)"', carer.html) or re.search(
        r'href="([^"]+)" class="govuk-back-link"', carer.html
    )
    assert back and back.group(1) == "/survey/carer_experience/qoltime"
    for _ in range(2):  # the Back button (a GET of the page before) and then a reload of it
        carer.get("/survey/carer_experience/qoltime")
        assert re.search(r'id="QOLTIME-3" name="QOLTIME" type="radio" value="3" checked', carer.html)


def test_a_missed_answer_is_named_in_a_summary_linked_to_its_question_and_in_the_title(forms_db):
    path, _ = forms_db
    carer = FormClient("carer_experience")
    carer.start()
    carer.answer_all({})  # every question is optional until "Which council area do you live in?"
    assert carer.path == "/survey/carer_experience/area" and carer.response.status_code == 400
    assert title(carer.html).startswith("Error: Which council area do you live in?")
    assert 'href="#AREA">Select an answer</a>' in carer.html
    assert carer.errors() == ['<span class="govuk-visually-hidden">Error:</span> Select an answer']
    assert scalar(connect(path), "select count(*) from response_carer_experience") == 0


def test_a_follow_up_question_is_asked_only_after_its_answer_and_dropped_when_changed(forms_db):
    path, _ = forms_db
    carer = FormClient("carer_experience")
    carer.start()
    carer.answer_all({**CARER, "PERSBUDGET": "N"})
    assert "Are there rules about how you can use" not in carer.html
    carer.get("/survey/carer_experience/persbudget?change=1")
    carer.post({"PERSBUDGET": "Y"}, path="/survey/carer_experience/persbudget?change=1")
    assert carer.path.endswith("/budgetlimits")  # a change that opens a new question asks it, then goes back
    carer.post({"BUDGETLIMITS": "3"}, path="/survey/carer_experience/budgetlimits?change=1")
    assert carer.path.endswith("/check")
    carer.get("/survey/carer_experience/persbudget?change=1")
    carer.post({"PERSBUDGET": "N"}, path="/survey/carer_experience/persbudget?change=1")
    carer.post()
    assert rows(path, "select PERSBUDGET, BUDGETLIMITS from response_carer_experience") == [("N", None)]


def test_saved_answers_come_back_on_another_phone_with_the_code_typed_in_lower_case(forms_db):
    path, _ = forms_db
    carer = FormClient("carer_experience")
    carer.start()
    carer.post({"QOLTIME": "2"})
    carer.post({"QOLCONTROL": "1", "action": "save"})
    code = re.search(r"<strong class='app-code'>([A-Z0-9-]+)</strong>", carer.html)
    assert code and re.fullmatch(r"[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){2}", code.group(1))  # no 0/O, 1/I
    assert code.group(1) not in str(rows(path, "select * from form_sessions"))  # only its hash is kept
    other = FormClient("carer_experience")
    other.get("/survey/continue")
    other.response = other.client.post("/survey/continue", data={"code": code.group(1).lower().replace("-", " ")})
    assert other.path == "/survey/carer_experience/qolcontrol"
    assert 'value="1" checked' in other.html
    assert scalar(connect(path), "select count(*) from response_carer_experience") == 0  # a draft is not an answer
    other.response = other.client.post("/survey/continue", data={"code": "ABCD-EFGH-JKLM"})
    assert other.response.status_code == 400 and "could not find answers saved under this code" in other.html


def test_a_letters_personal_code_typed_in_lower_case_starts_the_survey_once(forms_db):
    path, _ = forms_db
    token = invite(path, "carer_experience", sample_ref="S1")
    carer = FormClient("carer_experience")
    carer.get("/survey/code")
    carer.response = carer.client.post("/survey/code", data={"code": token.lower().replace("-", " ")})
    assert carer.path == "/survey/carer_experience/qoltime"
    carer.answer_all(CARER)
    carer.post()
    assert carer.path.endswith("/done")
    again = FormClient("carer_experience")
    again.response = again.client.post("/survey/code", data={"code": token})
    assert again.response.status_code == 400 and "already been sent with this invitation" in again.html
    assert "already been sent" in again.get(f"/survey/carer_experience?token={token}").text
    assert rows(path, "select completed_at is not null from invitations where sample_ref = 'S1'") == [(True,)]


def test_with_no_wave_open_the_survey_says_it_is_closed_and_takes_nothing(forms_db, con):
    path, _ = forms_db
    carer = FormClient("carer_experience")
    carer.start()
    carer.post({"QOLTIME": "2"})
    db = connect(path)
    db.execute("update waves set closed_at = current_timestamp where survey_code = 'carer_experience'")
    db.execute(
        "insert into waves (survey_code, period, title, opens, closes) values "
        "('carer_experience', '2099-Q1', 'January to March 2099', '2099-01-01', '2099-03-31')"
    )
    db.close()
    carer.post({"QOLCONTROL": "1"})
    assert "This survey is closed" in carer.html and "The next round opens on 1 January 2099" in carer.html
    assert "This survey is closed" in FormClient("carer_experience").start().text
    assert scalar(connect(path), "select count(*) from response_carer_experience") == 0
    with pytest.raises(WaveClosed):
        web_forms.submit(con, "carer_experience", CARER, source_id="x", wave_id=None)


def test_every_form_page_carries_the_strict_policy_and_is_never_cached(forms_db):
    carer = FormClient("carer_experience")
    carer.start()
    headers = carer.response.headers
    assert "script-src 'self' 'sha256-" in headers["content-security-policy"]
    assert "unsafe" not in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store" and headers["strict-transport-security"].startswith("max-age=")
    cookie = carer.response.history[0].headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie


def test_a_post_without_the_pages_own_form_field_changes_nothing(forms_db):
    carer = FormClient("carer_experience")
    carer.start()
    forged = carer.client.post("/survey/carer_experience/qoltime", data={"QOLTIME": "3", "csrf": "0" * 32})
    assert forged.status_code == 403
    assert "checked" not in carer.get("/survey/carer_experience/qoltime").text


def test_what_a_carer_writes_is_shown_back_as_plain_text(forms_db):
    carer = FormClient("carer_experience")
    carer.start()
    carer.answer_all({**CARER, "DIFFERENCE": '<script>alert("x")</script> =HYPERLINK("x")'})
    assert "<script>alert" not in carer.html and "&lt;script&gt;alert(&#34;x&#34;)" in carer.html


# ---- the organisations --------------------------------------------------------------------------------------


def test_a_carers_organisation_rates_from_its_email_link_without_signing_in_and_revises(forms_db):
    path, _ = forms_db
    token = invite(path, "org_rating", org_code="DEMO01")
    org = FormClient("org_rating")
    org.get(f"/survey/org_rating?token={token}")
    assert "You are answering for" in org.html
    org.start(token)
    assert org.path == "/survey/org_rating/choose" and "Not rated yet" in org.html
    listed = re.search(r'href="/survey/org_rating/choose/(\w+)"', org.html)
    assert listed is not None
    commissioner = listed.group(1)
    org.get(f"/survey/org_rating/choose/{commissioner}")
    assert org.path == "/survey/org_rating/rating" and "Your rating of" in org.html
    assert 'name="RATER"' not in org.html and 'name="COMMISSIONER"' not in org.html  # fixed, never a field
    org.answer_all({**RATING, "RATER": "DEMO02"})  # a forged field for another organisation is ignored
    assert "£12,500" in org.html  # "12.5k" read back as pounds
    org.post()
    assert "Your rating has been sent" in org.html and re.search(r"OR-\w{5}-\w{5}", org.html)
    org.post(path="/survey/org_rating/change")
    org.get("/survey/org_rating/rating")
    org.answer_all({**RATING, "ENGAGEMENT": "3"})
    org.post()
    landed = rows(
        path,
        "select RATER, COMMISSIONER, ENGAGEMENT, FUNDAMOUNT, is_current from response_org_rating "
        "where source = 'web' order by ENGAGEMENT",
    )
    assert landed == [("DEMO01", commissioner, "2", 12500, False), ("DEMO01", commissioner, "3", 12500, True)]
    assert "Rated" in org.get("/survey/org_rating/choose").text
    assert org.get("/survey/org_rating/choose/5J9X").status_code == 404  # not a commissioner of its area


def test_a_commissioner_files_a_return_with_money_dates_a_web_address_and_partners(forms_db):
    path, _ = forms_db
    token = invite(path, "commissioner_return", org_code="5ND")
    ret = FormClient("commissioner_return")
    ret.start(token)
    assert ret.path == "/survey/commissioner_return/plan"
    ret.post({"PLANSTATUS": "PUB"})
    assert ret.path == "/survey/commissioner_return/pubdate"  # asked because the plan is published
    ret.post({"PUBDATE-day": "31", "PUBDATE-month": "9", "PUBDATE-year": "2026"})
    assert ret.response.status_code == 400 and "The date must be a real date" in ret.html
    assert title(ret.html).startswith("Error: ")
    ret.answer_all(RETURN)
    assert ret.path.endswith("/check")
    for shown in ("£1,250,000", "£250,000", "£1,400,000", "https://www.example.nhs.uk/breaks", "30 September 2026"):
        assert shown in ret.html
    ret.post()
    assert "Your return has been sent" in ret.html
    landed = rows(
        path,
        "select COMMISSIONER, PUBDATE, PUBURL, BUDGETEXIST, BUDGETADD, SPENDPLAN, WORKSWITHORGS "
        "from response_commissioner_return where source = 'web'",
    )
    assert landed == [
        ("5ND", date(2026, 9, 30), "https://www.example.nhs.uk/breaks", 1250000, 250000, 1400000, ["DEMO01", "DEMO02"])
    ]


def test_a_saved_draft_is_where_it_was_left_when_the_link_is_opened_on_another_computer(forms_db):
    path, _ = forms_db
    token = invite(path, "commissioner_return", org_code="5ND")
    first = FormClient("commissioner_return")
    first.start(token)
    first.post({"PLANSTATUS": "WILL", "action": "save"})
    assert "Your draft is saved" in first.html
    second = FormClient("commissioner_return")
    second.start(token)
    assert second.path == "/survey/commissioner_return/plan" and 'value="WILL" checked' in second.html


def test_the_signed_in_app_opens_the_same_form_through_a_short_lived_signed_link(forms_db):
    key = settings.current().secret_key
    con = connect(forms_db[0])
    from accounts.users import add_user

    add_user(con, "rater", "carers_org", org_code="DEMO01", password="a long enough password 1")
    add_user(con, "board1", "board", password="a long enough password 1")
    con.close()
    org = FormClient("org_rating")
    org.get(f"/survey/org_rating/signed?s={form_links.sign(key, 'rater', 'org_rating')}")
    assert org.path == "/survey/org_rating/choose"
    refused = [
        form_links.sign(key, "rater", "commissioner_return"),  # signed for another form
        form_links.sign("another key", "rater", "org_rating"),  # not signed by this app
        form_links.sign(key, "board1", "org_rating"),  # an account that rates nothing
    ]
    with time_machine.travel(date.today() - timedelta(days=1)):
        refused.append(form_links.sign(key, "rater", "org_rating"))  # signed yesterday: expired
    for signed in refused:
        response = FormClient("org_rating").get(f"/survey/org_rating/signed?s={signed}")
        assert response.status_code == 403, signed


def test_an_organisation_that_sends_its_rating_gets_a_receipt_by_email(forms_db, smtp_server, monkeypatch):
    path, _ = forms_db
    host, port, received = smtp_server
    monkeypatch.setenv("CARERS_MONITOR_SMTP_HOST", host)
    monkeypatch.setenv("CARERS_MONITOR_SMTP_PORT", str(port))
    con = connect(path)
    add_demo_contacts(con, ["DEMO01"])
    con.close()
    org = FormClient("org_rating")
    org.start(invite(path, "org_rating", org_code="DEMO01"))
    listed = re.search(r'href="(/survey/org_rating/choose/\w+)"', org.html)
    assert listed is not None
    org.get(listed.group(1))
    org.answer_all(RATING)
    org.post()
    reference = re.search(r"OR-\w{5}-\w{5}", org.html)
    assert reference is not None and len(received) == 1
    assert received[0]["Subject"].startswith("Carers Monitor: we have your rating of how commissioners engaged")
    assert reference.group(0) in received[0].get_content()
    assert received[0]["To"] == ", ".join(contacts_of(connect(path), "DEMO01"))


def test_a_definition_with_translations_gets_a_language_switch_and_its_wording(forms_db, monkeypatch):
    import yaml

    import surveys
    from surveys.model import Survey

    assert "app-language-switch" not in FormClient("carer_experience").get("/survey/carer_experience").text
    raw = yaml.safe_load((surveys.FOLDER / "carer_experience.yaml").read_text(encoding="utf-8"))
    raw["languages"] = {"en": "English", "cy": "Cymraeg"}  # test wording only: no verified translation exists
    raw["title"] = {"en": raw["title"], "cy": "TEST-CY title"}
    raw["sections"][0]["questions"][0]["text"] = {"en": "How do you spend your time?", "cy": "TEST-CY question"}
    translated = Survey.model_validate(raw)
    real = surveys.load
    monkeypatch.setattr(surveys, "load", lambda code: translated if code == "carer_experience" else real(code))
    carer = FormClient("carer_experience")
    page = carer.get("/survey/carer_experience").text
    assert 'hreflang="cy"' in page and "Cymraeg" in page and 'lang="en"' in page
    page = carer.get("/survey/carer_experience?lang=cy").text
    assert "TEST-CY title" in page and '<html lang="cy"' in page
    carer.start()
    assert "TEST-CY question" in carer.html  # the choice is remembered from page to page
    assert "I'm able to spend my time as I want" in carer.html.replace("&#39;", "'")  # English where untranslated
    assert "TEST-CY" not in carer.get("/survey/carer_experience/qoltime?lang=en").text.split("<main")[1]


# ---- hostile numbers -----------------------------------------------------------------------------------

HOSTILE = ["inf", "-inf", "nan", "Infinity", "1e400", "9" * 400, "-5", "١٢", "0x10", "5 days"]
NUMBERS = [
    ("carer_experience", "ASSESSDAYS", CARER),
    ("org_rating", "FUNDAMOUNT", RATING),
    *(("commissioner_return", code, RETURN) for code in ("BUDGETEXIST", "BUDGETADD", "SPENDPLAN", "SPENDACTUAL")),
]


def _journey(path, survey_code: str) -> FormClient:
    """A person on the first page of their questions: a carer at the start, an organisation from its link."""
    form = FormClient(survey_code)
    if survey_code == "carer_experience":
        form.start()
    elif survey_code == "org_rating":
        form.start(invite(path, "org_rating", org_code="DEMO01"))
        listed = re.search(r'href="(/survey/org_rating/choose/\w+)"', form.html)
        assert listed is not None
        form.get(listed.group(1))
    else:
        form.start(invite(path, "commissioner_return", org_code="5ND"))
    return form


@pytest.mark.parametrize(("survey_code", "code", "answers"), NUMBERS, ids=[f"{s}-{c}" for s, c, _ in NUMBERS])
def test_every_numeric_question_answers_hostile_numbers_with_its_own_error_and_lands_nothing(
    forms_db, survey_code, code, answers
):
    path, _ = forms_db
    form = _journey(path, survey_code)
    form.answer_all({**answers, code: HOSTILE[0]})
    page = form.path
    for value in HOSTILE:
        form.post({code: value})
        assert (form.response.status_code, form.path) == (400, page), value
        assert form.errors() and "Traceback" not in form.html, value
        assert form.errors()[0].startswith('<span class="govuk-visually-hidden">Error:</span> Enter '), value
    form.answer_all({**answers, code: "1"})
    assert form.path.endswith("/check")
    assert scalar(connect(path), f"select count(*) from response_{survey_code}") == 0


def test_a_failure_of_ours_shows_govuks_problem_page_with_a_reference_that_the_log_holds(forms_db, monkeypatch, caplog):
    from web.forms import pages

    def broken(*args, **kwargs):
        raise RuntimeError("a bug of ours, with /srv/secret/path in it")

    monkeypatch.setattr(pages, "pages", broken)
    carer = FormClient("carer_experience")
    carer.start()
    assert carer.response.status_code == 500
    assert title(carer.html).startswith("Sorry, there is a problem with the service")
    reference = re.search(r"give the reference ([0-9A-F]{8})", carer.html)
    assert reference is not None
    assert "RuntimeError" not in carer.html and "/srv/secret" not in carer.html and "Traceback" not in carer.html
    logged = [r for r in caplog.records if reference.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None and "/srv/secret/path" in str(logged[0].exc_info[1])
