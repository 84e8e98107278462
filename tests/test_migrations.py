import surveys
from pipelines.landing.typed_columns import typed_columns
from tests.conftest import scalar
from warehouse.connection import connect
from warehouse.migrate import available, migrate


def test_migrations_apply_to_an_empty_database(tmp_path):
    con = connect(tmp_path / "empty.duckdb")
    applied = migrate(con)
    assert applied == [path.name for _, _, path in available()]
    assert scalar(con, "select count(*) from schema_version") == len(applied)


def test_migrations_apply_nothing_to_a_migrated_database(con):
    before = scalar(con, "select count(*) from schema_version")
    assert migrate(con) == []
    assert scalar(con, "select count(*) from schema_version") == before


def test_migration_numbers_are_unique_and_in_order():
    numbers = [number for number, _, _ in available()]
    assert numbers == sorted(set(numbers))


def test_typed_tables_have_a_column_for_every_answer_in_the_definitions(con):
    for survey in surveys.all_surveys():
        columns = {
            name.lower(): kind.lower()
            for name, kind in con.execute(
                "select column_name, data_type from information_schema.columns where table_name = ?",
                [f"response_{survey.code}"],
            ).fetchall()
        }
        for column, kind in typed_columns(survey):
            assert columns.get(column.lower()) == kind.replace(" ", "").lower().replace(
                "decimal(18,2)", "decimal(18,2)"
            ), column


def test_reference_data_loads_the_real_organisations(con):
    counts = dict(con.execute("select type, count(*) from organisations group by type").fetchall())
    assert counts == {"SHA": 10, "PCT": 151, "CCG": 248, "ICB": 42, "NHS_REGION": 7, "LA": 161}
    assert scalar(con, "select count(*) from org_successions") == 497
    assert scalar(con, "select name from organisations where code = '5ND'") == "County Durham PCT"
