"""Redaction and themes of carers' comments; the public page shows published waves only, without sign-in."""

import shutil

from streamlit.testing.v1 import AppTest

from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave
from tests.conftest import ROOT, scalar
from warehouse.connection import connect


def test_comments_lose_names_contacts_postcodes_and_nhs_numbers_and_take_themes(con):
    text = (
        "Mrs Khan and Margaret Jones from Social Services never call back on 01632 960123; write to "
        "a.carer@example.org or BS1 4DJ. NHS number 943 476 5919. I need a break and more money."
    )
    land(
        con,
        "carer_experience",
        [{"AREA": "E06000001", "DIFFERENCE": text}],
        source="file",
        wave_id=ensure_wave(con, "carer_experience", "2024-Q1"),
    )
    comment, themes = con.execute("select comment, themes from mart_carer_comments").fetchall()[0]
    assert comment == (
        "[name removed] and [name removed] from Social Services never call back on [phone removed]; "
        "write to [email removed] or [postcode removed]. NHS number [NHS number removed]. "
        "I need a break and more money."
    )
    assert themes == ["breaks", "money"]
    assert scalar(con, "select count(*) from mart_comment_themes where not suppressed") == 0  # 1 comment < 5


def test_demo_first_wave_reads_like_the_2011_findings(demo_db):
    con = connect(demo_db, read_only=True)
    shares = dict(
        con.execute(
            "select status, round(pct_of_responders) from mart_plan_status "
            "where period = '2011-Q2' and status in ('PUB', 'WILL', 'NOUPD')"
        ).fetchall()
    )
    claiming, not_engaged = con.execute(
        "select round(claiming_pct), round(not_engaged_pct) from mart_coproduction_headlines where period = '2011-Q2'"
    ).fetchall()[0]
    con.close()
    assert shares == {"PUB": 9, "WILL": 54, "NOUPD": 37}
    assert (claiming, not_engaged) == (82, 40)


def test_the_public_page_lists_a_published_wave_and_never_an_unpublished_one(app_env, demo_db, tmp_path):
    path = tmp_path / "public.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    con.execute(
        "update waves set published_at = current_timestamp "
        "where period = '2011-Q3' and survey_code = 'commissioner_return'"
    )
    con.close()
    app_env(path)
    at = AppTest.from_file(
        str(ROOT / "dashboards/pages/public_results.py"), default_timeout=60
    ).run()  # nobody signed in
    assert not at.exception
    assert [o for o in at.selectbox(key="public_results_wave").options] == ["2011-12 Q2 (July to September 2011)"]
    assert len(at.dataframe[-1].value) == 151  # every commissioner, last, after the headlines and find your area
