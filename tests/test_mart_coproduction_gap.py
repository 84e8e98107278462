"""Co-production categories and headlines on hand-made claims and ratings; answers worked out by hand."""

from datetime import date

from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave, open_wave

ORGS = [("TESTCO1", "First test carers' centre (fictional)"), ("TESTCO2", "Second test carers' centre (fictional)")]


def _setup(con):
    for code, name in ORGS:
        con.execute("insert into organisations (code, name, type) values (?, ?, 'carers_org')", [code, name])
    asked = ["QE1", "QOP", "QT1", "QHL", "QUE"]
    returns = open_wave(con, "commissioner_return", "2024-Q1", date(2024, 1, 1), date(2024, 3, 31), asked)
    ratings = ensure_wave(con, "org_rating", "2024-Q1")
    claims = {"QE1": "Y", "QOP": "Y", "QT1": "N", "QHL": "Y"}  # QUE sends no return
    land(
        con,
        "commissioner_return",
        [{"COMMISSIONER": c, "PLANSTATUS": "WILL", "WORKSWITH": w} for c, w in claims.items()],
        source="file",
        wave_id=returns,
    )
    given = [
        ("TESTCO1", "QE1", "0"),
        ("TESTCO2", "QE1", "0"),
        ("TESTCO1", "QOP", "2"),
        ("TESTCO2", "QOP", "3"),
        ("TESTCO1", "QT1", "1"),
        ("TESTCO2", "QT1", "2"),
        ("TESTCO1", "QUE", "2"),
    ]
    land(
        con,
        "org_rating",
        [
            {
                "RATER": r,
                "COMMISSIONER": c,
                "ENGAGEMENT": e,
                "INPLAN": "N",
                "INBUDGET": "N",
                "FUNDED": "N",
                "EVIDENCE": "Spoke to Jane Smith on 01632 960123",
            }
            for r, c, e in given
        ],
        source="file",
        wave_id=ratings,
    )


def test_categories_follow_the_claim_and_the_median_rating(con):
    _setup(con)
    rows = dict(
        con.execute(
            "select org_code, category from mart_coproduction_gap where period = '2024-Q1' "
            "and org_code in ('QE1', 'QOP', 'QT1', 'QUE', 'QHL')"
        ).fetchall()
    )
    # QE1 claims, ratings 0 and 0 -> disputed; QOP claims, median 2.5 -> confirmed; QT1 no claim, median 1.5
    # -> agreed not engaged; QUE no return, rating 2 -> unclaimed engagement; QHL claims, no rating -> unrated
    assert rows == {
        "QE1": "disputed",
        "QOP": "confirmed",
        "QT1": "agreed_not_engaged",
        "QUE": "unclaimed_engagement",
        "QHL": "unrated",
    }
    assert con.execute("select not_engaged_at_all from mart_coproduction_gap where org_code = 'QE1'").fetchall() == [
        (True,)
    ]


def test_the_2011_reading_keeps_its_two_bases(con):
    _setup(con)
    row = con.execute(
        "select responders, claiming, claiming_pct, rated, not_engaged, not_engaged_pct, report_gap_points "
        "from mart_coproduction_headlines where period = '2024-Q1'"
    ).fetchall()[0]
    # 3 of the 4 that answered claim (75%); 1 of the 4 rated got only zeros (25%); 75 - 25 = 50 points
    assert row == (4, 3, 75.0, 4, 1, 25.0, 50.0)


def test_the_headline_gap_counts_one_base_those_that_answered_and_were_rated(con):
    _setup(con)
    row = con.execute(
        "select answered_and_rated, both_claiming, both_claiming_pct, both_not_engaged, both_not_engaged_pct, "
        "gap_points from mart_coproduction_headlines where period = '2024-Q1'"
    ).fetchall()[0]
    # answered and rated: QE1, QOP, QT1 (QHL is unrated, QUE sent no return). Of these 3, QE1 and QOP
    # claim (66.7%) and QE1 got only zeros (33.3%): the gap is 2 - 1 = 1 of 3, 33.3 points
    assert row == (3, 2, 66.7, 1, 33.3, 33.3)


def test_disputed_evidence_is_redacted(con):
    _setup(con)
    evidence = {r[0] for r in con.execute("select evidence from mart_disputed_evidence").fetchall()}
    assert evidence == {"Spoke to [name removed] on [phone removed]"}
