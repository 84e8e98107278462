"""Group commit: single-row submissions arriving together land together, as one `land()` batch.

A `land()` call costs about 150 ms whatever its size, nearly all of it DuckDB planning the SQL
generated from the survey definition. One at a time, 32 carers pressing "Send" in the same second
would queue for five seconds; landed as one batch they wait a fraction of that.

Leader and followers: the first submission to arrive lands everything queued for its key, with its
own connection; the others wait for their row's outcome. When a batch is done, leadership passes to
the oldest submission still queued, so no thread is kept landing other people's answers for long.
Rows share a batch only when they share the database, survey, wave, source and submitter, because
an import batch records one of each.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from dataclasses import dataclass, field

import duckdb

from pipelines.landing.land import SMALL_BATCH, Landed, RowOutcome, land


@dataclass
class _Waiting:
    row: dict[str, str]
    wake: threading.Event = field(default_factory=threading.Event)
    done: bool = False
    batch_id: int | None = None
    outcome: RowOutcome | None = None
    error: BaseException | None = None


@dataclass
class _Queue:
    lock: threading.Lock = field(default_factory=threading.Lock)
    waiting: list[_Waiting] = field(default_factory=list)
    leading: bool = False  # a thread is landing a batch for this key


_queues: dict[Hashable, _Queue] = {}
_queues_lock = threading.Lock()


def land_row(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    row: dict[str, str],
    *,
    source: str,
    wave_id: int | None,
    submitted_by: str | None = None,
) -> tuple[int, RowOutcome]:
    """Land one row, in a batch with whatever else arrives meanwhile: (batch id, the row's outcome).

    Raises what `land()` raised for the batch (a closed wave, say), for every row in it.
    """
    key = (_database(con), survey_code, source, wave_id, submitted_by)
    with _queues_lock:
        queue = _queues.setdefault(key, _Queue())
    me = _Waiting(row)
    with queue.lock:
        queue.waiting.append(me)
        follow, queue.leading = queue.leading, True
    if follow:
        me.wake.wait()  # set when my batch is done, or when I am to lead the next one
    if not me.done:
        _lead(con, queue, survey_code, source=source, wave_id=wave_id, submitted_by=submitted_by)
    if me.error is not None:
        raise me.error
    # done without an error: _lead() set both before marking the row done
    assert me.batch_id is not None and me.outcome is not None
    return me.batch_id, me.outcome


def _lead(con, queue: _Queue, survey_code: str, **batch) -> None:
    """Land everything queued as one batch, tell each row its outcome, then hand the lead on."""
    with queue.lock:
        batch_rows, queue.waiting = queue.waiting[:SMALL_BATCH], queue.waiting[SMALL_BATCH:]
    try:
        result: Landed = land(con, survey_code, [w.row for w in batch_rows], **batch)
        for number, waiting in enumerate(batch_rows, start=1):
            waiting.batch_id, waiting.outcome = result.batch_id, result.rows[number]
    except BaseException as error:  # the whole batch was rolled back: each submitter hears why
        for waiting in batch_rows:
            waiting.error = error
    with queue.lock:
        if queue.waiting:
            queue.waiting[0].wake.set()  # not done: it leads the next batch
        else:
            queue.leading = False
    for waiting in batch_rows:
        waiting.done = True
        waiting.wake.set()


def _database(con: duckdb.DuckDBPyConnection) -> str:
    """The database file behind a connection or cursor (cursors of one connection share it)."""
    return con.execute(
        "select coalesce(path, database_name) from duckdb_databases() where database_name = current_database()"
    ).fetchall()[0][0]
