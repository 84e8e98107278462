import shutil

from pipelines.demo.waves import scope_demo_waves
from tests.conftest import scalar
from warehouse.connection import connect


def test_demo_waves_show_non_response_and_the_same_silent_pcts_as_repeat_non_responders(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    assert scope_demo_waves(con) == 0  # the demo already scoped its waves
    assert scalar(con, "select count(*) from wave_scope") == 4 * 151 + 4 * 20
    per_wave = con.execute(
        "select period, count(*), count(*) filter (where not responded) from mart_non_response "
        "where survey_code = 'commissioner_return' group by period order by period"
    ).fetchall()
    assert [n for _, n, _ in per_wave] == [151] * 4
    assert all(missing >= 12 for _, _, missing in per_wave)
    repeats = con.execute(
        "select period, count(*) from mart_repeat_non_responders where survey_code = 'commissioner_return' "
        "group by period order by period"
    ).fetchall()
    assert [p for p, _ in repeats] == ["2011-Q3", "2011-Q4", "2012-Q1"]
    assert all(n >= 12 for _, n in repeats)
    assert scalar(con, "select count(*) from org_contacts where email not like '%@example.org'") == 0
    con.close()
