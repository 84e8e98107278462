import shutil

from pipelines.demo.dataset import generate, remove_demo
from tests.conftest import scalar
from warehouse.connection import connect

CONTENT = {
    "response_carer_experience": (
        "select * exclude (response_id, raw_id, batch_id, wave_id, landed_at) "
        "from response_carer_experience order by source_id"
    ),
    "response_commissioner_return": (
        "select * exclude (response_id, raw_id, batch_id, wave_id, landed_at) "
        "from response_commissioner_return order by source_id"
    ),
    "response_org_rating": (
        "select * exclude (response_id, raw_id, batch_id, wave_id, landed_at) "
        "from response_org_rating order by source_id"
    ),
}


def test_demo_data_is_reproducible_for_a_seed(reference_db, tmp_path):
    results = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.duckdb"
        shutil.copy(reference_db, path)
        con = connect(path)
        generate(con, carers=300, seed=42)
        results.append({table: con.execute(sql).fetchall() for table, sql in CONTENT.items()})
        con.close()
    assert results[0] == results[1]
    assert len(results[0]["response_carer_experience"]) == 300


def test_running_demo_twice_adds_nothing_and_remove_takes_it_all_away(con):
    generate(con, carers=200, seed=1)
    before = scalar(con, "select count(*) from raw_submissions")
    assert generate(con, carers=200, seed=1) == {
        "commissioner_return": 0,
        "org_rating": 0,
        "carer_experience": 0,
        "board actions": 0,
    }
    assert scalar(con, "select count(*) from raw_submissions") == before
    remove_demo(con)
    for table in ("response_carer_experience", "response_org_rating", "raw_submissions", "waves", "import_batches"):
        assert scalar(con, f"select count(*) from {table}") == 0, table
    assert scalar(con, "select count(*) from organisations where type = 'carers_org'") == 0
    assert scalar(con, "select count(*) from organisations where type = 'PCT'") == 151


def test_first_wave_is_shaped_like_the_2011_findings(demo_db):
    con = connect(demo_db, read_only=True)
    shares = dict(
        con.execute("""
        select PLANSTATUS, round(100.0 * count(*) / sum(count(*)) over ()) from response_commissioner_return
        join waves using (wave_id) where period = '2011-Q2' group by all
    """).fetchall()
    )
    assert shares == {"PUB": 9, "WILL": 54, "NOUPD": 37}
    claims = scalar(
        con,
        """select round(100.0 * avg((WORKSWITH = 'Y')::int)) from response_commissioner_return
        join waves using (wave_id) where period = '2011-Q2'""",
    )
    not_engaged = scalar(
        con,
        """select round(100.0 * avg(all_zero::int)) from (
        select COMMISSIONER, bool_and(ENGAGEMENT = '0') as all_zero from response_org_rating
        join waves using (wave_id) where period = '2011-Q2' group by all)""",
    )
    assert (claims, not_engaged) == (82, 40)
    twice = scalar(
        con,
        """select count(*) from organisations o where type = 'PCT' and not exists (
        select 1 from response_commissioner_return r join waves w using (wave_id)
        where r.COMMISSIONER = o.code and w.period in ('2011-Q2', '2011-Q3'))""",
    )
    assert twice >= 12


def test_demo_on_a_new_database_loads_the_reference_organisations_first(tmp_path):
    # issue 13: `demo` on a new file failed with "ValueError: a cannot be empty unless no samples are taken"

    from tests.conftest import run_cli

    path = tmp_path / "new.duckdb"
    done = run_cli(path, "demo", "--carers", "60")
    assert done.returncode == 0, done.stderr
    assert "reference data loaded" in done.stdout and "60 carer_experience" in done.stdout
