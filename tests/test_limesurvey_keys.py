"""Issue 19 against the loopback fake: keys per server and survey, a token's responses as one response,
incomplete responses marked and out of the marts, the re-keying migration, and the settings' refusals."""

from __future__ import annotations

import shutil

import pytest

from pipelines.outreach.waves import ensure_wave
from pipelines.sources.limesurvey.client import LimeSurveyProblem, configured
from pipelines.sources.limesurvey.sync import sync
from tests.conftest import scalar
from tests.fake_limesurvey import COPY_SID
from tests.test_limesurvey import SURVEY, _configure, connection, key
from warehouse.connection import connect
from warehouse.marts import create_marts
from warehouse.migrate import available, migrate


@pytest.fixture
def wave_con(con):
    ensure_wave(con, SURVEY, "2026-Q1")
    return con


def current(con, source_id: str) -> list[tuple]:
    return con.execute(
        "select version, is_current, DIFFERENCE from response_carer_experience where source_id = ? order by version",
        [source_id],
    ).fetchall()


@pytest.mark.parametrize("wave", ["2026-Q1", None], ids=["one wave", "no wave"])
def test_two_surveys_synced_together_never_collide(wave_con, fake_limesurvey, wave):
    # issue 19: a council's survey imported again (or a copy run by another organisation) numbers from 1 too
    fake_limesurvey.add(to=COPY_SID, comments="The copy's first answer")
    first = sync(wave_con, connection(fake_limesurvey.url, wave=wave))
    second = sync(wave_con, connection(fake_limesurvey.url, survey_id=COPY_SID, wave=wave))
    assert first.landed is not None and second.landed is not None
    assert second.landed.landed == 1 and second.landed.new_versions == 0
    assert current(wave_con, key(fake_limesurvey, 1)) == [
        (1, True, "Respite care made a big difference.\nI wish it was easier to book.")
    ]
    assert current(wave_con, key(fake_limesurvey, 1, COPY_SID)) == [(1, True, "The copy's first answer")]


def test_a_returning_token_is_one_response_whose_latest_submission_is_current(wave_con, fake_limesurvey):
    # issue 19: with token answers not persistent, a participant coming back starts a second response
    alex = fake_limesurvey.responses[0]["token"]
    sync(wave_con, connection(fake_limesurvey.url))
    again = fake_limesurvey.add(token=alex, comments="Second go, same link", submitdate="2026-02-02 10:00:00")
    result = sync(wave_con, connection(fake_limesurvey.url))
    assert result.landed is not None and result.landed.new_versions == 1
    assert current(wave_con, key(fake_limesurvey, 1)) == [
        (1, False, "Respite care made a big difference.\nI wish it was easier to book."),
        (2, True, "Second go, same link"),
    ]
    assert (
        scalar(wave_con, "select count(*) from raw_submissions where source_id = ?", [key(fake_limesurvey, again)]) == 0
    )


def test_a_returning_tokens_empty_start_never_replaces_its_submitted_answer(wave_con, fake_limesurvey):
    alex = fake_limesurvey.responses[0]["token"]
    empty = {k: None for k in fake_limesurvey.responses[0] if k not in ("id", "token", "seed", "startlanguage")}
    fake_limesurvey.add(token=alex, **empty)  # opened the link again, answered nothing
    result = sync(wave_con, connection(fake_limesurvey.url), include_incomplete=True)
    assert result.responses_read == 7  # 6 responses, the 7th a new start of Alex's: both land, the answer last
    rows = current(wave_con, key(fake_limesurvey, 1))
    assert rows == [(1, False, None), (2, True, "Respite care made a big difference.\nI wish it was easier to book.")]


def test_incomplete_responses_are_marked_and_an_empty_one_gets_no_default(wave_con, fake_limesurvey):
    empty = {k: None for k in fake_limesurvey.responses[0] if k not in ("id", "token", "seed", "startlanguage")}
    fake_limesurvey.add(**empty)
    sync(wave_con, connection(fake_limesurvey.url), include_incomplete=True)
    rows = {
        source_id: rest
        for source_id, *rest in wave_con.execute(
            "select source_id, is_complete, AREA from response_carer_experience where source = 'limesurvey'"
        ).fetchall()
    }
    assert rows[key(fake_limesurvey, 3)] == [False, "E08000035"]  # Jo's: started, not submitted
    assert rows[key(fake_limesurvey, 7)] == [False, None]  # issue 19: no `org` default in an empty response
    assert rows[key(fake_limesurvey, 1)] == [True, "E08000035"]


def test_a_response_submitted_since_its_unfinished_sync_lands_complete(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url), include_incomplete=True)
    fake_limesurvey.edit(3, submitdate="2026-02-01 09:00:00", saved_at=None)  # the same answers, now submitted
    result = sync(wave_con, connection(fake_limesurvey.url), include_incomplete=True)
    assert result.landed is not None and result.landed.new_versions == 1
    assert wave_con.execute(
        "select version, is_complete from response_carer_experience where source_id = ? and is_current",
        [key(fake_limesurvey, 3)],
    ).fetchall() == [(2, True)]


def rows_of(con, view: str) -> list[str]:
    """A view's rows in an order of their own (views need not sort)."""
    return sorted(map(repr, con.execute(f'select * from "{view}"').fetchall()))


def test_no_mart_counts_an_incomplete_response(demo_db, tmp_path, fake_limesurvey):
    # issue 19: an unfinished response is kept (marked) but is nobody's answer
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    period = con.execute("select period from waves where survey_code = ? order by opens limit 1", [SURVEY]).fetchall()
    marts = [name for (name,) in con.execute("select view_name from duckdb_views() where not internal").fetchall()]
    before = {name: rows_of(con, name) for name in marts}
    for response in fake_limesurvey.responses:
        response.update(submitdate=None, AREA="E08000035")
    result = sync(con, connection(fake_limesurvey.url, wave=period[0][0]), include_incomplete=True)
    assert result.landed is not None and result.landed.landed == 6
    changed = [name for name in marts if rows_of(con, name) != before[name]]
    assert changed == ["int_raw_rows"]  # the administrators' view of every raw row as received, and only it
    con.close()


def test_the_key_migration_keeps_every_version_and_makes_each_surveys_latest_current(reference_db, tmp_path):
    # issue 19: at migration 0070, survey 246811's response 1 had landed as version 2 of survey 246810's
    path = tmp_path / "at_0070.duckdb"
    con = connect(path)
    pending = [m for m in available() if m[0] >= 71]
    con.execute(
        "create table schema_version (version integer primary key, name varchar not null, applied_at timestamp)"
    )
    for number, name, file in available():
        if number < 71:
            con.execute(file.read_text())
            con.execute("insert into schema_version (version, name) values (?, ?)", [number, name])
    url = "https://Survey.Example.org/index.php/admin/remotecontrol"
    for batch, sid, version, answer in [(1, 246810, 1, "first survey"), (2, 246811, 2, "second survey")]:
        con.execute(
            "insert into limesurvey_sync (survey_code, server_url, limesurvey_survey_id, outcome, batch_id) "
            "values (?, ?, ?, 'ok', ?)",
            [SURVEY, url, sid, batch],
        )
        con.execute(
            "insert into raw_submissions (raw_id, batch_id, survey_code, source, source_id, content_hash, "
            "row_number, payload) values (?, ?, ?, 'limesurvey', '1', ?, 1, '[]')",
            [batch, batch, SURVEY, answer],
        )
        con.execute(
            "insert into response_carer_experience (raw_id, batch_id, survey_version, source, source_id, version, "
            "is_current, DIFFERENCE) values (?, ?, 1, 'limesurvey', '1', ?, ?, ?)",
            [batch, batch, version, version == 2, answer],
        )
    assert [name for _, name, _ in pending] == [name.removesuffix(".sql")[5:] for name in migrate(con)]
    rows = con.execute(
        "select source_id, version, is_current, is_complete, DIFFERENCE from response_carer_experience order by 1"
    ).fetchall()
    assert rows == [
        ("survey.example.org/246810/1", 1, True, True, "first survey"),
        ("survey.example.org/246811/1", 1, True, True, "second survey"),
    ]
    raw = con.execute("select source_id from raw_submissions order by raw_id").fetchall()
    assert raw == [("survey.example.org/246810/1",), ("survey.example.org/246811/1",)]
    create_marts(con, 5)
    con.close()


def test_a_sync_after_the_key_migration_lands_nothing_again(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url))
    wave_con.execute("update limesurvey_seen set answers_hash = null")  # as migration 0071 leaves them
    again = sync(wave_con, connection(fake_limesurvey.url))
    assert again.landed is not None and again.landed.already_present == 5 and again.landed.landed == 0


def test_a_survey_whose_questions_are_none_of_ours_is_refused(wave_con, fake_limesurvey):
    # issue 19: the right server, the wrong survey id: nothing of ours in it, so nothing lands
    ensure_wave(wave_con, "org_rating", "2026-Q1")
    conn = connection(fake_limesurvey.url)
    wrong = type(conn)("org_rating", conn.url, conn.user, conn.password, conn.survey_id, wave="2026-Q1")
    with pytest.raises(LimeSurveyProblem, match=r"survey 246810 at .* has none of the questions of org_rating"):
        sync(wave_con, wrong)
    assert scalar(wave_con, "select count(*) from raw_submissions") == 0


def test_the_sync_asks_only_for_what_the_documented_permissions_allow(wave_con, fake_limesurvey):
    sync(wave_con, connection(fake_limesurvey.url))
    methods = {method for method, _ in fake_limesurvey.calls}
    assert methods == {"get_session_key", "export_responses", "list_participants", "release_session_key"}


SETTINGS = [
    pytest.param("SURVEY_ID", "24681O", "survey id '24681O'", id="survey id not a number"),
    pytest.param("URL", "survey.example.org/index.php/admin/remotecontrol", "does not start with http", id="no scheme"),
]


@pytest.mark.parametrize(("setting", "value", "words"), SETTINGS)
def test_a_setting_that_cannot_work_is_one_sentence(
    db_path, fake_limesurvey, monkeypatch, capsys, setting, value, words
):
    from pipelines.cli import main

    prefix = _configure(monkeypatch, fake_limesurvey.url)
    monkeypatch.setenv(prefix + setting, value)
    with pytest.raises(LimeSurveyProblem, match=words):
        configured(SURVEY)
    assert main(["--db", str(db_path), "sync-limesurvey"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and value in err and "Traceback" not in err


def test_a_wave_missing_for_one_instrument_stops_only_that_one(db_path, fake_limesurvey, monkeypatch, capsys):
    from pipelines.cli import main

    con = connect(db_path)
    ensure_wave(con, SURVEY, "2026-Q1")
    con.close()
    _configure(monkeypatch, fake_limesurvey.url)
    monkeypatch.setenv("CARERS_MONITOR_LIMESURVEY_CARER_EXPERIENCE_WAVE", "2026-Q1")
    for name, value in {
        "URL": fake_limesurvey.url,
        "USER": "admin",
        "PASSWORD": "x",
        "SURVEY_ID": "1",
        "WAVE": "2031-Q4",
    }.items():
        monkeypatch.setenv(f"CARERS_MONITOR_LIMESURVEY_COMMISSIONER_RETURN_{name}", value)
    assert main(["--db", str(db_path), "sync-limesurvey"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("carer_experience: 5 responses read")
    assert (
        captured.err
        == "commissioner_return: There is no commissioner_return wave for 2031-Q4; an administrator opens waves.\n"
    )
