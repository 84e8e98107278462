"""Data checks beside the marts (dbt style): each query in warehouse/checks/ must return no rows."""

import pytest

from tests.conftest import ROOT
from warehouse.connection import connect

CHECKS = sorted((ROOT / "warehouse" / "checks").glob("*.sql"))


@pytest.mark.parametrize("check", CHECKS, ids=[c.stem for c in CHECKS])
def test_data_check_finds_nothing_in_the_demo_data(demo_db, check):
    con = connect(demo_db, read_only=True)
    try:
        assert con.execute(check.read_text()).fetchall() == []
    finally:
        con.close()
