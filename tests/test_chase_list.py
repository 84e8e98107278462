"""Who to chase (issue 18): those a wave asked that have not answered, by name, with their contacts,
invitations, reminders and whether they also missed the previous wave; on a page, in its download and
in the board pack."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from board.accountability import missed_sentence, returns_sentence, wave_returns
from board.pack import to_html
from board.review import build_review
from dashboards.ui.access import User
from pipelines.landing.land import land
from pipelines.outreach import organisations
from pipelines.outreach.contacts import add_contact
from pipelines.outreach.tokens import issue_invitation
from pipelines.outreach.waves import open_wave
from presentation.labels import SNAKE_CASE
from tests.conftest import ROOT
from warehouse.connection import connect

TODAY = date.today()
SOON = TODAY + timedelta(days=30)
REMINDED, FINAL = datetime(2013, 5, 2, 9, 30), datetime(2013, 6, 20, 16, 0)
BOARD = User("board1", "board", None, "Board member")


def returns(con, wave, codes):
    rows = [{"COMMISSIONER": c, "PLANSTATUS": "NONE", "WORKSWITH": "N", "_source_id": f"{wave}:{c}"} for c in codes]
    assert land(con, "commissioner_return", rows, source="file", wave_id=wave).landed == len(codes)


@pytest.fixture
def chased(con):
    """Two waves of returns a few commissioners were asked for, and a first wave of ratings; this quarter
    opened in April 2013 and is still open (it closes in 30 days), so that real 2013 codes are valid in it.

    Real successions (April 2013): 5A3 -> 12A, 5A4 -> 08F. Last wave (closed) 5A4 answered, 5A3 and 5A7
    did not; this wave (open) 08J answered, 12A (5A3's successor), 08F and 5A7 have not."""
    before = open_wave(
        con, "commissioner_return", "2013-Q1", date(2013, 1, 1), date(2013, 3, 31), ["5A3", "5A4", "5A7"]
    )
    returns(con, before, ["5A4"])
    now = open_wave(con, "commissioner_return", "2013-Q2", date(2013, 4, 1), SOON, ["12A", "08F", "08J", "5A7"])
    for code in ("12A", "08F", "08J"):
        issue_invitation(con, now, channel="email", org_code=code)
    con.execute(
        "update invitations set reminded_at = ?, final_reminder_at = ? where org_code = '12A'", [REMINDED, FINAL]
    )
    con.execute("update invitations set reminded_at = ? where org_code = '08F'", [REMINDED])
    returns(con, now, ["08J"])
    add_contact(con, "12A", "lead@example.org", "Carers' lead")
    add_contact(con, "12A", "breaks@example.org")
    carers_org = organisations.register(con, "Barnsley Carers Centre", "E08000016")
    rating = open_wave(con, "org_rating", "2013-Q2", date(2013, 4, 1), SOON, [carers_org])
    return {"before": before, "now": now, "rating": rating, "carers_org": carers_org}


def test_the_chase_list_names_each_one_asked_that_has_not_answered_with_its_contacts_and_reminders(con, chased):
    rows = con.execute(
        "select survey_code, org_code, contact_names, contact_emails, invited_at is not null, reminders_sent, "
        "last_reminded_at, missed_previous, previous_period, is_open, wave_responded, wave_in_scope "
        "from mart_chase_list where period = '2013-Q2' order by survey_code, org_code"
    ).fetchall()
    assert rows == [
        ("commissioner_return", "08F", None, None, True, 1, REMINDED, False, "2013-Q1", True, 1, 4),
        (
            "commissioner_return",
            "12A",
            "breaks@example.org; Carers' lead",
            "breaks@example.org; lead@example.org",
            True,
            2,
            FINAL,
            True,
            "2013-Q1",
            True,
            1,
            4,
        ),
        ("commissioner_return", "5A7", None, None, False, 0, None, True, "2013-Q1", True, 1, 4),
        ("org_rating", chased["carers_org"], None, None, False, 0, None, None, None, True, 0, 1),
    ]


def test_those_that_missed_the_previous_wave_are_exactly_the_repeat_non_responders(con, chased):
    missed = con.execute("select org_code from mart_chase_list where missed_previous order by 1").fetchall()
    repeats = con.execute("select org_code from mart_repeat_non_responders order by 1").fetchall()
    assert missed == repeats == [("12A",), ("5A7",)]


def test_an_open_wave_says_returns_so_far_and_a_closed_one_who_did_not_answer(con, chased):
    now = {row["survey_code"]: row for _, row in wave_returns(con, "2013-Q2").iterrows()}
    closes = f"{SOON.day} {SOON:%B %Y}"
    assert returns_sentence(now["commissioner_return"]) == (
        f"1 of 4 returns so far from the commissioners asked; the wave closes on {closes}."
    )
    assert missed_sentence(now["commissioner_return"]) == (
        "2 of the 3 not answered yet also missed the previous wave, 2012-13 Q4 (January to March 2013)."
    )
    assert missed_sentence(now["org_rating"]) is None  # the first wave of its series
    closed = wave_returns(con, "2013-Q1").iloc[0]
    assert returns_sentence(closed) == "1 of the 3 commissioners asked answered; 2 did not."
    assert missed_sentence(closed) is None


def _page(app_env, db_path, user=BOARD):
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/chase_list.py"), default_timeout=60)
    at.session_state["user"] = user
    return at.run()


def test_the_page_lists_who_to_chase_and_its_download_has_peoples_headings(app_env, db_path, chased, downloads):
    names = dict(connect(db_path).execute("select code, name from organisations").fetchall())
    at = _page(app_env, db_path)
    assert not at.exception, at.exception
    text = [m.value for m in at.markdown]
    assert "1 of 4 returns so far from the commissioners asked; the wave closes on" in " ".join(text)
    assert (
        "2 of the 3 not answered yet also missed the previous wave, 2012-13 Q4 (January to March 2013)." in text
    )  # the ratings' wave is the first of its series: nothing to say about a wave before it
    shown = at.dataframe[0].value
    # those that also missed the previous wave first (by name), then the others, then the ratings wave
    assert list(shown["Code"][:2]) == sorted(["12A", "5A7"], key=lambda c: names[c])
    assert list(shown["Code"][2:]) == ["08F", chased["carers_org"]]
    header, *lines = list(csv.reader(io.StringIO(downloads["who-to-chase-2013-Q2.csv"].decode("utf-8-sig"))))
    assert header == [
        "Survey",
        "Organisation",
        "Code",
        "Type",
        "Contact",
        "E-mail",
        "Invited",
        "Reminders sent",
        "Last reminded",
        "Also missed the previous wave",
    ]
    assert not [cell for line in lines for cell in line if SNAKE_CASE.search(cell) or cell in ("nan", "None", "NaT")]
    row_12a = next(line for line in lines if line[2] == "12A")
    assert row_12a[4:] == [
        "breaks@example.org; Carers' lead",
        "breaks@example.org; lead@example.org",
        f"{TODAY.day} {TODAY:%B %Y}",
        "2",
        "20 June 2013",
        "Yes",
    ]
    rating_row = next(line for line in lines if line[2] == chased["carers_org"])
    assert rating_row[4:] == [
        "no contact recorded",
        "no address recorded",
        "not invited",
        "0",
        "no reminder sent",
        "no earlier wave",
    ]


def test_the_survey_filter_leaves_one_survey(app_env, db_path, chased):
    connect(db_path).close()
    at = _page(app_env, db_path)
    at.selectbox(key="chase_list_survey").select("org_rating").run()
    assert not at.exception
    assert list(at.dataframe[0].value["Code"]) == [chased["carers_org"]]
    assert [m.value for m in at.markdown][-1] == "0 of 1 returns so far from the carers' organisations asked; " + (
        f"the wave closes on {SOON.day} {SOON:%B %Y}."
    )


def test_a_carers_organisation_cannot_see_who_to_chase(app_env, db_path, chased):
    connect(db_path).close()
    at = _page(app_env, db_path, User("co", "carers_org", chased["carers_org"]))
    assert at.error[0].value.startswith("You do not have access")
    assert not at.dataframe


def test_the_pack_has_who_to_chase_and_the_disputed_claims_with_the_organisations_evidence(demo_db):
    con = connect(demo_db, read_only=True)
    pack = to_html(build_review(con, "2012-Q1"), 5)
    chase = con.execute(
        "select org_name from mart_chase_list where period = '2012-Q1' and missed_previous order by org_name limit 1"
    ).fetchall()[0][0]
    disputed = con.execute(
        "select commissioner_name, evidence from mart_disputed_evidence where period = '2012-Q1' and evidence <> '' "
        "order by commissioner_name limit 1"
    ).fetchall()[0]
    con.close()
    assert '<h2 id="chase">Who to chase</h2>' in pack
    assert '<h2 id="disputed">Disputed claims: what carers&#39; organisations said</h2>' in pack
    chase_part = pack[pack.index('<h2 id="chase">') :]
    assert "Also missed the previous wave" in chase_part and f"<td>{chase}</td>" in chase_part.replace("&amp;", "&")
    disputed_part = pack[pack.index('<h2 id="disputed">') : pack.index('<h2 id="chase">')]
    assert disputed[0] in disputed_part.replace("&amp;", "&")
    assert disputed[1].replace("'", "&#39;") in disputed_part.replace("&amp;", "&")
