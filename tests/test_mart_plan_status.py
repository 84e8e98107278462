"""Plan status and repeat non-responders on hand-made returns; answers worked out by hand."""

from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave


def _returns(con, period, rows):
    wave = ensure_wave(con, "commissioner_return", period)
    land(con, "commissioner_return", [{"WORKSWITH": "N", **r} for r in rows], source="file", wave_id=wave)
    return wave


def test_shares_use_both_denominators_and_count_non_responders(con):
    # 2024-Q1: the 42 ICBs existed; 3 answered: 1 published, 2 will publish; 39 did not answer
    _returns(
        con,
        "2024-Q1",
        [
            {"COMMISSIONER": "QE1", "PLANSTATUS": "PUB", "PUBDATE": "2024-02-01"},
            {"COMMISSIONER": "QOP", "PLANSTATUS": "WILL"},
            {"COMMISSIONER": "QT1", "PLANSTATUS": "WILL"},
        ],
    )
    rows = con.execute(
        "select status, commissioners, pct_of_all, pct_of_responders from mart_plan_status "
        "where period = '2024-Q1' order by sort_order"
    ).fetchall()
    assert rows == [
        ("PUB", 1, 2.4, 33.3),
        ("WILL", 2, 4.8, 66.7),
        ("NOUPD", 0, 0.0, 0.0),
        ("NONE", 0, 0.0, 0.0),
        ("no_response", 39, 92.9, None),
    ]


def test_a_revised_return_counts_once_in_its_latest_version(con):
    wave = ensure_wave(con, "commissioner_return", "2024-Q1")
    for status in ("WILL", "PUB"):
        land(
            con,
            "commissioner_return",
            [
                {
                    "_source_id": "QE1",
                    "COMMISSIONER": "QE1",
                    "PLANSTATUS": status,
                    "PUBDATE": "2024-03-01",
                    "WORKSWITH": "Y",
                }
            ],
            source="file",
            wave_id=wave,
        )
    assert con.execute("select status from mart_plan_status_by_commissioner where org_code = 'QE1'").fetchall() == [
        ("PUB",)
    ]
