"""The region and organisation-type filters of the commissioner dashboards, on hand-made returns.

Every expected share is worked out by hand in the comments, from the ICBs of 2024-Q1 (42, each under
one of 7 NHS regions, all of them asked) and one council that filed a return (a council has no region).
"""

from pipelines.landing.land import land
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave, open_wave, organisations_in

NORTH_WEST = "Y62"  # NHS North West region: the ICBs QE1, QOP and QYG
MIDLANDS = "Y60"  # NHS Midlands region: QT1 and QHL among its 11 ICBs
COUNCIL = "E06000001"  # Hartlepool


def _returns(con, answers):
    quarter = parse_period("2024-Q1")
    asked = organisations_in(con, "ICB", quarter)
    wave = open_wave(con, "commissioner_return", quarter.label, quarter.start, quarter.end, asked)
    rows = [
        {"COMMISSIONER": c, "PLANSTATUS": s, "WORKSWITH": w} | ({"PUBDATE": "2024-02-01"} if s == "PUB" else {})
        for c, s, w in answers
    ]
    assert land(con, "commissioner_return", rows, source="file", wave_id=wave).landed == len(rows)


def _shares(con, region, org_type):
    return con.execute(
        "select status, commissioners, all_commissioners, responders, pct_of_all, pct_of_responders "
        "from plan_status_shares(?, ?) where period = '2024-Q1' order by sort_order",
        [region, org_type],
    ).fetchall()


def _plan_returns(con):
    _returns(con, [("QE1", "PUB", "N"), ("QOP", "WILL", "N"), ("QT1", "PUB", "N"), (COUNCIL, "NOUPD", "N")])


def test_plan_status_shares_of_one_region_count_only_its_commissioners(con):
    _plan_returns(con)
    # North West: QE1 published, QOP will publish, QYG sent nothing. Of all 3: 1/3 = 33.3% each;
    # of the 2 that answered: 1/2 = 50% each. The Midlands' QT1 and the council are left out.
    assert _shares(con, NORTH_WEST, None) == [
        ("PUB", 1, 3, 2, 33.3, 50.0),
        ("WILL", 1, 3, 2, 33.3, 50.0),
        ("NOUPD", 0, 3, 2, 0.0, 0.0),
        ("NONE", 0, 3, 2, 0.0, 0.0),
        ("no_response", 1, 3, 2, 33.3, None),
    ]


def test_plan_status_shares_of_one_type_and_of_no_region_are_the_council(con):
    _plan_returns(con)
    # the one council answered "no plan to update": 1 of 1, 100% on both bases
    expected = [
        ("PUB", 0, 1, 1, 0.0, 0.0),
        ("WILL", 0, 1, 1, 0.0, 0.0),
        ("NOUPD", 1, 1, 1, 100.0, 100.0),
        ("NONE", 0, 1, 1, 0.0, 0.0),
        ("no_response", 0, 1, 1, 0.0, None),
    ]
    assert _shares(con, None, "LA") == expected
    assert _shares(con, "none", None) == expected


def test_plan_status_shares_of_icbs_only_leave_the_council_out(con):
    _plan_returns(con)
    # 42 ICBs, 3 answered (QE1 and QT1 published, QOP will): PUB 2/42 = 4.8% and 2/3 = 66.7%;
    # WILL 1/42 = 2.4% and 1/3 = 33.3%; 39/42 = 92.9% sent nothing
    rows = {r[0]: r[1:] for r in _shares(con, None, "ICB")}
    assert rows["PUB"] == (2, 42, 3, 4.8, 66.7)
    assert rows["WILL"] == (1, 42, 3, 2.4, 33.3)
    assert rows["no_response"] == (39, 42, 3, 92.9, None)


def test_a_filter_matching_no_commissioner_gives_zeros_not_an_empty_table(con):
    _plan_returns(con)
    rows = _shares(con, NORTH_WEST, "LA")
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("PUB", 0, 0, None),
        ("WILL", 0, 0, None),
        ("NOUPD", 0, 0, None),
        ("NONE", 0, 0, None),
        ("no_response", 0, 0, None),
    ]


def test_the_unfiltered_view_still_counts_every_commissioner(con):
    _plan_returns(con)
    # 42 ICBs and the council: 43 in all, 4 answered
    assert con.execute(
        "select distinct all_commissioners, responders from mart_plan_status where period = '2024-Q1'"
    ).fetchall() == [(43, 4)]


def _coproduction(con):
    for code in ("TESTCO1", "TESTCO2"):
        con.execute(
            "insert into organisations (code, name, type) values (?, ?, 'carers_org')",
            [code, f"{code} test carers' centre (fictional)"],
        )
    _returns(
        con,
        [("QE1", "WILL", "Y"), ("QOP", "WILL", "Y"), ("QYG", "WILL", "N"), ("QT1", "WILL", "N"), ("QHL", "WILL", "Y")],
    )
    wave = ensure_wave(con, "org_rating", "2024-Q1")
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
            {"RATER": r, "COMMISSIONER": c, "ENGAGEMENT": e, "INPLAN": "N", "INBUDGET": "N", "FUNDED": "N"}
            for r, c, e in given
        ],
        source="file",
        wave_id=wave,
    )


def _headlines(con, region, org_type):
    return con.execute(
        "select commissioners, responders, claiming, claiming_pct, rated, not_engaged, "
        "not_engaged_pct, report_gap_points from coproduction_headlines(?, ?) where period = '2024-Q1'",
        [region, org_type],
    ).fetchall()[0]


def test_coproduction_headlines_of_one_region_are_counted_over_its_commissioners(con):
    _coproduction(con)
    # North West: QE1, QOP and QYG all answered; QE1 and QOP claim: 2/3 = 66.7%. Rated: QE1 (0, 0) and
    # QOP (2, 3); QE1 got only zeros: 1/2 = 50%. Gap 66.67 - 50 = 16.7 points.
    assert _headlines(con, NORTH_WEST, None) == (3, 3, 2, 66.7, 2, 1, 50.0, 16.7)
    # Midlands (11 ICBs): QT1 (no claim) and QHL (claims) answered: 1/2 = 50%; only QT1 rated (1, 2),
    # not all zero: 0/1 = 0%. Gap 50 points.
    assert _headlines(con, MIDLANDS, "ICB") == (11, 2, 1, 50.0, 1, 0, 0.0, 50.0)
    # everyone, for contrast: 3 of 5 claim (60%); 1 of 4 rated got only zeros (25%); gap 35
    assert _headlines(con, None, None) == (42, 5, 3, 60.0, 4, 1, 25.0, 35.0)
