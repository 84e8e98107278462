"""Sign-in under attack: guesses sent together, names that do not exist, locks nobody can renew,
and nothing typed by an outsider kept (accounts/throttle.py)."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest
import time_machine

from accounts import throttle, users
from accounts.errors import SignInRefused
from tests.conftest import scalar

PASSWORD = "correct horse battery"
WRONG = "The username or password is not right. Check them and try again."


def no_pause(seconds: float) -> None:
    pass


def outcome(con, name: str, password: str) -> str:
    """What the person reads: 'signed in', or the refusal's sentence (the lock's time of day left out)."""
    try:
        users.authenticate(con, name, password, pause=no_pause)
    except SignInRefused as refusal:
        return str(refusal).split(" Try again after")[0]
    return "signed in"


def test_fifty_guesses_sent_together_count_fifty_failures_and_lock_the_account_before_the_right_password(con):
    users.add_user(con, "chair", "board", password=PASSWORD)
    start = threading.Barrier(50)
    said: list[str] = []
    crashed: list[BaseException] = []

    def guess(number: int) -> None:
        cursor = con.cursor()  # a browser session's own cursor, as the app gives each
        start.wait()
        try:
            said.append(outcome(cursor, "chair", f"guess number {number}"))
        except BaseException as error:  # a database conflict, say: what the race used to give
            crashed.append(error)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashed == []
    assert said.count(WRONG) == throttle.LOCK_AFTER - 1 and len(said) == 50  # then locked, the rest refused as such
    failures = "select count(*) from audit_log where action = 'sign_in_failed' and username = 'chair'"
    assert scalar(con, failures) == 50
    assert outcome(con, "chair", PASSWORD).startswith("Sign-in with this username is stopped for 15 minutes")
    assert scalar(con, "select count(*) from audit_log where action = 'sign_in'") == 0


def test_a_name_without_an_account_is_answered_word_for_word_as_a_real_one(con):
    users.add_user(con, "chair", "board", password=PASSWORD)
    known = [outcome(con, "chair", f"wrong {n}") for n in range(7)]
    unknown = [outcome(con, "nobody-here", f"wrong {n}") for n in range(7)]
    assert known == unknown
    assert known[0] == WRONG and known[-1].startswith("Sign-in with this username is stopped")


def test_known_and_unknown_names_take_the_same_time_within_ten_percent_over_twenty_tries(con):
    users.add_user(con, "chair", "board", password=PASSWORD)

    def pause(seconds: float) -> None:
        time.sleep(seconds / 100)  # the real pauses, shortened, so the test takes seconds rather than minutes

    def took(name: str, attempt: int) -> float:
        started = time.perf_counter()
        with pytest.raises(SignInRefused):
            users.authenticate(con, name, f"wrong {attempt}", pause=pause)
        return time.perf_counter() - started

    # twenty tries of each name, three times over from a clean slate, the two names' n-th tries back to back;
    # each try's quickest of the three: what a busy machine adds to one run falls out
    best: dict[str, list[float]] = {"chair": [float("inf")] * 20, "nobody-here": [float("inf")] * 20}
    for _ in range(3):
        for name in best:
            throttle.clear(con, name)
        for attempt in range(20):
            for name in ("chair", "nobody-here") if attempt % 2 else ("nobody-here", "chair"):
                best[name][attempt] = min(best[name][attempt], took(name, attempt))
    known, unknown = sum(best["chair"]), sum(best["nobody-here"])
    assert abs(known - unknown) / max(known, unknown) < 0.10, (known, unknown)


def test_attempts_during_a_lock_do_not_renew_it_and_one_wrong_attempt_after_it_does_not_lock_again(con):
    users.add_user(con, "chair", "board", password=PASSWORD)
    start = datetime(2026, 12, 2, 9, 0)
    with time_machine.travel(start, tick=False):
        for n in range(throttle.LOCK_AFTER):
            outcome(con, "chair", f"attacker {n}")
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert outcome(con, "chair", "attacker again").startswith("Sign-in with this username is stopped")
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert outcome(con, "chair", "attacker once more") == WRONG  # counted afresh, not locked again
        assert outcome(con, "chair", PASSWORD) == "signed in"


def test_a_password_typed_into_the_username_box_is_kept_nowhere(con, db_path):
    users.add_user(con, "chair", "board", password=PASSWORD)
    outcome(con, PASSWORD, "chair")  # the two boxes the wrong way round
    outcome(con, "Chair ", "not it")
    logged = con.execute("select coalesce(username, ''), detail from audit_log").fetchall()
    assert not [row for row in logged if PASSWORD in "".join(row)]
    assert ("", '{"reason": "unknown username", "locked": false}') in logged
    assert all(len(key) == 64 for (key,) in con.execute("select name_key from sign_in_throttle").fetchall())
    con.execute("checkpoint")
    assert PASSWORD.encode() not in db_path.read_bytes()


def test_a_switched_off_account_is_told_so_only_with_its_right_password_and_an_administrator_can_switch_it_on(con):
    users.add_user(con, "chair", "board", password=PASSWORD)
    users.switch(con, "chair", on=False, by="admin")
    assert outcome(con, "chair", "wrong one") == WRONG
    assert outcome(con, "chair", PASSWORD) == "This account is switched off. Ask an administrator to switch it on."
    users.switch(con, "chair", on=True, by="admin")
    assert outcome(con, "chair", PASSWORD) == "signed in"
    audited = con.execute("select username, action, detail from audit_log where action like 'account_switched%'")
    assert audited.fetchall() == [
        ("admin", "account_switched_off", '{"user": "chair"}'),
        ("admin", "account_switched_on", '{"user": "chair"}'),
    ]
