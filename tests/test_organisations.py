"""Registering carers' organisations and contacts: functions, CLI, the CSV of many, retiring, the page (issue 13)."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from accounts import users
from dashboards.ui.access import User
from pipelines.landing.land import land
from pipelines.outreach import organisations
from pipelines.outreach.contacts import ContactRefused, add_contact, contacts_of
from pipelines.outreach.organisations import OrganisationRefused
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave, open_wave, organisations_in
from pipelines.sources.web_forms import commissioners_in_area
from tests.conftest import ROOT, run_cli, scalar

HARTLEPOOL = "E06000001"  # a council in the reference data
TEES = "5ND"  # a PCT of 2011


def test_a_registered_organisation_gets_a_code_an_account_and_its_commissioners(con):
    code = organisations.register(
        con, "Hartlepool Carers", HARTLEPOOL, works_with=[TEES], funded_by=[HARTLEPOOL], by="admin1"
    )
    assert code == "CO-0001"
    assert organisations.register(con, "Second Carers", HARTLEPOOL, by="admin1") == "CO-0002"
    assert set(commissioners_in_area(con, code)) == {TEES, HARTLEPOOL}  # the council it serves, and its links
    password = users.add_user(con, "hartlepool.carers", "carers_org", org_code=code)
    assert users.authenticate(con, "hartlepool.carers", password).org_code == code
    assert scalar(con, "select count(*) from audit_log where action = 'organisation_registered'") == 2
    listed = organisations.carers_organisations(con).set_index("code")
    assert listed.loc[code, "works_with"] == f"{TEES}, {HARTLEPOOL} (funds it)"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"area_code": "NOWHERE"}, "The area 'NOWHERE' is not a council", id="unknown_area"),
        pytest.param({"works_with": ["ZZZ9"]}, "ZZZ9 is not a commissioner", id="unknown_commissioner"),
        pytest.param({"code": TEES}, "5ND is already the code of another organisation", id="taken_code"),
        pytest.param({"code": "a b"}, "'A B' cannot be a code", id="bad_code"),
    ],
)
def test_what_cannot_be_registered_is_refused_in_a_sentence(con, kwargs, message):
    with pytest.raises(OrganisationRefused, match=message):
        organisations.register(con, "Some Carers", **{"area_code": HARTLEPOOL, **kwargs})
    assert scalar(con, "select count(*) from organisations where type = 'carers_org'") == 0


def test_a_contact_needs_an_address_and_an_organisation(con):
    assert add_contact(con, TEES, "carers.lead@tees.example.org", "Carers' lead", by="admin1") == 1
    assert add_contact(con, TEES, "carers.lead@tees.example.org", by="admin1") == 0
    assert contacts_of(con, TEES) == ["carers.lead@tees.example.org"]
    with pytest.raises(ContactRefused, match="is not an e-mail address"):
        add_contact(con, TEES, "carers lead at tees")
    with pytest.raises(ContactRefused, match="no organisation with the code NOPE"):
        add_contact(con, "NOPE", "a@example.org")


def test_a_csv_of_organisations_lands_all_or_none_and_twice_adds_nothing(con, tmp_path):
    good = tmp_path / "organisations.csv"
    good.write_text(
        "name,area,works_with,funded_by,contact_name,contact_email\n"
        f"Hartlepool Carers,{HARTLEPOOL},{TEES},,Ann Lead,ann@example.org\n"
        f"Tees Young Carers,{HARTLEPOOL},,{TEES},,\n",
        encoding="utf-8",
    )
    first = organisations.import_organisations(con, good, by="admin1")
    assert (first.registered, first.updated, first.contacts) == (["CO-0001", "CO-0002"], [], 1)
    again = organisations.import_organisations(con, good, by="admin1")
    assert (again.registered, again.updated, again.contacts) == ([], ["CO-0001", "CO-0002"], 0)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"name,area\nNew Carers,{HARTLEPOOL}\nLost Carers,NOWHERE\n", encoding="utf-8")
    with pytest.raises(OrganisationRefused) as refused:
        organisations.import_organisations(con, bad)
    assert str(refused.value) == (
        "Nothing in bad.csv was registered: row 3: The area 'NOWHERE' is not a council, ICB, CCG, PCT, SHA or "
        "region code in the reference data."
    )
    assert scalar(con, "select count(*) from organisations where type = 'carers_org'") == 2


def test_retiring_keeps_past_ratings_and_leaves_the_organisation_out_of_later_waves(con):
    code = organisations.register(con, "Hartlepool Carers", HARTLEPOOL, works_with=[TEES])
    # Tees was asked for a return (a wave counts only those it asked) and rated by the organisation
    returns = open_wave(con, "commissioner_return", "2011-Q2", date(2011, 4, 1), date(2011, 6, 30), [TEES])
    ratings = ensure_wave(con, "org_rating", "2011-Q2")
    land(
        con,
        "org_rating",
        [{"RATER": code, "COMMISSIONER": TEES, "ENGAGEMENT": "2", "INPLAN": "Y", "INBUDGET": "N"}],
        source="file",
        wave_id=ratings,
    )
    organisations.retire(con, code, date(2011, 9, 30), by="admin1")
    assert (
        scalar(con, "select ratings from mart_coproduction_gap where wave_id = ? and org_code = ?", [returns, TEES])
        == 1
    )
    assert code in organisations_in(con, "carers_org", parse_period("2011-Q3"))
    assert code not in organisations_in(con, "carers_org", parse_period("2011-Q4"))


def test_the_cli_registers_an_organisation_with_its_contact(db_path):

    done = run_cli(
        db_path,
        "add-organisation",
        "Hartlepool Carers",
        "--area",
        HARTLEPOOL,
        "--works-with",
        TEES,
        "--contact-email",
        "ann@example.org",
    )
    assert done.returncode == 0 and done.stdout.strip() == "registered CO-0001: Hartlepool Carers"
    refused = run_cli(
        db_path, "add-organisation", "Lost Carers", "--area", "NOWHERE", "--contact-email", "x@example.org"
    )
    assert refused.returncode == 1 and refused.stderr.strip().startswith("The area 'NOWHERE' is not")
    assert run_cli(db_path, "add-user", "hartlepool", "--role", "carers_org", "--org", "CO-0001").returncode == 0
    assert run_cli(db_path, "retire-organisation", "co-0001", "--on", "2027-03-31").returncode == 0


def test_an_administrator_registers_an_organisation_and_its_contact_on_the_page(app_env, db_path):
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_organisations.py"), default_timeout=60)
    at.session_state["user"] = User("admin1", "administrator")
    at.run()
    at.text_input(key="register_name").input("Hartlepool Carers")
    at.text_input(key="register_area").input(HARTLEPOOL)
    at.text_input(key="register_works_with").input(TEES)
    at.text_input(key="register_contact_email").input("ann@example.org")
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Hartlepool Carers is registered as CO-0001.")
    at.run()
    assert list(at.dataframe[0].value["code"]) == ["CO-0001"]
    assert at.dataframe[0].value["contacts"][0] == "ann@example.org"


def test_only_an_administrator_opens_the_organisations_page(app_env, db_path):
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_organisations.py"), default_timeout=60)
    at.session_state["user"] = User("board1", "board")
    at.run()
    assert "You do not have access to this page" in at.error[0].value and not at.dataframe
