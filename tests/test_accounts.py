"""Accounts: argon2id hashes, sign-in, slow-down then lockout, change and reset, CLI, demo accounts, audit."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from accounts import throttle, users
from accounts.errors import AccountError, SignInRefused
from accounts.roles import ROLES
from pipelines.cli import main
from pipelines.demo.dataset import add_carers_orgs
from tests.conftest import ROOT, scalar
from warehouse.connection import connect

PASSWORD = "correct horse battery"


def no_pause(seconds: float) -> None:
    pass


def test_an_account_signs_in_with_its_password_only_and_stores_an_argon2id_hash(con):
    users.add_user(con, "Chair", "board", password=PASSWORD)
    assert users.authenticate(con, "chair", PASSWORD, pause=no_pause).role == "board"
    with pytest.raises(SignInRefused, match="username or password is not right"):
        users.authenticate(con, "chair", "wrong password", pause=no_pause)
    with pytest.raises(SignInRefused, match="username or password is not right"):
        users.authenticate(con, "nobody", PASSWORD, pause=no_pause)
    assert scalar(con, "select password_hash from users").startswith("$argon2id$")


def test_repeated_failures_slow_down_then_lock_the_account_until_an_administrator_resets_it(con):
    users.add_user(con, "chair", "board", password=PASSWORD)
    pauses: list[float] = []
    for attempt in range(throttle.LOCK_AFTER):
        with pytest.raises(SignInRefused):
            users.authenticate(con, "chair", f"guess {attempt}", pause=pauses.append)
    assert pauses == sorted(pauses) and pauses[0] < pauses[-1]
    with pytest.raises(SignInRefused, match="stopped for 15 minutes"):
        users.authenticate(con, "chair", PASSWORD, pause=no_pause)
    new = users.reset_password(con, "chair", reset_by="admin")
    account = users.authenticate(con, "chair", new, pause=no_pause)
    assert account.must_change_password


def test_changing_a_password_needs_the_old_one_and_a_long_enough_new_one(con):
    users.add_user(con, "chair", "board", password=PASSWORD)
    with pytest.raises(SignInRefused):
        users.change_password(con, "chair", "not the old one", "a brand new password")
    with pytest.raises(AccountError, match="at least"):
        users.change_password(con, "chair", PASSWORD, "short")
    users.change_password(con, "chair", PASSWORD, "a brand new password")
    assert users.authenticate(con, "chair", "a brand new password", pause=no_pause).username == "chair"


@pytest.mark.parametrize(
    "role, org, message",
    [
        pytest.param("carers_org", None, "must be bound", id="org_role_without_org"),
        pytest.param("commissioner", "DEMO01", "not a known", id="commissioner_bound_to_a_carers_org"),
        pytest.param("carers_org", "ZZZ", "not a known", id="unknown_code"),
        pytest.param("board", "5J9", "not bound", id="board_with_org"),
        pytest.param("superuser", None, "not a role", id="unknown_role"),
    ],
)
def test_an_account_is_refused_when_its_role_and_organisation_do_not_fit(con, role, org, message):
    add_carers_orgs(con, con.execute("select code, name from organisations where type = 'SHA'").fetchall())
    with pytest.raises(AccountError, match=message):
        users.add_user(con, "x", role, org_code=org, password=PASSWORD)


def test_the_command_line_adds_the_first_administrator_and_resets_a_password(db_path, capsys):
    assert main(["--db", str(db_path), "add-user", "admin", "--role", "administrator", "--name", "Ada"]) == 0
    first = capsys.readouterr().out.split("password (shown once; sign in and change it): ")[1].strip()
    assert main(["--db", str(db_path), "reset-password", "admin"]) == 0
    second = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    con = connect(db_path)
    with pytest.raises(SignInRefused):
        users.authenticate(con, "admin", first, pause=no_pause)
    assert users.authenticate(con, "admin", second, pause=no_pause).role == "administrator"
    con.close()
    assert main(["--db", str(db_path), "add-user", "org", "--role", "carers_org"]) == 1


def test_demo_data_gets_one_demo_account_per_role_bound_to_demo_and_real_codes(con):
    add_carers_orgs(con, con.execute("select code, name from organisations where type = 'SHA'").fetchall())
    made = users.add_demo_accounts(con)
    assert sorted(role for _, role, _, _ in made) == sorted(ROLES)
    bound = dict(con.execute("select role, org_code from users where is_demo").fetchall())
    assert bound["carers_org"] == "DEMO01"
    assert scalar(con, "select type from organisations where code = ?", [bound["commissioner"]]) == "PCT"
    assert users.add_demo_accounts(con) == []  # a second run adds nothing


def test_the_audit_log_records_sign_ins_failures_and_resets_with_who_and_when(con):
    users.add_user(con, "chair", "board", password=PASSWORD, added_by="admin")
    users.authenticate(con, "chair", PASSWORD, pause=no_pause)
    with pytest.raises(SignInRefused):
        users.authenticate(con, "chair", "nope nope nope", pause=no_pause)
    users.reset_password(con, "chair", reset_by="admin")
    log = con.execute("select username, action, detail, logged_at from audit_log order by audit_id").fetchall()
    assert [(u, a) for u, a, _, _ in log] == [
        ("admin", "user_added"),
        ("chair", "sign_in"),
        ("chair", "sign_in_failed"),
        ("admin", "password_reset"),
    ]
    assert json.loads(log[2][2])["reason"] == "wrong password"
    assert all(row[3] is not None for row in log)


def test_the_sign_in_page_signs_a_user_in_and_shows_a_refusal_otherwise(app_env, db_path, monkeypatch):
    monkeypatch.setattr(throttle, "PAUSE_PER_FAILURE", 0)
    con = connect(db_path)
    users.add_user(con, "chair", "board", password=PASSWORD)
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/sign_in.py"), default_timeout=60).run()
    at.text_input(key="sign_in_username").input("chair")
    at.text_input(key="sign_in_password").input("wrong password")
    at.button[0].click().run()
    assert "not right" in at.error[0].value
    assert "user" not in at.session_state
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    assert at.session_state["user"].role == "board"


def _accounts_page_with_chair(app_env, db_path) -> AppTest:
    """The Accounts page, open to an administrator, on a database with one Board member's account."""
    from dashboards.ui.access import User

    con = connect(db_path)
    users.add_user(con, "chair", "board", password=PASSWORD)
    con.close()
    app_env(db_path)
    at = AppTest.from_file(str(ROOT / "dashboards/pages/admin_accounts.py"), default_timeout=60)
    at.session_state["user"] = User("admin", "administrator")
    return at.run()


def test_an_administrator_resets_a_password_on_the_accounts_page_and_it_is_shown_once(app_env, db_path):
    at = _accounts_page_with_chair(app_env, db_path)
    at.selectbox(key="admin_accounts_reset_user").set_value("chair").run()
    at.button(key="admin_accounts_reset").click().run()
    new = at.success[0].value.split("`")[1]
    con = connect(db_path)
    assert users.authenticate(con, "chair", new, pause=no_pause).must_change_password
    assert scalar(con, "select username from audit_log where action = 'password_reset'") == "admin"
    con.close()


def test_an_administrator_switches_an_account_off_and_on_and_changes_its_role_on_the_accounts_page(app_env, db_path):
    at = _accounts_page_with_chair(app_env, db_path)
    at.selectbox(key="admin_accounts_switch_user").set_value("chair").run()
    at.button(key="admin_accounts_switch").click().run()
    assert at.success[0].value == "chair is switched off."
    assert "Switched off" in list(at.dataframe[0].value["Account"])
    at.selectbox(key="admin_accounts_switch_user").set_value("chair").run()
    assert at.button(key="admin_accounts_switch").label == "Switch on"
    at.button(key="admin_accounts_switch").click().run()
    at.selectbox(key="admin_accounts_role_user").set_value("chair")
    at.selectbox(key="admin_accounts_new_role").set_value("administrator")
    at.button[-1].click().run()
    con = connect(db_path)
    assert users.account(con, "chair").role == "administrator" and not users.account(con, "chair").disabled
    actions = [
        a for (a,) in con.execute("select action from audit_log where username = 'admin' order by audit_id").fetchall()
    ]
    assert actions == ["account_switched_off", "account_switched_on", "role_changed"]
    con.close()
