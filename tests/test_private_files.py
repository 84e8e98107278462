"""Files with carers' data: exports are the owner's alone, the app leaves no copy in the temporary folder, and
letters made twice for one sample leave one working code per carer."""

from __future__ import annotations

import stat
import tempfile
from datetime import date, timedelta

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboards.ui.access import User
from pipelines.outreach.letters import make_invitation_letters
from pipelines.outreach.tokens import find_invitation
from pipelines.outreach.waves import open_wave
from tests.conftest import ROOT, run_cli, scalar
from warehouse.connection import connect

URL = "https://monitor.example.org"


def sample(count: int = 3) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sample_ref": [f"BAR{i:04d}" for i in range(count)],
            "address": [f"Carer {i} (fictional)|{i} Example Street|Barnsley|S70 9ZZ" for i in range(count)],
        },
        dtype="string",
    )


def test_letters_made_twice_for_one_sample_leave_one_working_code_per_carer(con, tmp_path):
    today = date.today()
    wave = open_wave(con, "carer_experience", "2011-Q3", today, today + timedelta(days=30), [])
    make_invitation_letters(con, wave, sample(), tmp_path / "first.pdf", public_url=URL)
    first = [r[0] for r in con.execute("select token_hash from invitations order by sample_ref").fetchall()]
    make_invitation_letters(con, wave, sample(), tmp_path / "second.pdf", public_url=URL)
    assert scalar(con, "select count(*) from invitations where wave_id = ?", [wave]) == 3
    second = [r[0] for r in con.execute("select token_hash from invitations order by sample_ref").fetchall()]
    assert not set(first) & set(second)
    check = (ROOT / "warehouse" / "checks" / "one_invitation_per_addressee.sql").read_text()
    assert con.execute(check).fetchall() == []
    assert scalar(con, "select count(*) from wave_scope where wave_id = ?", [wave]) == 3
    assert find_invitation(con, "NOT-A-CODE") is None
    assert stat.S_IMODE((tmp_path / "second.pdf").stat().st_mode) == 0o600


def test_the_import_template_written_by_the_cli_is_the_owners_alone(db_path, tmp_path):
    done = run_cli(db_path, "template", "--survey", "carer_experience", "--out", str(tmp_path / "t"))
    assert done.returncode == 0, done.stderr
    written = list((tmp_path / "t").iterdir())
    assert len(written) == 3 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)


def test_an_import_through_the_page_leaves_nothing_in_the_temporary_folder(app_env, db_path, tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    con = connect(db_path)
    today = date.today()
    open_wave(con, "commissioner_return", "2011-Q3", today, today + timedelta(days=9), ["5A3"])
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_import.py"), default_timeout=60)
    at.session_state["user"] = User("admin", "administrator")
    at.run()
    at.selectbox(key="import_survey").select("commissioner_return")
    at.run()
    at.selectbox(key="import_wave").select_index(0)
    content = "COMMISSIONER,PLANSTATUS,WORKSWITH\n5A3,NONE,N\n"
    at.file_uploader(key="import_file").upload("returns.csv", content.encode(), "text/csv").run()
    at.button(key="import_go").click().run()
    assert not at.exception, at.exception
    con = connect(db_path)
    landed = scalar(con, "select count(*) from import_batches where source = 'file'")
    con.close()
    assert landed == 1
    assert list(scratch.iterdir()) == []


def test_letters_made_on_the_waves_page_leave_nothing_in_the_temporary_folder(app_env, db_path, tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("CARERS_MONITOR_PUBLIC_URL", "https://carers.example.gov.uk")
    con = connect(db_path)
    today = date.today()
    open_wave(
        con, "carer_experience", f"{today.year}-Q{(today.month - 1) // 3 + 1}", today, today + timedelta(days=9), []
    )
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_waves.py"), default_timeout=60)
    at.session_state["user"] = User("admin", "administrator")
    at.run()
    sample = "reference,address\nS1,1 High Street|Hartlepool|TS24 7AA\nS2,2 High Street|Hartlepool|TS24 7AB\n"
    at.file_uploader(key="letters").upload("sample.csv", sample.encode(), "text/csv").run()
    next(b for b in at.button if b.label == "Make the letters").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [getattr(d, "label", None) for d in at.get("download_button")] == ["Download 2 letter(s) (PDF)"]
    assert list(scratch.iterdir()) == []  # neither the addresses nor the letters are left behind
