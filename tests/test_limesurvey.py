"""LimeSurvey sync through the real citric client against a loopback server replaying a real 6.14.0 server."""

from __future__ import annotations

import pytest

from pipelines.outreach.waves import ensure_wave
from pipelines.sources.limesurvey.client import Connection, LimeSurveyProblem, configured
from pipelines.sources.limesurvey.sync import PAGE_SIZE, last_run, sync
from tests.conftest import as_read, scalar
from tests.fake_limesurvey import ACTIVE_SID, INACTIVE_SID, PASSWORD, USER, closed_port_url

SURVEY = "carer_experience"


def connection(
    url: str,
    *,
    survey_id: int = ACTIVE_SID,
    password: str = PASSWORD,
    wave: str | None = "2026-Q1",
    timeout: float = 5.0,
) -> Connection:
    return Connection(SURVEY, url, USER, password, survey_id, wave=wave, org="E08000035", timeout=timeout)


@pytest.fixture
def wave_con(con):
    ensure_wave(con, SURVEY, "2026-Q1")
    return con


def current_rows(con) -> int:
    return scalar(con, "select count(*) from response_carer_experience where is_current and source = 'limesurvey'")


def key(fake, response_id: int, survey_id: int = ACTIVE_SID) -> str:
    """A response's source id: server (no scheme, no RC2 path), survey, response (issue 19)."""
    return f"{fake.url.split('://')[1].removesuffix('/index.php/admin/remotecontrol')}/{survey_id}/{response_id}"


def test_a_full_sync_lands_the_completed_responses_with_their_ids_as_source_ids(wave_con, fake_limesurvey):
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.responses_read == 5  # 6 responses, one incomplete
    assert result.landed is not None and result.landed.received == 5
    assert result.landed.landed + result.landed.quarantined == 5
    assert result.last_response_id == 6
    ids = {
        r[0] for r in wave_con.execute("select source_id from raw_submissions where source = 'limesurvey'").fetchall()
    }
    assert ids == {key(fake_limesurvey, i) for i in (1, 2, 4, 5, 6)}


def test_incomplete_responses_come_only_when_asked_for(wave_con, fake_limesurvey):
    result = sync(wave_con, connection(fake_limesurvey.url), include_incomplete=True)
    assert result.responses_read == 6


def test_a_resync_adds_nothing(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url))
    before = scalar(wave_con, "select count(*) from raw_submissions")
    again = sync(wave_con, connection(fake_limesurvey.url))
    assert again.responses_read == 0
    assert scalar(wave_con, "select count(*) from raw_submissions") == before
    full = sync(wave_con, connection(fake_limesurvey.url), full=True)
    assert full.landed is not None and full.landed.already_present == 5 and full.landed.landed == 0


def test_a_later_sync_lands_only_responses_new_since_the_last_in_one_export(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url))
    new_id = fake_limesurvey.add(relation="A2", comments="A new one")
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.responses_read == 1 and result.last_response_id == new_id
    assert result.landed is not None and result.landed.landed == 1
    exports = [params for method, params in fake_limesurvey.calls if method == "export_responses"]
    assert len(exports) == 2 and exports[-1][4] == "all"  # one export a sync, submitted or not


def test_an_edited_response_lands_as_a_new_version_not_a_duplicate(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url))
    fake_limesurvey.edit(1, comments="Changed my mind.")
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.responses_read == 1 and result.landed is not None and result.landed.new_versions == 1
    versions = wave_con.execute(
        "select version, is_current, DIFFERENCE from response_carer_experience where source_id = ? order by version",
        [key(fake_limesurvey, 1)],
    ).fetchall()
    assert versions == [
        (1, False, "Respite care made a big difference.\nI wish it was easier to book."),
        (2, True, "Changed my mind."),
    ]


def test_an_edit_that_left_the_save_stamp_alone_is_found_by_a_plain_sync(wave_con, fake_limesurvey):
    # issue 19: LimeSurvey's admin "edit response" page saves the shown stamps, so `datestamp` may not move
    sync(wave_con, connection(fake_limesurvey.url))
    fake_limesurvey.edit(2, saved_at=None, comments="Edited on the admin page")
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.responses_read == 1 and result.landed is not None and result.landed.new_versions == 1
    assert (
        scalar(
            wave_con,
            "select DIFFERENCE from response_carer_experience where is_current and source_id = ?",
            [key(fake_limesurvey, 2)],
        )
        == "Edited on the admin page"
    )
    full = sync(wave_con, connection(fake_limesurvey.url), full=True)
    assert full.landed is not None and full.landed.already_present == 5 and full.landed.landed == 0


def test_a_response_completed_after_a_sync_is_picked_up_then(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url))  # 3 is incomplete: not read
    fake_limesurvey.edit(3, submitdate="2026-02-01 09:00:00", AREA="E08000035")
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.responses_read == 1 and result.landed is not None and result.landed.received == 1
    assert key(fake_limesurvey, 3) in {
        r[0] for r in wave_con.execute("select source_id from raw_submissions").fetchall()
    }


def test_codes_subquestions_and_other_map_onto_our_fields(wave_con, fake_limesurvey):
    result = sync(wave_con, connection(fake_limesurvey.url))
    rows = {
        r[0]: r[1:]
        for r in wave_con.execute(
            "select source_id, RELATION, BREAK12 from response_carer_experience where source = 'limesurvey'"
        ).fetchall()
    }
    assert rows[key(fake_limesurvey, 1)] == ("1", "Y")  # A1 "A parent"; support[SQ001] (respite) ticked
    assert rows[key(fake_limesurvey, 2)] == ("6", None)  # -oth- is "Someone else"; SQ001 not ticked
    assert "relation[other]" not in result.unmapped  # dropped on purpose: free text may name a person
    assert {"hours", "since", "employed", "satis[SQ001]", "support[SQ002]"} <= set(result.unmapped)


def test_an_answer_that_does_not_fit_is_quarantined_with_a_reason(wave_con, fake_limesurvey):
    fake_limesurvey.edit(5, relation="A9")
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.landed is not None and result.landed.quarantined >= 1
    assert any(field == "RELATION" for _, field, _ in result.landed.problems)


def test_an_active_survey_without_responses_is_an_empty_sync(wave_con, fake_limesurvey):
    fake_limesurvey.responses = []
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.responses_read == 0 and result.landed is None
    run = last_run(wave_con, SURVEY)
    assert run is not None and run["outcome"] == "ok"


def test_participants_are_paged_by_lowest_tid_and_stored_as_token_hashes_only(wave_con, fake_limesurvey, monkeypatch):
    monkeypatch.setattr("pipelines.sources.limesurvey.sync.PAGE_SIZE", 3)
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.participants_read == 4 and result.participants_added == 4
    starts = [params[2] for method, params in fake_limesurvey.calls if method == "list_participants"]
    assert starts == [0, 4]  # second page starts after the last tid seen (3), not at row offset 3
    stored = wave_con.execute("select token_hash, org_code, channel from invitations").fetchall()
    assert len(stored) == 4 and {row[1:] for row in stored} == {("E08000035", "limesurvey")}
    text = str(wave_con.execute("select * from invitations").fetchall())
    assert "ownToken0004" not in text and "Alex" not in text and "example.invalid" not in text
    assert sync(wave_con, connection(fake_limesurvey.url)).participants_added == 0
    assert PAGE_SIZE == 100


def test_a_submitted_response_with_a_token_completes_that_invitation(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url), include_incomplete=True)
    completed = wave_con.execute(
        "select completed_at from invitations where completed_at is not null order by completed_at"
    ).fetchall()
    # Alex (1), Sam (2) and Pat (5) submitted; Jo (3) did not; 4 and 6 had no token
    assert [str(row[0]) for row in completed] == ["2026-01-15 10:30:00", "2026-01-16 08:05:00", "2026-01-18 12:00:00"]


ERRORS = [
    ("wrong password", dict(password="wrong"), "ok", "refused user 'admin' and its password"),
    ("unknown survey", dict(survey_id=999999), "ok", "has no survey 999999"),
    ("inactive survey", dict(survey_id=INACTIVE_SID), "ok", "is not active"),
    ("API off", {}, "rpc_off", "API is switched off"),
    ("no permission", {}, "no_permission", "lacks the permission 'Responses: Export' on survey 246810"),
    ("no participant permission", {}, "no_participant_permission", "lacks the permission 'Participants: View/read'"),
    ("no password sign-in", {}, "no_password_sign_in", "global permission 'Use internal database authentication'"),
]


@pytest.mark.parametrize(("name", "options", "scenario", "words"), ERRORS, ids=[e[0] for e in ERRORS])
def test_each_failure_is_one_clear_line_and_lands_nothing(wave_con, fake_limesurvey, name, options, scenario, words):
    fake_limesurvey.scenario = scenario
    with pytest.raises(LimeSurveyProblem, match=words) as error:
        sync(wave_con, connection(fake_limesurvey.url, **options))
    assert "\n" not in str(error.value) and PASSWORD not in str(error.value)
    assert scalar(wave_con, "select count(*) from raw_submissions") == 0
    assert scalar(wave_con, "select count(*) from invitations") == 0
    run = last_run(wave_con, SURVEY)
    assert run is not None and run["outcome"] == "failed"


def test_an_unreachable_server_is_one_clear_line(wave_con):
    with pytest.raises(LimeSurveyProblem, match="Cannot reach LimeSurvey"):
        sync(wave_con, connection(closed_port_url()))
    assert scalar(wave_con, "select count(*) from raw_submissions") == 0


def test_a_server_that_does_not_answer_times_out(wave_con, fake_limesurvey):
    fake_limesurvey.scenario, fake_limesurvey.delay = "slow", 2.0
    with pytest.raises(LimeSurveyProblem, match=r"did not answer within 0.5 seconds"):
        sync(wave_con, connection(fake_limesurvey.url, timeout=0.5))
    assert scalar(wave_con, "select count(*) from raw_submissions") == 0


def test_settings_come_from_the_environment_and_never_show_the_password(monkeypatch):
    prefix = "CARERS_MONITOR_LIMESURVEY_CARER_EXPERIENCE_"
    for key, value in {"URL": "http://ls.invalid/rc", "USER": "u", "PASSWORD": "s3cret", "SURVEY_ID": "42"}.items():
        monkeypatch.setenv(prefix + key, value)
    conn = configured(SURVEY)
    assert conn is not None
    assert (conn.url, conn.user, conn.survey_id) == ("http://ls.invalid/rc", "u", 42)
    assert "s3cret" not in repr(conn)
    monkeypatch.delenv(prefix + "PASSWORD")
    with pytest.raises(LimeSurveyProblem, match=prefix + "PASSWORD"):
        configured(SURVEY)


def test_the_sync_command_prints_one_line_per_survey_and_fails_clearly(db_path, fake_limesurvey, monkeypatch, capsys):
    from pipelines.cli import main

    prefix = _configure(monkeypatch, fake_limesurvey.url)
    assert main(["--db", str(db_path), "sync-limesurvey", "--survey", SURVEY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("carer_experience: 5 responses read") and PASSWORD not in out
    monkeypatch.setenv(prefix + "PASSWORD", "wrong")
    assert main(["--db", str(db_path), "sync-limesurvey"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused user 'admin'" in err and "wrong" not in err


def test_the_admin_page_syncs_now_and_shows_the_last_result(app_env, db_path, fake_limesurvey, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboards.ui.access import User
    from tests.conftest import ROOT

    _configure(monkeypatch, fake_limesurvey.url)
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_limesurvey.py"), default_timeout=30)
    at.session_state["user"] = User("admin", "administrator")
    at.run()
    assert not at.exception and "Never synced." in [c.value for c in at.caption]
    at.button(key="sync_carer_experience").click().run()
    assert not at.exception
    assert as_read(at.success[0].value).startswith("carer_experience: 5 responses read")
    assert any(c.value.startswith("Last sync") and "(ok)" in c.value for c in at.caption)
    assert PASSWORD not in str([c.value for c in at.caption])


def test_the_admin_page_is_for_administrators_only(app_env, db_path):
    from streamlit.testing.v1 import AppTest

    from dashboards.ui.access import User
    from tests.conftest import ROOT

    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_limesurvey.py"), default_timeout=30)
    at.session_state["user"] = User("board1", "board")
    at.run()
    assert not at.success and not at.button


def test_the_organisation_default_fills_only_an_area_the_survey_did_not_ask():
    from pipelines.sources.limesurvey.mapping import load_mapping, map_response

    mapping = load_mapping(SURVEY)
    unmapped: set[str] = set()
    asked = map_response({"id": 7, "AREA": "E08000035", "since": "2019-03-01 00:00:00"}, mapping, unmapped, "E09000001")
    not_asked = map_response({"id": 8, "comments": "Hello"}, mapping, unmapped, "E09000001")
    empty = map_response({"id": 9, "comments": "", "relation": None}, mapping, unmapped, "E09000001")
    assert asked == {"AREA": "E08000035"} and not_asked["AREA"] == "E09000001"
    assert empty == {"DIFFERENCE": None, "RELATION": None}  # issue 19: never a default in an empty response
    assert unmapped == {"since"}


def _configure(monkeypatch, url: str) -> str:
    """Point the carer survey at the fake server through the environment, as an administrator would."""
    prefix = "CARERS_MONITOR_LIMESURVEY_CARER_EXPERIENCE_"
    settings = {"URL": url, "USER": USER, "PASSWORD": PASSWORD, "SURVEY_ID": str(ACTIVE_SID), "ORG": "E08000035"}
    for key, value in settings.items():
        monkeypatch.setenv(prefix + key, value)
    return prefix
