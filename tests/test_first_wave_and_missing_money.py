"""What the Board reads when a wave has nothing before it, or no commissioner reported a sum (issue 13)."""

from streamlit.testing.v1 import AppTest

from board.sections import money_section
from dashboards.ui.access import User
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from tests.conftest import ROOT


def _one_return_without_money(con) -> None:
    wave = ensure_wave(con, "commissioner_return", "2026-Q3")
    land(
        con,
        "commissioner_return",
        [{"COMMISSIONER": "QE1", "PLANSTATUS": "WILL", "WORKSWITH": "N"}],
        source="file",
        wave_id=wave,
    )


def test_the_pack_says_none_reported_rather_than_nan_pounds(con):
    _one_return_without_money(con)
    figures = {f.label: f.value for f in money_section(con, "2026-Q3").figures}
    assert figures["Actual spend"] == "none reported"
    assert figures["Allocation for breaks"] == "none reported"


def test_a_first_wave_does_not_claim_everyone_answered_it_or_the_one_before(app_env, db_path, con):
    _one_return_without_money(con)
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/plan_status.py"), default_timeout=60)
    at.session_state["user"] = User("board1", "board")
    at.run()
    said = [m.value for m in at.markdown]
    assert "This is the first wave, so no commissioner can have missed two running yet." in said
    assert not any("or the one before" in m for m in said)
