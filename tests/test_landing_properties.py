"""Properties of land() for any batch of any survey: every row accounted for once, kept raw as received,
quarantined with reasons naming its question, and landing the batch again adding nothing (docs/landing.md).

Each example lands into a wave of its own, so examples share the test's database but no idempotency key.
"""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import surveys
from pipelines.landing.land import Landed, land
from pipelines.outreach.periods import parse_period
from pipelines.outreach.waves import ensure_wave
from surveys import Question, Survey
from tests.landing_batches import Batch, OrgCodes, Row, batches, trimmed

WAVES = itertools.count(1)
QUARTER = (date(2030, 1, 1), date(2030, 3, 31))  # every example's wave: one quarter, each its own wave
ACCEPTED = ("landed", "new_version")


@pytest.fixture
def orgs(con) -> OrgCodes:
    """The organisation codes the reference data loaded that existed in the examples' quarter, with two
    carers' organisations (which it has none of); codes out of their time are the bad-files corpus's."""
    con.execute(
        "insert into organisations (code, name, type) values "
        "('CO-9001', 'Test carers centre (fictional)', 'carers_org'), "
        "('CO-9002', 'Test young carers project (fictional)', 'carers_org')"
    )
    existed = "coalesce(valid_from, ?) <= ? and coalesce(valid_to, ?) >= ?"
    return dict(
        con.execute(
            f"select type, list(code order by code) from organisations where {existed} group by type",
            [QUARTER[0], QUARTER[1], QUARTER[1], QUARTER[0]],
        ).fetchall()
    )


@pytest.fixture
def generated(orgs, survey_code):
    """The batches to land, built once per test from the definition and the database's organisations."""
    return batches(surveys.load(survey_code), orgs)


def fresh_wave(con, survey_code: str) -> int:
    period = parse_period(f"Property example {next(WAVES)}", *QUARTER)
    return ensure_wave(con, survey_code, period)


def shown(survey: Survey, question: Question, row: Row) -> bool:
    """Whether the form shows the question for these answers, following show-if chains (validation.shown)."""
    if question.show_if is None:
        return True
    parent = survey.question(question.show_if.question)
    if parent.type == "multi":
        given = any(_meaning(row, f"{parent.code}[{code}]") for code in question.show_if.in_)
    else:
        given = _meaning(row, parent.code) in question.show_if.in_
    return given and shown(survey, parent, row)


def _meaning(row: Row, name: str) -> str | bool | None:
    answer = row.answers.get(name)
    return answer.meaning if answer is not None and answer.kind == "valid" else None


def expected_problems(survey: Survey, row: Row) -> set[str] | None:
    """The fields land() must quarantine the row for; None when the row has an answer the docs promise nothing on."""
    if any(a.kind == "unclassified" for a in row.answers.values()):
        return None
    found = {name for name, answer in row.answers.items() if answer.kind == "invalid"}
    for question in survey.questions:
        blank = all(trimmed(row.answers[n].text if n in row.answers else None) is None for n in question.fields)
        if question.required and blank and shown(survey, question, row):
            found.add(question.fields[0])
    return found


def content(row: Row) -> tuple:
    """What the content hash covers: the answers, trimmed, blank as missing, whatever the layout."""
    return tuple((name, trimmed(answer.text)) for name, answer in sorted(row.answers.items()))


def check_outcomes(batch: Batch, result: Landed) -> list[str]:
    """Each row's outcome is the one the definition and the idempotency key give it; returns the outcomes."""
    outcomes = [result.rows[number].status for number in range(1, len(batch.rows) + 1)]
    seen: set[tuple] = set()
    accepted_refs: set[str] = set()
    for number, (row, outcome) in enumerate(zip(batch.rows, outcomes, strict=True), start=1):
        ref = trimmed(row.ref)
        if ref is not None and (ref, content(row)) in seen:  # the same answers under the same reference
            assert outcome == "already_present", f"row {number}"
            continue
        seen.add((ref, content(row)))
        problems = expected_problems(batch.survey, row)
        if problems is not None:
            assert (outcome == "quarantined") == bool(problems), f"row {number}: {outcome}, expected {problems}"
            assert {f for f, _ in result.rows[number].problems} == problems, f"row {number}"
        if outcome in ACCEPTED:
            assert outcome == ("new_version" if ref in accepted_refs else "landed"), f"row {number}"
            accepted_refs |= {ref} if ref else set()
        else:
            assert outcome == "quarantined", f"row {number}"
    return outcomes


def check_every_row_lands_or_is_quarantined(con, batch: Batch, result: Landed) -> list[str]:
    """Landed (or already present, or a new version) or quarantined: never both, never neither."""
    assert result.received == len(batch.rows) == len(result.rows)
    assert result.landed + result.quarantined + result.already_present == result.received
    outcomes = check_outcomes(batch, result)
    assert (result.landed, result.new_versions, result.quarantined) == (
        sum(o in ACCEPTED for o in outcomes),
        outcomes.count("new_version"),
        outcomes.count("quarantined"),
    )
    table = f"response_{batch.survey.code}"
    stored = dict(
        con.execute("select raw_id, row_number from raw_submissions where batch_id = ?", [result.batch_id]).fetchall()
    )
    typed = {r for (r,) in con.execute(f"select raw_id from {table} where batch_id = ?", [result.batch_id]).fetchall()}
    rejected = {
        r for (r,) in con.execute("select raw_id from rejections where batch_id = ?", [result.batch_id]).fetchall()
    }
    assert not typed & rejected and typed | rejected == set(stored)
    assert sorted(stored[r] for r in typed) == [n for n, o in enumerate(outcomes, start=1) if o in ACCEPTED]
    assert sorted(stored[r] for r in rejected) == [n for n, o in enumerate(outcomes, start=1) if o == "quarantined"]
    return outcomes


def check_raw_rows_are_the_rows_received(con, batch: Batch, result: Landed, outcomes: list[str]) -> None:
    """Every row stored, as received (a row repeated under the same reference is already present, so not)."""
    raw = con.execute(
        "select row_number, received from int_raw_rows where batch_id = ? order by row_number", [result.batch_id]
    ).fetchall()
    records = batch.records()
    expected = [(n, records[n - 1]) for n, o in enumerate(outcomes, start=1) if o != "already_present"]
    assert [(n, json.loads(received)) for n, received in raw] == expected
    if "_ref" not in batch.columns:
        assert len(raw) == result.received
    recorded = con.execute(
        "select columns, rows_received, landed, quarantined, already_present from import_batches where batch_id = ?",
        [result.batch_id],
    ).fetchall()
    assert recorded == [
        (list(batch.columns.values()), result.received, result.landed, result.quarantined, result.already_present)
    ]


def check_reasons_name_the_question(con, batch: Batch, result: Landed) -> None:
    """Each problem of a quarantined row: the field, its value as received, and a sentence naming the question."""
    problems = con.execute(
        "select row_number, field, value, reason from rejections where batch_id = ?", [result.batch_id]
    ).fetchall()
    assert len({n for n, *_ in problems}) == result.quarantined
    for number, name, value, reason in problems:
        question = name.split("[")[0]
        assert reason and reason.strip() and question in reason, (number, name, reason)
        given = batch.rows[number - 1].answers.get(name)
        assert value == (given.text if given else None), (number, name)


def check_landing_again_adds_nothing(con, batch: Batch, first: Landed, again: Landed, outcomes, before) -> None:
    """The rows that landed are known and add nothing; each quarantined row is still open, so it is stored
    and validated anew (docs/landing.md), recorded as retried, and quarantined again for the same reasons."""
    quarantined = [n for n, o in enumerate(outcomes, start=1) if o == "quarantined"]
    assert (again.received, again.landed, again.new_versions) == (first.received, 0, 0)
    assert (again.quarantined, again.already_present) == (len(quarantined), first.received - len(quarantined))
    assert [n for n, o in sorted(again.rows.items()) if o.status == "quarantined"] == quarantined
    assert _typed_rows(con, batch) == before
    retried = con.execute(
        """
        select o.row_number, n.row_number, o.payload = n.payload, q.outcome
        from raw_submissions as o
        join quarantine_outcomes as q using (raw_id)
        join raw_submissions as n on n.raw_id = q.new_raw_id
        where o.batch_id = ? and n.batch_id = ?
        order by o.row_number
        """,
        [first.batch_id, again.batch_id],
    ).fetchall()
    assert retried == [(n, n, True, "retried") for n in quarantined]
    assert con.execute("select count(*) from raw_submissions where batch_id = ?", [again.batch_id]).fetchall() == [
        (len(quarantined),)
    ]
    reasons = "select row_number, field, reason from rejections where batch_id = ? order by all"
    assert con.execute(reasons, [again.batch_id]).fetchall() == con.execute(reasons, [first.batch_id]).fetchall()


def _typed_rows(con, batch: Batch) -> list[tuple]:
    table = f"response_{batch.survey.code}"
    return con.execute(f"select response_id, raw_id, version, is_current from {table} order by response_id").fetchall()


@pytest.mark.parametrize("survey_code", surveys.CODES)
# one database per test, deliberately: each example lands into a fresh wave of it instead
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_batch_lands_each_row_once_raw_as_received_and_landing_it_again_adds_nothing(
    con, generated, survey_code, data
):
    batch = data.draw(generated, label="batch")
    wave = fresh_wave(con, survey_code)
    first = land(con, survey_code, batch.records(), source="file", wave_id=wave)
    outcomes = check_every_row_lands_or_is_quarantined(con, batch, first)
    for outcome in set(outcomes):  # `--hypothesis-show-statistics` shows how often each outcome came up
        event(outcome)
    check_raw_rows_are_the_rows_received(con, batch, first, outcomes)
    check_reasons_name_the_question(con, batch, first)
    before = _typed_rows(con, batch)
    again = land(con, survey_code, batch.records(), source="file", wave_id=wave)
    check_landing_again_adds_nothing(con, batch, first, again, outcomes, before)
