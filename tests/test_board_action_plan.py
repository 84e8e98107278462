"""Action plan updates are versioned; RAG counts and KPI RAG follow the rules, on hand-made data."""

from datetime import date

import pytest

from board.queries import action_status, kpis, rag_counts
from pipelines.action_plan import PlanRefused, add_action, add_update, history


def test_every_update_is_kept_and_the_latest_in_a_quarter_counts(con):
    action = add_action(con, "Set up a Carers Board", "Director", date(2011, 6, 30), "Board meets")
    add_update(con, action, "2011-Q2", "red", "Not started", None, "alice")
    add_update(con, action, "2011-Q2", "amber", "Terms drafted", None, "bob")
    add_update(con, action, "2011-Q3", "green", "Board met", "https://example.org/minutes", "alice")
    assert history(con, action)[["quarter", "rag"]].values.tolist() == [
        ["2011-Q2", "red"],
        ["2011-Q2", "amber"],
        ["2011-Q3", "green"],
    ]
    assert action_status(con, "2011-Q2")[["rag", "narrative"]].values.tolist() == [["amber", "Terms drafted"]]
    assert action_status(con, "2011-Q3")["rag"].tolist() == ["green"]


def test_rag_counts_and_overdue_actions_first(con):
    # hand-made: at the end of 2011-Q3 (30 Sept) A is red and past its date, B amber in time,
    # C green past its date (done, so not overdue), D amber past its date but its latest update is Q2
    plan = {
        "A": ("red", date(2011, 8, 1), "2011-Q3"),
        "B": ("amber", date(2012, 3, 31), "2011-Q3"),
        "C": ("green", date(2011, 7, 1), "2011-Q3"),
        "D": ("amber", date(2011, 9, 1), "2011-Q2"),
    }
    for title, (rag, target, quarter) in plan.items():
        add_update(con, add_action(con, title, "owner", target, None), quarter, rag, title, None, "x")
    status = action_status(con, "2011-Q3")
    assert status["title"].tolist() == ["A", "D", "B", "C"]
    assert rag_counts(status) == {"red": 1, "amber": 2, "green": 1, "overdue": 2}


@pytest.mark.parametrize("rag", [None, "purple"])
def test_an_update_without_a_rag_status_of_red_amber_or_green_is_refused(con, rag):
    action = add_action(con, "X", "owner", None, None)
    with pytest.raises(PlanRefused, match=r"^Choose a RAG status \(red, amber or green\) before saving the update\.$"):
        add_update(con, action, "2011-Q2", rag, "Something happened", None, "x")
    assert history(con, action).empty


@pytest.mark.parametrize(
    "direction, value, expected",
    [
        pytest.param("up", 80.0, "green", id="up_meets_target"),
        pytest.param("up", 72.0, "amber", id="up_within_10"),
        pytest.param("up", 69.9, "red", id="up_short_by_more"),
        pytest.param("down", 80.0, "green", id="down_at_target"),
        pytest.param("down", 85.0, "amber", id="down_over_within_10"),
        pytest.param("down", 95.0, "red", id="down_over_by_more"),
    ],
)
def test_kpi_rag_is_decided_by_rule(con, direction, value, expected):
    con.execute(
        "insert into kpis (kpi_code, name, target, direction, amber_within, source) "
        "values ('k', 'K', 80, ?, 10, 'hand')",
        [direction],
    )
    con.execute("insert into kpi_values (kpi_code, period, value) values ('k', '2011-Q3', ?)", [value])
    assert kpis(con, "2011-Q3")["rag"].tolist() == [expected]


def test_a_later_hand_entry_replaces_an_earlier_one_and_computed_kpis_fill_in(demo_db):
    from warehouse.connection import connect

    con = connect(demo_db, read_only=True)
    values = kpis(con, "2012-Q1")
    responses = values[values.kpi_code == "survey_responses"]
    assert responses["value"].tolist() == [150.0, 150.0, 150.0, 150.0]  # 600 demo carers over four waves
    assert responses["rag"].unique().tolist() == ["red"]  # target 1,000, amber within 200
    assert values[values.kpi_code == "assessments_28d"]["rag"].tolist() == ["red", "red", "amber", "green"]
    con.close()
