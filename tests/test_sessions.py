"""Sessions that end: idle and absolute timeouts on an injected clock, and an account changed under an open
session (password reset or change, role change, switched off), in the whole app through AppTest."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from accounts import users
from tests.conftest import APP_PASSWORD, ROOT, signed_in_app
from warehouse.connection import connect

MORNING = datetime(2026, 12, 2, 9, 0)


@pytest.fixture
def clock():
    """The app's clock, moved on by the test (it keeps ticking, so AppTest's own timeouts work)."""
    with time_machine.travel(MORNING) as traveller:
        yield traveller


def signed_in(at) -> bool:
    return "user" in at.session_state


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_a_session_ends_after_thirty_minutes_without_an_interaction_and_not_before(app_env, db_path, clock):
    app_env(db_path)
    at = signed_in_app(db_path, "chair", "board")
    clock.shift(timedelta(minutes=29))
    assert signed_in(at.run())
    clock.shift(timedelta(minutes=31))
    at.run()
    assert not signed_in(at)
    assert warnings(at) == [
        "You were signed out after 30 minutes without using Carers Monitor. Sign in again to carry on."
    ]
    assert "Signed in as" not in " ".join(c.value for c in at.sidebar.caption)


def test_a_session_ends_twelve_hours_after_signing_in_however_busy(app_env, db_path, clock):
    app_env(db_path)
    at = signed_in_app(db_path, "chair", "board")
    for _ in range(12 * 60 // 25):  # a step every 25 minutes: never idle
        clock.shift(timedelta(minutes=25))
        at.run()
    assert signed_in(at)
    clock.shift(timedelta(minutes=25))
    at.run()
    assert not signed_in(at) and warnings(at) == [
        "You were signed out 12 hours after signing in. Sign in again to carry on."
    ]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda con: users.reset_password(con, "chair", reset_by="admin"), id="password_reset"),
        pytest.param(lambda con: users.change_role(con, "chair", "administrator", by="admin"), id="role_change"),
        pytest.param(lambda con: users.switch(con, "chair", on=False, by="admin"), id="switched_off"),
    ],
)
def test_an_administrators_change_ends_the_accounts_open_session_at_its_next_step(app_env, db_path, change):
    app_env(db_path)
    at = signed_in_app(db_path, "chair", "board")
    con = connect(db_path)
    change(con)
    con.close()
    at.run()
    assert not signed_in(at)
    assert warnings(at)[0].startswith(("Your password or your role was changed", "Your account has been switched off"))


def test_changing_ones_own_password_keeps_this_session_and_ends_the_other(app_env, db_path):
    app_env(db_path)
    here = signed_in_app(db_path, "chair", "board")
    elsewhere = signed_in_app(db_path, "chair", "board")
    here.switch_page(str(ROOT / "dashboards/pages/account.py")).run()
    here.text_input(key="change_password_old").input(APP_PASSWORD)
    here.text_input(key="change_password_new").input("another long password")
    here.text_input(key="change_password_again").input("another long password")
    here.button[0].click().run()
    assert signed_in(here) and here.success[0].value.startswith("Your password has been changed.")
    assert signed_in(here.run())
    assert not signed_in(elsewhere.run())


def test_an_account_that_must_change_its_password_reaches_no_other_page_until_it_has(app_env, db_path):
    app_env(db_path)
    signed_in_app(db_path, "chair", "board")  # makes the account
    con = connect(db_path)
    users.reset_password(con, "chair", reset_by="admin")
    con.execute("update users set password_hash = ? where username = 'chair'", [users._hasher.hash(APP_PASSWORD)])
    con.close()
    at = signed_in_app(db_path, "chair", "board")
    assert at.session_state["must_change_password"] and [t.value for t in at.title] == ["Your account"]
    for page in ("plan_status.py", "carer_comments.py", "quarterly_review.py", "home.py"):
        # the app registers no other page for this session, so none can be opened, by menu or by address
        with pytest.raises(ValueError, match=r"Known pages: \['[^']*/dashboards/pages/account.py'\]"):
            at.switch_page(str(ROOT / "dashboards/pages" / page))
    at.text_input(key="change_password_old").input(APP_PASSWORD)
    at.text_input(key="change_password_new").input("another long password")
    at.text_input(key="change_password_again").input("another long password")
    at.button[0].click().run()
    at.switch_page(str(ROOT / "dashboards/pages/plan_status.py")).run()
    assert [t.value for t in at.title] == ["Plan publication status"]
