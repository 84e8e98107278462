"""Periods: quarters, financial years and named periods; anything else refused in one sentence (issue 13)."""

from datetime import date

import pytest

from pipelines.landing.land import land
from pipelines.outreach.periods import PeriodRefused, parse_period
from pipelines.outreach.waves import ensure_wave, open_wave
from tests.conftest import run_cli, scalar


@pytest.mark.parametrize(
    ("label", "title", "start", "end"),
    [
        pytest.param("2011-Q3", "July to September 2011", date(2011, 7, 1), date(2011, 9, 30), id="quarter"),
        pytest.param("2011-q4", "October to December 2011", date(2011, 10, 1), date(2011, 12, 31), id="lower_q"),
        pytest.param("2010-11", "April 2010 to March 2011", date(2010, 4, 1), date(2011, 3, 31), id="financial_year"),
        pytest.param("2099/00", "April 2099 to March 2100", date(2099, 4, 1), date(2100, 3, 31), id="century"),
    ],
)
def test_a_quarter_or_financial_year_takes_its_dates_from_the_label(label, title, start, end):
    period = parse_period(label)
    assert (period.title, period.start, period.end) == (title, start, end)


def test_a_named_period_keeps_its_name_and_needs_its_dates():
    period = parse_period("Winter  2026 check-in", date(2026, 12, 1), date(2027, 2, 28))
    assert (period.label, period.start, period.end) == ("Winter 2026 check-in", date(2026, 12, 1), date(2027, 2, 28))
    with pytest.raises(PeriodRefused, match="is a name, so give its first and last days"):
        parse_period("Winter 2026 check-in")


@pytest.mark.parametrize("label", ["2011-Q5", "2011-Q0", "2011-13", "2011", "2011-12-01", ""])
def test_anything_else_is_refused_in_one_sentence_listing_the_forms(label):
    with pytest.raises(PeriodRefused) as refused:
        parse_period(label, date(2011, 1, 1), date(2011, 3, 31))  # dates do not make a bad label a name
    message = str(refused.value)
    assert message.count(". ") == 0 and message.endswith(".")
    assert "2011-Q3" in message or "next year's last two digits" in message


def test_the_cli_refuses_a_bad_period_without_a_traceback(db_path, monkeypatch):
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "https://monitor.example.org")
    done = run_cli(db_path, "open-wave", "--survey", "commissioner_return", "--period", "2011-Q5", "--org-type", "PCT")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "'2011-Q5' is not a period Carers Monitor knows: use a quarter such as 2011-Q3, a financial year such as "
        "2011-12 (1 April 2011 to 31 March 2012), or a name of your own with its first and last days."
    ]


def test_a_financial_year_wave_covers_april_to_march(con):
    wave_id = open_wave(con, "commissioner_return", "2026-27", date(2026, 4, 1), date(2027, 3, 31), ["QE1"])
    assert con.execute("select period, title from waves where wave_id = ?", [wave_id]).fetchall() == [
        ("2026-27", "April 2026 to March 2027")
    ]


def _add_carers_org(con) -> None:
    con.execute(
        "insert into organisations (code, name, type) values ('TESTCO1', 'Test centre (fictional)', 'carers_org')"
    )


def _rate(con, rating_wave: int, return_wave: int) -> None:
    land(
        con,
        "commissioner_return",
        [{"COMMISSIONER": "QE1", "PLANSTATUS": "WILL", "WORKSWITH": "Y"}],
        source="file",
        wave_id=return_wave,
    )
    land(
        con,
        "org_rating",
        [
            {
                "RATER": "TESTCO1",
                "COMMISSIONER": "QE1",
                "ENGAGEMENT": "3",
                "INPLAN": "Y",
                "INBUDGET": "Y",
                "EVIDENCE": "Joint plan",
            }
        ],
        source="file",
        wave_id=rating_wave,
    )


def test_a_rating_wave_counts_for_the_return_wave_it_rates_whatever_its_label(con):
    _add_carers_org(con)
    returns = open_wave(con, "commissioner_return", "2026-27", date(2026, 4, 1), date(2027, 3, 31), ["QE1"])
    ratings = open_wave(
        con,
        "org_rating",
        "Spring 2027 ratings",
        date(2027, 4, 1),
        date(2027, 5, 31),
        ["TESTCO1"],
        rates_wave_id=returns,
    )
    _rate(con, ratings, returns)
    assert scalar(con, "select rates_wave_id from waves where wave_id = ?", [ratings]) == returns
    assert con.execute(
        "select ratings, category from mart_coproduction_gap where wave_id = ? and org_code = 'QE1'", [returns]
    ).fetchall() == [(1, "confirmed")]


def test_a_rating_wave_of_the_same_period_is_linked_whichever_wave_came_first(con):
    ratings = ensure_wave(con, "org_rating", "2026-Q3")
    returns = ensure_wave(con, "commissioner_return", "2026-Q3")
    assert scalar(con, "select rates_wave_id from waves where wave_id = ?", [ratings]) == returns
    _add_carers_org(con)
    _rate(con, ratings, returns)
    assert (
        scalar(con, "select ratings from mart_coproduction_gap where wave_id = ? and org_code = 'QE1'", [returns]) == 1
    )
