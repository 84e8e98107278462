"""Group commit: submissions that arrive while a batch lands go together into the next one, and
each still gets its own outcome (a reference, or its own problems)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from pipelines.errors import WaveClosed
from pipelines.landing import group_commit
from pipelines.sources import web_forms
from tests.conftest import scalar
from tests.form_filling import CARER, open_current_waves

WAITING = 7  # submissions that queue while the first one lands


def first_batch_waits_for_the_queue(monkeypatch) -> list[int]:
    """Hold the first landing until the other submissions have queued behind it."""
    land = group_commit.land
    calls: list[int] = []

    def held(con, survey_code, rows, **batch):
        calls.append(len(rows))
        if len(calls) == 1:
            queue = next(q for q in group_commit._queues.values() if q.leading)  # the one landing now
            while len(queue.waiting) < WAITING:
                threading.Event().wait(0.01)
        return land(con, survey_code, rows, **batch)

    monkeypatch.setattr(group_commit, "land", held)
    return calls


def submit_together(con, wave_id: int, answers: list[dict]):
    def one(answer: dict):
        cursor = con.cursor()
        try:
            return web_forms.submit(cursor, "carer_experience", answer, source_id=str(uuid.uuid4()), wave_id=wave_id)
        except WaveClosed as refusal:
            return refusal
        finally:
            cursor.close()

    with ThreadPoolExecutor(max_workers=len(answers)) as pool:
        return list(pool.map(one, answers))


def test_submissions_queued_behind_a_landing_share_the_next_batch_with_their_own_outcomes(con, monkeypatch):
    wave_id = open_current_waves(con)["carer_experience"]
    calls = first_batch_waits_for_the_queue(monkeypatch)
    answers = [{**CARER, "DIFFERENCE": f"carer {n}"} for n in range(WAITING + 1)]
    answers[3] = {**CARER, "HOURS": "99"}  # not one of the answers: quarantined, the rest land
    results = submit_together(con, wave_id, answers)

    assert sorted(calls) == [1, WAITING]  # two batches for eight submissions
    assert scalar(con, "select count(*) from import_batches") == 2
    bad = [r for r in results if r.errors]
    assert len(bad) == 1 and bad[0].reference is None and "HOURS" in bad[0].errors
    good = [r for r in results if not r.errors]
    assert len(good) == WAITING and all(r.landed and r.reference for r in good)
    assert scalar(con, "select count(*) from response_carer_experience") == WAITING
    assert (
        scalar(
            con,
            "select count(*) from audit_log where action = 'submission' "
            "and cast(detail->>'batch_id' as bigint) in (select batch_id from import_batches)",
        )
        == WAITING
    )


def test_when_a_batch_is_refused_every_submission_in_it_hears_why(con, monkeypatch):
    wave_id = open_current_waves(con)["carer_experience"]
    con.execute("update waves set closed_at = current_timestamp where wave_id = ?", [wave_id])
    first_batch_waits_for_the_queue(monkeypatch)
    results = submit_together(con, wave_id, [CARER] * (WAITING + 1))
    assert all(isinstance(r, WaveClosed) for r in results)
    assert scalar(con, "select count(*) from raw_submissions") == 0


@pytest.mark.parametrize("submitted_by", [None, "comm1"])
def test_one_submission_alone_is_a_batch_of_one(con, submitted_by):
    wave_id = open_current_waves(con)["carer_experience"]
    result = web_forms.submit(con, "carer_experience", CARER, source_id="x", wave_id=wave_id, submitted_by=submitted_by)
    assert result.landed
    assert con.execute("select rows_received, submitted_by from import_batches").fetchall() == [(1, submitted_by)]
