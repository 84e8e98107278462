"""A council's first day in the app, page by page (issue 13): register a carers' organisation and its
contact, give it an account, open a financial-year return wave and a rating wave linked to it, upload a
returns file and a ratings file on the Import page, correct the one quarantined row, and see the
organisation's rating on the co-production page."""

from streamlit.testing.v1 import AppTest

from accounts import users
from dashboards.ui.access import User
from tests.conftest import ROOT, scalar
from warehouse.connection import connect

ADMIN = User("admin1", "administrator")
ICB = "QHM"  # NHS North East and North Cumbria ICB, in the reference data


def page(name: str, user: User = ADMIN) -> AppTest:
    at = AppTest.from_file(str(ROOT / f"dashboards/pages/{name}.py"), default_timeout=90)
    at.session_state["user"] = user
    return at.run()


def by_label(widgets, label: str):
    return next(w for w in widgets if w.label.startswith(label))


def open_wave_on_the_page(survey_title: str, period: str, rates: str | None = None) -> None:
    at = page("admin_waves")
    by_label(at.selectbox, "Questionnaire").select(survey_title)
    by_label(at.text_input, "Period").input(period)
    by_label(at.selectbox, "Organisations asked").select("ICB" if rates is None else "carers_org")
    if rates:
        by_label(at.selectbox, "For a rating wave").select_index(0)
    at.button[0].click().run()
    assert not at.exception and at.success, [e.value for e in at.error]


def import_on_the_page(survey: str, wave_title: str, name: str, content: str) -> AppTest:
    at = page("admin_import")
    at.selectbox(key="import_survey").select(survey)
    at.run()
    at.selectbox(key="import_wave").select(
        next(o for o in at.selectbox(key="import_wave").options if o.startswith(wave_title))
    )
    at.file_uploader(key="import_file").upload(name, content.encode("utf-8"), "text/csv").run()
    at.button(key="import_go").click().run()
    assert not at.exception
    return at


def test_a_council_runs_its_first_wave_from_the_pages(app_env, db_path, monkeypatch):
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "https://carers.example.gov.uk")  # waves open only with it
    app_env(db_path)
    at = page("admin_organisations")
    at.text_input(key="register_name").input("Hartlepool Carers")
    at.text_input(key="register_area").input("E06000001")
    at.text_input(key="register_works_with").input(ICB)
    at.text_input(key="register_contact_email").input("ann.lead@hartlepoolcarers.example")
    at.button[0].click().run()
    assert at.success[0].value.startswith("Hartlepool Carers is registered as CO-0001.")

    con = connect(db_path)
    password = users.add_user(con, "hartlepool.carers", "carers_org", org_code="CO-0001", added_by="admin1")
    assert users.authenticate(con, "hartlepool.carers", password).org_code == "CO-0001"
    con.close()

    open_wave_on_the_page("commissioner_return", "2026-27")
    open_wave_on_the_page("org_rating", "2026-27", rates="commissioner_return 2026-27")
    con = connect(db_path)
    assert (
        scalar(con, "select title from waves where survey_code = 'commissioner_return'") == "April 2026 to March 2027"
    )
    assert (
        scalar(
            con,
            "select r.rates_wave_id = c.wave_id from waves as r, waves as c where "
            "r.survey_code = 'org_rating' and c.survey_code = 'commissioner_return'",
        )
        is True
    )
    con.close()

    returns = import_on_the_page(
        "commissioner_return", "April 2026", "returns.csv", f"COMMISSIONER,PLANSTATUS,WORKSWITH\n{ICB},WILL,Y\n"
    )
    assert returns.success[0].value.startswith("returns.csv: 1 rows read")
    ratings = import_on_the_page(
        "org_rating",
        "April 2026",
        "ratings.csv",
        f"RATER,COMMISSIONER,ENGAGEMENT,INPLAN,INBUDGET,EVIDENCE\nCO-0001,{ICB},9,N,N,No meeting this year\n",
    )
    assert "1 quarantined" in ratings.warning[0].value

    review = page("admin_quarantine")
    assert list(review.dataframe[0].value["field"]) == ["ENGAGEMENT"]
    review.text_input(key="quarantine_fix_ENGAGEMENT").input("0")
    review.text_input(key="quarantine_why").input("The paper form says 0")
    review.button[1].click().run()
    assert review.success[0].value == "The corrected row landed."

    gaps = page("coproduction_gaps", User("board1", "board"))
    assert not gaps.exception
    shown = " ".join(str(frame.value.to_dict()) for frame in gaps.dataframe)
    assert "Hartlepool Carers" in shown and "disputed" in shown.lower()


def test_the_import_page_shows_matched_and_ignored_columns_and_refuses_a_missing_one(app_env, db_path):
    app_env(db_path)
    at = page("admin_import")
    at.selectbox(key="import_survey").select("commissioner_return")
    at.run()
    at.file_uploader(key="import_file").upload(
        "returns.csv", b"COMMISSIONER,PLANSTATUS,NOTES\n5ND,WILL,x\n", "text/csv"
    ).run()
    said = [m.value for m in at.markdown]
    assert "Matched to questions: COMMISSIONER, PLANSTATUS." in said
    assert "Ignored, not in the questionnaire: NOTES." in said
    assert at.error[0].value == "returns.csv cannot be imported: the required column WORKSWITH is missing."
    con = connect(db_path)
    assert scalar(con, "select count(*) from import_batches") == 0
    con.close()


def test_an_allowed_organisation_imports_its_own_ratings_and_no_one_elses(app_env, db_path):
    from pipelines.outreach import organisations
    from pipelines.outreach.waves import ensure_wave

    con = connect(db_path)
    code = organisations.register(con, "Hartlepool Carers", "E06000001", works_with=[ICB])
    ensure_wave(con, "org_rating", "2026-27")
    con.close()
    app_env(db_path)
    member = User("hartlepool", "carers_org", code)
    assert "has not set your organisation up to import files" in page("admin_import", member).info[0].value
    con = connect(db_path)
    organisations.allow_imports(con, code, True, by="admin1")
    con.close()
    at = page("admin_import", member)
    assert at.selectbox(key="import_survey").options == ["How commissioners engaged carers' organisations"]
    at.selectbox(key="import_wave").select_index(0)
    theirs = f"RATER,COMMISSIONER,ENGAGEMENT,INPLAN,INBUDGET\n{code},{ICB},2,Y,N\nDEMO01,{ICB},0,N,N\n"
    at.file_uploader(key="import_file").upload("ours.csv", theirs.encode(), "text/csv").run()
    at.button(key="import_go").click().run()
    assert at.error[0].value == (
        "Nothing was imported from ours.csv: row 3 gives RATER DEMO01, and you can import only CO-0001's own answers."
    )
    own_only = "".join(theirs.splitlines(True)[:2])  # the header and the organisation's own row
    at.file_uploader(key="import_file").upload("ours.csv", own_only.encode(), "text/csv").run()
    at.button(key="import_go").click().run()
    assert at.success[0].value.startswith("ours.csv: 1 rows read")
