from datetime import date, timedelta

import pytest

from pipelines.errors import WaveClosed
from pipelines.landing.land import land
from pipelines.outreach.contacts import add_demo_contacts, contacts_of
from pipelines.outreach.waves import WaveScopeError, close_wave, open_wave, wave_scope
from tests.conftest import scalar

TODAY = date.today()


def pcts(con, n):
    return [
        r[0]
        for r in con.execute("select code from organisations where type = 'PCT' order by code limit ?", [n]).fetchall()
    ]


def a_return(code):
    return {"COMMISSIONER": code, "PLANSTATUS": "WILL", "WORKSWITH": "N", "_source_id": f"{code}:web"}


def test_opening_a_wave_records_its_dates_and_the_organisations_asked(con):
    codes = pcts(con, 3)
    wave = open_wave(con, "commissioner_return", "2011-Q3", TODAY, TODAY + timedelta(days=30), codes)
    assert wave_scope(con, wave) == sorted(codes)
    assert scalar(con, "select closes from waves where wave_id = ?", [wave]) == TODAY + timedelta(days=30)
    assert scalar(con, "select count(*) from audit_log where action = 'open_wave'") == 1


def test_opening_a_wave_refuses_an_organisation_code_that_does_not_exist(con):
    with pytest.raises(WaveScopeError, match="ZZZ"):
        open_wave(con, "commissioner_return", "2011-Q3", TODAY, TODAY, ["ZZZ"])


def test_a_carer_sample_is_kept_as_references_with_area_age_band_and_sex(con):
    sample = [{"sample_ref": "S1", "area": "E08000016", "age_band": "5", "sex": "F", "address": "1 High St"}]
    wave = open_wave(con, "carer_experience", "2011-Q3", TODAY, TODAY, sample)
    assert con.execute(
        "select sample_ref, area, age_band, sex from wave_scope where wave_id = ?", [wave]
    ).fetchall() == [("S1", "E08000016", "5", "F")]


def test_a_closed_wave_refuses_a_web_submission_and_takes_paper_flagged_late(con):
    code = pcts(con, 1)[0]  # a PCT: it answers for 2011-Q3, in its own time
    wave = open_wave(con, "commissioner_return", "2011-Q3", date(2011, 7, 1), date(2011, 9, 30), [code])
    close_wave(con, wave, closed_by="admin")
    with pytest.raises(WaveClosed, match="closed"):
        land(con, "commissioner_return", [a_return(code)], source="web", wave_id=wave)
    land(con, "commissioner_return", [a_return(code)], source="paper", wave_id=wave)
    assert scalar(con, "select late from response_commissioner_return where wave_id = ?", [wave]) is True


def test_demo_contacts_are_at_example_org_only(con):
    codes = pcts(con, 2)
    assert add_demo_contacts(con, codes) == 2
    assert all(email.endswith("@example.org") for email in contacts_of(con, codes[0]))
