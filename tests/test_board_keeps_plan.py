"""The Board keeps its plan on the Action plan page: actions added, changed and closed, quarterly updates
that need a RAG status chosen, KPIs added and changed with their rule; every change audited. Through the
whole app (AppTest) on real DuckDB files."""

from __future__ import annotations

import json
import shutil
from datetime import date
from typing import Any

import pytest

from board.queries import kpis
from pipelines import action_plan as plan
from tests.conftest import ROOT, scalar, signed_in_app
from warehouse.connection import connect

PAGE = str(ROOT / "dashboards/pages/action_plan.py")


@pytest.fixture
def board_app(app_env, demo_db, tmp_path):
    path = tmp_path / "plan.duckdb"
    shutil.copy(demo_db, path)
    app_env(path)
    at = signed_in_app(path, "chair", "board")
    at.switch_page(PAGE).run()
    assert not at.exception
    return at, path


def audit_lines(path, action: str) -> list[dict]:
    con = connect(path)
    try:
        rows = con.execute(
            "select username, detail from audit_log where action = ? order by audit_id", [action]
        ).fetchall()
    finally:
        con.close()
    return [{"username": username, **json.loads(detail)} for username, detail in rows]


def test_the_rag_status_has_no_default_and_saving_without_one_says_so(board_app):
    at, path = board_app
    assert at.radio(key="action_plan_rag").value is None
    before = scalar(connect(path), "select count(*) from action_updates")
    at.text_area(key="action_plan_narrative").input("Met the GP practices.")
    at.button(key="FormSubmitter:action_plan_update-Save update").click().run()
    assert [e.value for e in at.error] == ["Choose a RAG status (red, amber or green) before saving the update."]
    assert at.text_area(key="action_plan_narrative").value == "Met the GP practices."  # nothing typed is lost
    at.radio(key="action_plan_rag").set_value("amber")
    at.button(key="FormSubmitter:action_plan_update-Save update").click().run()
    assert at.success and not at.error
    con = connect(path)
    assert scalar(con, "select count(*) from action_updates") == before + 1
    assert scalar(con, "select rag from action_updates order by updated_at desc limit 1") == "amber"
    con.close()
    assert audit_lines(path, "action_updated")[-1]["rag"] == "amber"
    assert at.radio(key="action_plan_rag").value is None  # the next update starts without a choice again


def test_an_action_is_added_changed_and_closed_and_each_change_is_audited(board_app):
    at, path = board_app
    at.text_input(key="action_plan_new_title").input("Carers' champions in every GP practice")
    at.button(key="FormSubmitter:action_plan_add-Add the action").click().run()
    assert [e.value for e in at.error] == ["Say who owns the action before saving."]
    at.text_input(key="action_plan_new_owner").input("Primary Care Lead")
    # (AppTest cannot set a date input that starts empty; dates are tested on the pipeline below)
    at.selectbox(key="action_plan_new_outcome").set_value("expert_partners")
    at.button(key="FormSubmitter:action_plan_add-Add the action").click().run()
    assert [s.value for s in at.success] == ["Action added to the open list."]
    con = connect(path)
    added = int(scalar(con, "select max(action_id) from action_plan"))
    assert con.execute(
        "select title, owner, target_date, outcome, status from action_plan where action_id = ?", [added]
    ).fetchall() == [("Carers' champions in every GP practice", "Primary Care Lead", None, "expert_partners", "open")]
    con.close()
    assert audit_lines(path, "action_added")[-1] == {
        "username": "chair",
        "action_id": added,
        "title": "Carers' champions in every GP practice",
    }

    at.selectbox(key="action_plan_edit_action").set_value(added).run()
    at.text_input(key=f"action_plan_edit_{added}_owner").input("Head of Primary Care")
    at.button(key="FormSubmitter:action_plan_edit-Save the changes").click().run()
    assert [s.value for s in at.success] == ["Saved: owner changed."]
    assert audit_lines(path, "action_changed")[-1]["changed"] == {
        "owner": {"was": "Primary Care Lead", "now": "Head of Primary Care"}
    }

    at.selectbox(key="action_plan_edit_action").set_value(added).run()
    at.text_input(key="action_plan_close_note").input("Champions named in all 40 practices.")
    at.button(key="FormSubmitter:action_plan_close-Close the action").click().run()
    assert [e.value for e in at.error] == ["Say whether the action was done or dropped before closing it."]
    at.radio(key="action_plan_close_how").set_value("done")
    at.button(key="FormSubmitter:action_plan_close-Close the action").click().run()
    assert at.success[0].value == "Action closed: it has left the open list and keeps its history."
    assert "Carers' champions in every GP practice" not in at.selectbox(key="action_plan_action").options
    closed = at.tabs[1].dataframe[0].value
    assert closed["Action"].tolist() == ["Carers' champions in every GP practice"]
    assert closed["Status"].tolist() == ["Closed: done"]
    assert audit_lines(path, "action_closed")[-1] == {"username": "chair", "action_id": added, "how": "done"}
    with pytest.raises(plan.PlanRefused, match=r"^This action is closed, so it cannot be changed"):
        con = connect(path)
        try:
            plan.edit_action(
                con, added, title="x", owner="y", target_date=None, outcome=None, measure=None, edited_by="chair"
            )
        finally:
            con.close()


def test_a_kpi_is_added_with_its_target_and_rule_then_changed_and_its_rag_follows(board_app):
    at, path = board_app
    at.text_input(key="action_plan_kpi_new_name").input("Carers' assessments reviewed within a year")
    at.text_input(key="action_plan_kpi_new_unit").input("%")
    at.number_input(key="action_plan_kpi_new_target").set_value(90.0)
    at.number_input(key="action_plan_kpi_new_amber_within").set_value(5.0)
    at.button(key="FormSubmitter:action_plan_kpi_add-Add the KPI").click().run()
    assert [e.value for e in at.error] == ["Say whether higher or lower is better for this KPI before saving."]
    at.radio(key="action_plan_kpi_new_direction").set_value("up")
    at.button(key="FormSubmitter:action_plan_kpi_add-Add the KPI").click().run()
    assert not at.error, [e.value for e in at.error]
    code = "carers_assessments_reviewed_within_a_year"
    assert audit_lines(path, "kpi_added")[-1]["kpi_code"] == code

    at.selectbox(key="action_plan_kpi_value_code").set_value(code)
    at.number_input(key="action_plan_kpi_value").set_value(86.0)
    at.button(key="FormSubmitter:action_plan_kpi_value-Save the value").click().run()
    quarter = at.selectbox(key="action_plan_quarter").value
    con = connect(path)
    assert kpis(con, quarter).query("kpi_code == @code")["rag"].tolist() == ["amber"]  # 4 short, within 5
    con.close()

    at.selectbox(key="action_plan_kpi_edit").set_value(code).run()
    at.number_input(key=f"action_plan_kpi_edit_{code}_amber_within").set_value(2.0)
    at.button(key="FormSubmitter:action_plan_kpi_edit_form-Save the changes").click().run()
    assert [s.value for s in at.success] == ["Saved: amber within changed."]
    con = connect(path)
    assert kpis(con, quarter).query("kpi_code == @code")["rag"].tolist() == ["red"]  # now 4 short is beyond 2
    con.close()
    assert audit_lines(path, "kpi_changed")[-1]["changed"] == {"amber_within": {"was": 5.0, "now": 2.0}}
    table = at.tabs[2].dataframe[0].value  # the KPIs as the Board reads them
    row = table[table["KPI"] == "Carers' assessments reviewed within a year"]
    assert row[["Target", "Better when", "Amber within"]].values.tolist() == [["90", "Higher is better", "2"]]


def test_changing_an_actions_target_date_and_outcome_is_audited_with_what_they_were(con):
    action = plan.add_action(con, "Roadshows", "Workforce Lead", date(2012, 3, 31), None, added_by="chair")
    changed = plan.edit_action(
        con,
        action,
        title="Roadshows",
        owner="Workforce Lead",
        target_date=date(2012, 6, 30),
        outcome="well",
        measure=None,
        edited_by="chair",
    )
    assert changed == ["target_date", "outcome"]
    assert plan.action(con, action)["target_date"] == date(2012, 6, 30)
    detail = json.loads(scalar(con, "select detail from audit_log where action = 'action_changed'"))
    assert detail["changed"] == {
        "target_date": {"was": "2012-03-31", "now": "2012-06-30"},
        "outcome": {"was": None, "now": "well"},
    }
    unchanged: dict[str, Any] = dict(
        title="Roadshows", owner="Workforce Lead", target_date=date(2012, 6, 30), outcome="well"
    )
    assert plan.edit_action(con, action, **unchanged, measure=None, edited_by="chair") == []
    with pytest.raises(plan.PlanRefused, match=r"^Choose one of the five outcomes"):
        plan.edit_action(con, action, **{**unchanged, "outcome": "made_up"}, measure=None, edited_by="chair")
