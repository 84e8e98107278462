"""Plan status and repeat non-responders on hand-made returns; answers worked out by hand."""

from pipelines.landing.land import land
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave, open_wave


def _returns(con, period, rows, asked=None):
    if asked is None:
        wave = ensure_wave(con, "commissioner_return", period)
    else:
        found = parse_period(period)
        wave = open_wave(con, "commissioner_return", period, found.start, found.end, asked)
    land(con, "commissioner_return", [{"WORKSWITH": "N", **r} for r in rows], source="file", wave_id=wave)
    return wave


ANSWERS = [
    {"COMMISSIONER": "QE1", "PLANSTATUS": "PUB", "PUBDATE": "2024-02-01"},
    {"COMMISSIONER": "QOP", "PLANSTATUS": "WILL"},
    {"COMMISSIONER": "QT1", "PLANSTATUS": "WILL"},
]


def _shares(con, period="2024-Q1"):
    return con.execute(
        "select status, commissioners, pct_of_all, pct_of_responders from mart_plan_status "
        "where period = ? order by sort_order",
        [period],
    ).fetchall()


def test_shares_use_both_denominators_and_count_non_responders(con):
    # 2024-Q1: 8 of the 42 ICBs were asked; 3 answered: 1 published, 2 will publish; 5 did not answer
    others = con.execute(
        "select code from organisations where type = 'ICB' and code not in ('QE1', 'QOP', 'QT1') order by code limit 5"
    ).fetchall()
    _returns(con, "2024-Q1", ANSWERS, asked=["QE1", "QOP", "QT1", *(code for (code,) in others)])
    assert _shares(con) == [
        ("PUB", 1, 12.5, 33.3),
        ("WILL", 2, 25.0, 66.7),
        ("NOUPD", 0, 0.0, 0.0),
        ("NONE", 0, 0.0, 0.0),
        ("no_response", 5, 62.5, None),
    ]


def test_commissioners_never_asked_are_not_counted_as_not_responding(con):
    # a wave made by importing a file has no scope: the other 39 ICBs that existed were never asked
    _returns(con, "2024-Q1", ANSWERS)
    assert _shares(con)[-1] == ("no_response", 0, 0.0, None)
    assert _shares(con)[0] == ("PUB", 1, 33.3, 33.3)


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


def test_a_wave_nobody_was_asked_in_yet_has_every_status_at_zero(con):
    ensure_wave(con, "commissioner_return", "2026-Q3")
    assert _shares(con, "2026-Q3") == [
        ("PUB", 0, None, None),
        ("WILL", 0, None, None),
        ("NOUPD", 0, None, None),
        ("NONE", 0, None, None),
        ("no_response", 0, None, None),
    ]
