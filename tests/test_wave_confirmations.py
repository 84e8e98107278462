"""Closing a wave and publishing results ask first, with a preview of what will change; reopening a closed
wave and taking results down exist too; each is audited. Through AppTest on real DuckDB files."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest

from dashboards.ui.access import User
from pipelines.outreach import waves
from pipelines.outreach.waves import open_wave
from tests.conftest import ROOT, as_read, scalar, signed_in_app
from warehouse.connection import connect

ADMIN = User("admin", "administrator", display_name="Admin")
ASKED = ["5A3", "5A4", "5A5"]


def admin_waves(path):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_waves.py"), default_timeout=30)
    at.session_state["user"] = ADMIN
    return at.run()


def press(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def audited(path, action: str) -> list[dict]:
    con = connect(path)
    rows = con.execute("select detail from audit_log where action = ? order by audit_id", [action]).fetchall()
    con.close()
    return [json.loads(row[0]) for row in rows]


@pytest.fixture
def one_answer(app_env, db_path):
    """A wave open today asking three PCTs, of which one (5A3) has answered."""
    con = connect(db_path)
    wave = open_wave(con, "commissioner_return", "2011-Q3", date.today(), date.today() + timedelta(days=9), ASKED)
    con.execute(
        "insert into invitations (wave_id, org_code, channel, completed_at) values (?, '5A3', 'email', now())", [wave]
    )
    con.close()
    app_env(db_path)
    return wave


def test_closing_a_wave_asks_first_showing_who_has_not_answered(one_answer, db_path):
    at = press(admin_waves(db_path), "Close this wave")
    con = connect(db_path)
    assert scalar(con, "select closed_at from waves where wave_id = ?", [one_answer]) is None  # asked, not done
    names = dict(con.execute("select code, name from organisations where code in ('5A4', '5A5')").fetchall())
    con.close()
    assert [as_read(w.value) for w in at.warning] == [
        "Closing commissioner_return 2011-Q3 refuses web answers from now on and stops its reminders (paper returns "
        "are flagged late): 1 of the 3 asked have answered, and the 2 below have not."
    ]
    preview = at.dataframe[1].value  # after the waves overview
    assert preview["ODS code"].tolist() == sorted(names, key=lambda code: names[code])

    press(at, "Cancel")
    assert not at.warning and not audited(db_path, "close_wave")

    press(press(at, "Close this wave"), "Yes, close the wave")
    assert [s.value for s in at.success] == [
        "Closed: web answers are refused from now on; paper returns are flagged late."
    ]
    con = connect(db_path)
    assert scalar(con, "select closed_at is not null from waves where wave_id = ?", [one_answer])
    con.close()
    assert audited(db_path, "close_wave") == [{"wave_id": one_answer}]


def test_a_closed_wave_can_be_reopened_until_a_new_date_and_that_is_audited(one_answer, db_path):
    con = connect(db_path)
    waves.close_wave(con, one_answer, closed_by="admin")
    con.close()
    at = press(admin_waves(db_path), "Reopen this wave")
    assert "takes web answers again until the date below (1 of the 3 asked have answered so far)" in as_read(
        at.warning[0].value
    )
    until = date.today() + timedelta(days=21)
    at.date_input(key="admin_waves_reopen").set_value(until)
    press(at, "Yes, reopen the wave")
    assert not at.error, [e.value for e in at.error]
    con = connect(db_path)
    assert con.execute("select closed_at, closes from waves where wave_id = ?", [one_answer]).fetchall() == [
        (None, until)
    ]
    con.close()
    (line,) = audited(db_path, "reopen_wave")
    assert line["wave_id"] == one_answer and line["closes"] == until.isoformat() and line["was_closed_at"]


def test_reopening_refuses_a_wave_that_is_open_or_a_date_already_past(one_answer, db_path):
    con = connect(db_path)
    with pytest.raises(waves.WaveScopeError, match="open already"):
        waves.reopen_wave(con, one_answer, date.today() + timedelta(days=3), reopened_by="admin")
    waves.close_wave(con, one_answer)
    with pytest.raises(waves.WaveScopeError, match="from today on"):
        waves.reopen_wave(con, one_answer, date.today() - timedelta(days=1), reopened_by="admin")
    con.close()


@pytest.fixture
def unpublished(app_env, demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    period = scalar(
        con, "select max(period) from waves where survey_code = 'commissioner_return' and published_at is null"
    )
    con.close()
    app_env(path)
    at = signed_in_app(path, "chair", "board")
    at.query_params["quarter"] = period
    at.switch_page(str(ROOT / "dashboards/pages/plan_status.py")).run()
    assert not at.exception
    return at, path, period


def test_publishing_asks_first_with_the_rows_the_public_will_see_then_can_be_taken_down(unpublished):
    at, path, period = unpublished
    press(at, "Publish this wave's results")
    con = connect(path)
    assert waves.published_at(con, period) is None
    commissioners = scalar(con, "select count(*) from mart_plan_status_by_commissioner where period = ?", [period])
    asked, answered = con.execute(
        "select count(*), count(*) filter (where responded) from mart_non_response n "
        "join waves w on w.wave_id = n.wave_id where w.period = ? and w.survey_code = 'commissioner_return'",
        [period],
    ).fetchall()[0]
    con.close()
    said = as_read(at.warning[0].value)
    assert f"shows the public each of these {commissioners} commissioners' plan status, link and co-production" in said
    assert f"{answered} of the {asked} asked answered" in said
    preview = at.dataframe[-1].value
    assert len(preview) == commissioners and list(preview.columns) == [
        "Commissioner",
        "ODS code",
        "Plan status",
        "Published on",
        "Where it is published",
        "Co-production",
    ]

    press(at, "Yes, publish")
    con = connect(path)
    assert waves.published_at(con, period) is not None
    con.close()
    assert audited(path, "publish")[-1] == {"period": period}
    assert at.success and "Published" in at.success[0].value

    press(at, "Take these results off the public page")
    assert "leaves its results for signed-in users only" in as_read(at.warning[0].value)
    press(at, "Yes, take them down")
    con = connect(path)
    assert waves.published_at(con, period) is None
    assert scalar(con, "select count(*) from mart_published_results where period = ?", [period]) == 0
    con.close()
    (line,) = audited(path, "unpublish")
    assert line["period"] == period and line["was_published_at"]
