"""The single landing path: store raw, validate, accept, quarantine; one transaction per batch.

Every source hands `land()` a table of rows as received (a DataFrame or a DuckDB relation, text
columns named as the source names them). Idempotency key per row: (survey, source, source id,
content hash). The source id is the source's own id where it has one (a `_source_id` column from
an API or form, or the survey's reference column in a file), else the content hash plus the row's
occurrence number among identical rows of the batch. A row whose key is already stored adds
nothing; a known source id with new content lands as the next version.

Memory does not grow with the batch: the rows received are held in a DuckDB temporary table (which
DuckDB spills to disk past its memory limit) and landed CHUNK_ROWS at a time, every chunk inside the
batch's one transaction, so a batch of ten million rows is still all-or-nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

import surveys
from pipelines.errors import FileRefused, UnknownWave, WaveClosed
from pipelines.landing.sql_names import literal, quote, trimmed
from pipelines.landing.typed_columns import typed_columns
from pipelines.landing.validation import answers_fields, parsed_sql, typed_sql, validation_sql
from surveys import Survey
from warehouse import aggregates, redaction

SQL = Path(__file__).parent / "sql"
SOURCE_ID = "_source_id"  # column an API or form fills with the source's own id
PROBLEM = "_problem"  # column a reader fills when it could not read a row whole ("cut short: 3 of 9 fields")
ROW = "_file_row"  # column a reader fills with each row's number in the file, so that every message names that row
COMPLETE = "_is_complete"  # column a source fills with 'false' for a response not yet submitted (LimeSurvey)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class FileInfo:
    name: str
    checksum: str
    size: int


@dataclass
class Landed:
    batch_id: int
    received: int = 0
    landed: int = 0
    new_versions: int = 0
    quarantined: int = 0
    already_present: int = 0
    extra_columns: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # as received, the order of each raw payload
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # first problems: (row, field, reason)
    response_ids: list[int] = field(default_factory=list)  # of the rows landed, when few
    rows: dict[int, RowOutcome] = field(default_factory=dict)  # by row number from 1, when few
    notes: list[str] = field(default_factory=list)  # what the reader wants said ("the header is on row 3")


SMALL_BATCH = 100  # up to this many rows, land() reports each row's outcome
CHUNK_ROWS = 250_000  # rows validated and landed at a time: bounds the memory of each step, not the batch
PROBLEMS_KEPT = 50  # the first problems a Landed carries for the summary; every one is in `rejections`


@dataclass(frozen=True)
class Staged:
    """Rows a source has already put in a temporary table: `_row` (the row's number in the file) first,
    then text columns as received, then `_problem` if the reader refused some rows. land() takes it over."""

    table: str


@dataclass(frozen=True)
class RowOutcome:
    """What became of one received row: 'landed', 'new_version', 'already_present' or 'quarantined'."""

    status: str
    problems: tuple[tuple[str, str], ...] = ()  # (field, reason), when quarantined


def land(
    con: duckdb.DuckDBPyConnection,
    survey_code: str,
    rows: pd.DataFrame | duckdb.DuckDBPyRelation | list[dict] | Staged,
    *,
    source: str,
    wave_id: int | None = None,
    file: FileInfo | None = None,
    submitted_by: str | None = None,
    demo: bool = False,
    progress: Progress = lambda stage: None,
) -> Landed:
    """Land one batch: all of it, or (on any error) none of it."""
    survey = surveys.load(survey_code)
    con.begin()
    try:
        late = check_wave(con, wave_id, source)
        # the wave's dates, against which each organisation code a file, LimeSurvey or paper gives is checked
        # (a PCT in 2014 did not exist); a web form's organisation is fixed by its invitation or account
        con.execute(
            "create or replace temp table _wave as select period, opens, closes from waves "
            "where wave_id = ? and ? <> 'web'",
            [wave_id, source],
        )
        fields, extras = receive(con, survey, rows)
        batch_id = con.execute("select nextval('batch_id_seq')").fetchall()[0][0]
        result = Landed(batch_id=batch_id, extra_columns=extras)
        result.columns = _columns(con, "_all_received")[1:]
        result.received = con.execute("select count(*) from _all_received").fetchall()[0][0]
        progress("storing raw rows")
        open_quarantine(con)
        for first, last in chunks(con):
            # a view, not a copy: the rows are in `_row` order, so DuckDB reads only the chunk's row groups
            con.execute(
                "create or replace temp view _received as select * from _all_received "
                f"where _row between {int(first)} and {int(last)}"
            )
            name_fields(con, survey, fields)
            store_raw(con, survey, fields, source, batch_id, wave_id, demo)
            validate(con, survey)
            accept(con, survey, source, batch_id, wave_id, demo, late)
            quarantine(con, batch_id, demo)
            count(con, result)
        if survey.code == aggregates.SURVEY:
            aggregates.add_batch(con, batch_id)
        progress("landing accepted rows")
        progress("redacting free text")
        redaction.fill_missing(con)  # the redacted copy the Board and the public read, stored once here
        record_batch(con, survey, result, source, wave_id, file, submitted_by, demo)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        _drop_temp_tables(con)
    return result


def chunks(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    """(first, last) row numbers of each CHUNK_ROWS consecutive rows of `_all_received`, in file order."""
    return con.execute(
        "select min(_row), max(_row) from (select _row, (row_number() over (order by _row) - 1) // ? as chunk "
        "from _all_received) group by chunk order by chunk",
        [CHUNK_ROWS],
    ).fetchall()


def land_again(
    con: duckdb.DuckDBPyConnection, survey_code: str, *, file: FileInfo, wave_id: int | None, submitted_by: str | None
) -> Landed | None:
    """A file whose bytes were landed before into the same wave, every row known: record a batch of it with
    every row already present, without reading it (its checksum says it is the same), or None to land it.

    This is the re-import of an unchanged file, which otherwise costs reading, hashing and comparing every
    row's key to find nothing new.
    """
    survey = surveys.load(survey_code)
    found = con.execute(
        (SQL / "same_file.sql").read_text(encoding="utf-8"),
        {"survey": survey_code, "wave": wave_id, "checksum": file.checksum},
    ).fetchall()
    if not found:
        return None
    received, columns, extras = found[0]
    con.begin()
    try:
        batch_id = con.execute("select nextval('batch_id_seq')").fetchall()[0][0]
        result = Landed(batch_id, received=received, already_present=received, extra_columns=list(extras or []))
        result.columns = list(columns or [])
        record_batch(con, survey, result, "file", wave_id, file, submitted_by, False)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result


def check_wave(con: duckdb.DuckDBPyConnection, wave_id: int | None, source: str) -> bool:
    """Refuse web answers to a closed wave; return whether this batch comes late (paper keyed after closing)."""
    if wave_id is None:
        return False
    found = con.execute("select title, closes, closed_at from waves where wave_id = ?", [wave_id]).fetchall()
    if not found:
        raise UnknownWave(f"There is no wave {wave_id}.")
    title, closes, closed_at = found[0]
    closed = closed_at is not None or closes < date.today()
    if closed and source == "web":
        raise WaveClosed(
            f"The wave '{title}' closed on {closes:%d %B %Y} and takes no new answers or changes. "
            "Staff can still key late paper returns, which are flagged as late."
        )
    return closed and source == "paper"


def receive(con: duckdb.DuckDBPyConnection, survey: Survey, rows) -> tuple[dict[str, str], list[str]]:
    """Number the incoming rows into `_received`; match its columns to the definition's fields.

    Returns {field: incoming column} and the extra columns, which are reported and ignored.
    Refuses the batch when a required question's column is missing.
    """
    if isinstance(rows, Staged):
        con.execute(f"alter table {quote(rows.table)} rename to _all_received")
    else:
        if isinstance(rows, list):
            rows = pd.DataFrame(rows, dtype="string")
        con.register("_incoming", rows)
        # numbered as the file numbers them when the reader says so (a title above the header, blank lines skipped)
        numbered = (
            f"cast({quote(ROW)} as bigint) as _row, * exclude ({quote(ROW)})"
            if ROW in rows.columns
            else "row_number() over () as _row, *"
        )
        con.execute(f"create or replace temp table _all_received as select {numbered} from _incoming")
        con.unregister("_incoming")
    fields, extras, missing = match_columns(survey, _columns(con, "_all_received")[1:])
    if missing:
        raise FileRefused(
            f"Nothing was imported: the required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing. "
            f"Download the template with `python -m pipelines template --survey {survey.code}`."
        )
    return fields, extras


def match_columns(survey: Survey, columns: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Which received column answers which field: ({field: column}, ignored columns, missing required fields).

    A column matches a field by its code or its LimeSurvey column name, in any case, spaces trimmed;
    a required question shown only on some answers may be absent from a file that never shows it.
    """
    wanted = {}
    for question in survey.questions:
        for column, name in zip(question.columns, question.fields, strict=False):
            wanted[name.lower()] = name
            wanted[column.lower()] = name
    fields: dict[str, str] = {}
    extras = []
    reserved = {SOURCE_ID.lower(), PROBLEM, ROW, COMPLETE, (survey.reference_column or SOURCE_ID).lower()}
    for column in columns:
        matched = wanted.get(column.strip().lower())
        if matched and matched not in fields:
            fields[matched] = column
        elif column.strip().lower() not in reserved:
            extras.append(column)
    missing = [f for q in survey.questions if q.required and not q.show_if for f in q.fields if f not in fields]
    return fields, extras, missing


def name_fields(con, survey: Survey, fields: dict[str, str]) -> None:
    """`_batch`: the received columns under the definition's field names, as received (a view: nothing
    copied), which the problems quote; `_answers`: in one pass over the chunk, the same trimmed once (which
    typing and every check read), each row's completeness, its raw payload, its own id and its content hash."""
    originals = _columns(con, "_received")[1:]
    given = {
        name: f"cast(r.{quote(fields[name])} as varchar)" if name in fields else "cast(null as varchar)"
        for question in survey.questions
        for name in question.fields
    }
    # whether each row was submitted: an unfinished one (a LimeSurvey response not yet sent) is not yet
    # missing its required answers
    complete = f"{_completeness(originals)} as {quote(COMPLETE)}"
    selected = [f"{sql} as {quote(name)}" for name, sql in given.items()]
    batch = f"select r._row, {', '.join(selected)}, {complete} from _received as r"
    con.execute(f"create or replace temp view _batch as {batch}")
    # the row as received: its values as a JSON array, in the order of import_batches.columns
    payload = "to_json([" + ", ".join(f"cast(r.{quote(c)} as varchar)" for c in originals) + "])"
    own_id = _own_id_column(survey, originals)
    own = trimmed(f"cast(r.{quote(own_id)} as varchar)") if own_id else "cast(null as varchar)"
    problem = f", {quote(PROBLEM)}" if PROBLEM in originals else ""
    # the content hash covers the answers (trimmed, blank as missing), not the file's layout or extra columns;
    # the same answers, submitted since, are news: an unfinished response hashes apart (a finished one as ever)
    answers = "[" + ", ".join(f"a.{quote(name)}" for name in sorted(fields)) + "]"
    names = literal(",".join(sorted(fields)))
    con.execute(f"""
        create or replace temp table _answers as
        select a.*, md5(cast({answers} as varchar) || {names}
            || case when a._is_complete then '' else ':incomplete' end) as _content_hash
        from (
            select b._row, {", ".join(answers_fields(survey))}, b._is_complete, b._payload, b._own_id{problem}
            from (select r._row, {", ".join(selected)}, {complete}, {payload} as _payload, {own} as _own_id{problem}
                from _received as r) as b
        ) as a
    """)


def store_raw(con, survey: Survey, fields: dict[str, str], source: str, batch_id: int, wave_id, demo: bool) -> None:
    """Keep every new row as received (append-only) and give it a raw id; known rows are skipped."""
    own_id = _own_id_column(survey, _columns(con, "_received")[1:])
    numbered = not own_id or _unreferenced(con, own_id)
    # a row without an id of its own is known by its content hash and its occurrence number among identical
    # rows, counted on from the batch's earlier chunks (`_seen`); when every row has its own id, neither is
    # needed, nor the window that numbers them
    source_id = (
        "coalesce(a._own_id, a._content_hash || ':' || (coalesce(s.seen, 0) "
        "+ row_number() over (partition by a._content_hash order by a._row)))"
        if numbered
        else "a._own_id"
    )
    seen = "left join _seen as s on s.content_hash = a._content_hash" if numbered else ""
    con.execute(f"""
        create or replace temp table _keyed as
        select a._row, a._payload as payload, a._content_hash as content_hash, a._is_complete as is_complete,
            {source_id} as source_id
        from _answers as a {seen}
    """)
    if numbered:
        con.execute(
            "insert into _seen select content_hash, count(*) from _keyed group by content_hash "
            "on conflict do update set seen = seen + excluded.seen"
        )
    con.execute(
        f"""
        create or replace temp table _new as
        select nextval('raw_id_seq') as raw_id, k.*
        from (
            select * from _keyed
            {"qualify row_number() over (partition by source_id, content_hash order by _row) = 1" if own_id else ""}
        ) as k
        anti join (
            select source_id, content_hash from raw_submissions
            where survey_code = $survey and source = $source and wave_id is not distinct from $wave
                and raw_id not in (select raw_id from _open_quarantine)
        ) as r on r.source_id = k.source_id and r.content_hash = k.content_hash
    """,
        {"survey": survey.code, "source": source, "wave": wave_id},
    )
    con.execute(
        "insert into raw_submissions (raw_id, batch_id, survey_code, wave_id, source, source_id, content_hash, "
        "row_number, payload, is_demo) "
        "select raw_id, ?, ?, ?, ?, source_id, content_hash, _row, payload, ? from _new",
        [batch_id, survey.code, wave_id, source, demo],
    )
    con.execute(
        """
        insert into quarantine_outcomes (raw_id, outcome, new_raw_id)
        select r.raw_id, 'retried', n.raw_id
        from raw_submissions as r
        join _new as n on n.source_id = r.source_id and n.content_hash = r.content_hash
        where r.survey_code = $survey and r.source = $source and r.wave_id is not distinct from $wave
            and r.raw_id in (select raw_id from _open_quarantine)
            and r.raw_id not in (select raw_id from quarantine_outcomes)
        """,
        {"survey": survey.code, "source": source, "wave": wave_id},
    )
    if con.execute("select (select count(*) from _new) < (select count(*) from _answers)").fetchall()[0][0]:
        con.execute("delete from _answers where _row not in (select _row from _new)")


def open_quarantine(con) -> None:
    """`_open_quarantine`: rows stored before this batch and still in quarantine, taken once per batch.

    Such a row is not known: arriving again (a re-import, "try again") it is validated anew. A row this
    batch quarantines in an earlier chunk is known to the later ones, so a repeat of it is stored once.
    """
    con.execute(
        "create or replace temp table _open_quarantine as select raw_id from rejections "
        "where raw_id not in (select raw_id from quarantine_outcomes) "
        "union select raw_id from quarantine_outcomes where outcome = 'retried'"
    )
    con.execute("create or replace temp table _seen (content_hash varchar primary key, seen bigint)")
    con.execute("create or replace temp table _unreferenced (found boolean)")


def _unreferenced(con, own_id: str) -> bool:
    """Whether some row of the batch has no id of its own, so that identical rows are numbered (asked at the
    first chunk, kept in `_unreferenced`): a file whose every row has its reference needs no `_seen`."""
    known = con.execute("select found from _unreferenced").fetchall()
    if known:
        return known[0][0]
    column = trimmed(f"cast({quote(own_id)} as varchar)")
    con.execute(
        f"insert into _unreferenced select count(*) > 0 from _all_received where {column} is null",
    )
    return con.execute("select found from _unreferenced").fetchall()[0][0]


def validate(con, survey: Survey) -> None:
    """Type every answer and list every problem in `_problems`."""
    con.execute(parsed_sql(survey))
    con.execute("create or replace temp table _problems as " + validation_sql(survey))
    if PROBLEM in _columns(con, "_answers"):  # what the reader could not read is quarantined as such
        con.execute(
            f"insert into _problems select _row, '(row)', null, {quote(PROBLEM)} from _answers "
            f"where {quote(PROBLEM)} is not null"
        )


def accept(con, survey: Survey, source: str, batch_id: int, wave_id, demo: bool, late: bool) -> None:
    """Insert the rows without problems, numbering versions per source id."""
    table = quote(f"response_{survey.code}")
    con.execute(
        f"""
        create or replace temp table _accepted as
        with prior as (
            select source_id, max(version) as version from {table}
            where source = $source and wave_id is not distinct from $wave
                and source_id in (select source_id from _new)
            group by source_id
        ),
        accepted as (
            select n._row, n.raw_id, n.source_id,
                coalesce(p.version, 0) + row_number() over (partition by n.source_id order by n._row) as version,
                n.is_complete
            from _new as n left join prior as p using (source_id)
            where n._row not in (select _row from _problems)
        )
        -- the current version is the latest submitted one: an unfinished version is kept, marked, and counts
        -- nowhere until it is submitted (every mart reads current versions only)
        select *, is_complete and row_number() over (
            partition by source_id order by is_complete desc, _row desc
        ) = 1 as is_current
        from accepted
    """,
        {"source": source, "wave": wave_id},
    )
    con.execute(
        f"create or replace temp table _superseded as select response_id from {table} "
        "where is_current and source = ? and wave_id is not distinct from ? "
        "and source_id in (select source_id from _accepted where is_current and version > 1)",
        [source, wave_id],
    )
    if survey.code == aggregates.SURVEY:
        aggregates.take_away(con, "_superseded", batch_id)  # while they still count as current
    con.execute(f"update {table} set is_current = false where response_id in (select response_id from _superseded)")
    answers = [quote(column) for column, _ in typed_columns(survey)]
    con.execute(
        f"insert into {table} (raw_id, batch_id, survey_version, source, source_id, version, is_current, "
        f"is_complete, wave_id, is_demo, late, {', '.join(answers)}) "
        f"select a.raw_id, ?, ?, ?, a.source_id, a.version, a.is_current, a.is_complete, ?, ?, ?, "
        f"{', '.join('t.' + c for c in answers)} from _accepted as a join ({typed_sql(survey)}) as t using (_row)",
        [batch_id, survey.version, source, wave_id, demo, late],
    )


def quarantine(con, batch_id: int, demo: bool) -> None:
    con.execute(
        "insert into rejections (raw_id, batch_id, row_number, field, value, reason, is_demo) "
        "select n.raw_id, ?, p._row, p.field, p.value, p.reason, ? "
        "from _problems as p join _new as n using (_row) order by p._row, p.field",
        [batch_id, demo],
    )


def count(con, result: Landed) -> None:
    """Add this chunk's outcomes to the batch's; the first problems, and each row's outcome in a small batch."""
    new, landed, new_versions, quarantined = con.execute("""
        select (select count(*) from _new),
            (select count(*) from _accepted), (select count(*) from _accepted where version > 1),
            (select count(distinct _row) from _problems)
    """).fetchall()[0]
    received = con.execute("select count(*) from _keyed").fetchall()[0][0]
    result.already_present += received - new
    result.landed += landed
    result.new_versions += new_versions
    result.quarantined += quarantined
    if len(result.problems) < PROBLEMS_KEPT:
        result.problems += con.execute(
            "select _row, field, reason from _problems order by _row, field limit ?",
            [PROBLEMS_KEPT - len(result.problems)],
        ).fetchall()
    if result.landed <= SMALL_BATCH:
        result.response_ids += [r[0] for r in con.execute("select raw_id from _accepted order by _row").fetchall()]
    else:
        result.response_ids = []
    if result.received <= SMALL_BATCH:
        result.rows |= {
            row: RowOutcome(status, tuple(problems))
            for row, status, problems in con.execute((SQL / "row_outcomes.sql").read_text(encoding="utf-8")).fetchall()
        }


def record_batch(
    con, survey: Survey, result: Landed, source, wave_id, file: FileInfo | None, submitted_by, demo
) -> None:
    con.execute(
        "insert into import_batches (batch_id, survey_code, survey_version, source, wave_id, file_name, "
        "file_checksum, file_size, submitted_by, rows_received, landed, new_versions, quarantined, "
        "already_present, columns, extra_columns, is_demo) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.batch_id,
            survey.code,
            survey.version,
            source,
            wave_id,
            file.name if file else None,
            file.checksum if file else None,
            file.size if file else None,
            submitted_by,
            result.received,
            result.landed,
            result.new_versions,
            result.quarantined,
            result.already_present,
            result.columns,
            result.extra_columns,
            demo,
        ],
    )


def _completeness(columns: list[str]) -> str:
    """Whether a received row (`r`) is a submitted answer: true unless its source said otherwise."""
    return f"coalesce(try_cast(r.{quote(COMPLETE)} as boolean), true)" if COMPLETE in columns else "true"


def _own_id_column(survey: Survey, columns: list[str]) -> str | None:
    by_name = {c.strip().lower(): c for c in columns}
    for name in (SOURCE_ID, survey.reference_column):
        if name and name.lower() in by_name:
            return by_name[name.lower()]
    return None


def _columns(con, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe {table}").fetchall()]


def _drop_temp_tables(con) -> None:
    for table in (
        "_all_received",
        "_seen",
        "_unreferenced",
        "_answers",
        "_keyed",
        "_open_quarantine",
        "_new",
        "_parsed",
        "_problems",
        "_accepted",
        "_superseded",
        "_wave",
        "_carer_delta",
        "_carer_merged",
    ):
        with contextlib.suppress(duckdb.Error):
            con.execute(f"drop table if exists temp.{table}")
    for view in ("_batch", "_received", "_carer_leaving", "_carer_arriving"):
        with contextlib.suppress(duckdb.Error):
            con.execute(f"drop view if exists temp.{view}")
