"""SQL generated from a survey definition: typed values of each answer, and the checks that reject a row.

They read `_answers` (one row per incoming row: `_row`, `_is_complete` and one varchar column per field,
named as the field, `CODE` or `CODE[SQ]`, trimmed, blank as null; made by land.py from `_batch`, the same
as received, which problems quote). `parsed_sql` makes `_parsed`, with `_suspect` on each row that some
check may reject; `typed_sql` selects one column per answer column from it, hidden questions blanked;
`validation_sql` lists every problem of the suspect rows as (_row, field, value, reason).
Everything is column-at-a-time SQL: no Python loop ever sees a row.
"""

from __future__ import annotations

from typing import NamedTuple

from pipelines.landing.sql_names import literal, quote, trimmed
from surveys import Option, Question, Survey

TICKED = ("y", "yes", "1", "true", "x", "ticked")
UNTICKED = ("n", "no", "0", "false")
YES_NO = {"Y": ("y", "yes", "true", "1"), "N": ("n", "no", "false", "0")}  # as spreadsheets write a yes/no
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y", "%d.%m.%Y")
SCIENTIFIC = "^[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+$"  # "1.2E+06": how a spreadsheet shows a long number
EXCEL_DAY_ZERO = "1899-12-30"  # Excel's serial day 0 (its 1900 leap-year bug folded in)


ANSWERS = "_a"  # the alias of `_answers`, and the name of the struct of its row that `_parsed` checks read


class Check(NamedTuple):
    """One way an answer can be wrong: the SQL condition, and the problem struct (field, value, reason) it makes."""

    condition: str
    problem: str


def raw(field: str) -> str:
    """The field's text with surrounding whitespace (tabs and non-breaking spaces too) dropped; blank is unanswered."""
    return f"{ANSWERS}.{quote(field)}"


def answers_fields(survey: Survey) -> list[str]:
    """Every field of `_batch` trimmed once (blank as missing), as `_answers` holds them for the hash, typing and
    checks: SELECT items over `_batch as b`."""
    return [f"{trimmed(f'b.{quote(f)}')} as {quote(f)}" for q in survey.questions for f in q.fields]


def _choice(field: str, options: list[Option]) -> str:
    """Code of the answer given as its code or its exact label, case and surrounding spaces forgiven.

    A constant MAP lookup rather than a CASE: it plans several times faster, which matters for
    single web submissions.
    """
    spellings: dict[str, str] = {}
    yes_no = {o.code for o in options} >= set(YES_NO)
    for option in options:
        extra = YES_NO.get(option.code, ()) if yes_no else ()
        for spelling in (option.code.lower(), option.label.strip().lower(), *extra):
            spellings.setdefault(spelling, option.code)
    pairs = ", ".join(f"{literal(spelling)}: {literal(code)}" for spelling, code in spellings.items())
    return f"(map {{{pairs}}})[lower({raw(field)})]"


def _ticked(field: str, option: Option) -> str:
    yes = ", ".join(literal(v) for v in (*TICKED, option.code.lower(), option.label.lower()))
    no = ", ".join(literal(v) for v in UNTICKED)
    return (
        f"case when lower({raw(field)}) in ({yes}) then true "
        f"when {raw(field)} is null or lower({raw(field)}) in ({no}) then false end"
    )


def _number(field: str, question: Question) -> str:
    text = raw(field)
    if question.unit == "GBP":
        text = f"replace(replace(replace({text}, '£', ''), ',', ''), ' ', '')"
    target = "decimal(18, 2)" if question.unit == "GBP" else "double"
    # "1.2E+06" is a spreadsheet's display of a rounded number, not the amount: never read as one
    return f"case when not regexp_full_match({raw(field)}, {literal(SCIENTIFIC)}) then try_cast({text} as {target}) end"


def _date(field: str) -> str:
    """ISO or day-first dates, and Excel's serial day numbers (a date cell saved as a number: 40817 is 2011-10-01)."""
    tries = ", ".join(f"try_strptime({raw(field)}, {literal(f)})" for f in DATE_FORMATS)
    serial = (
        f"case when regexp_full_match({raw(field)}, '[0-9]{{5}}') "
        f"then date {literal(EXCEL_DAY_ZERO)} + cast({raw(field)} as integer) end"
    )
    return f"coalesce(cast(coalesce({tries}) as date), {serial})"


def _org(question: Question, field: str) -> str:
    types = ", ".join(literal(t) for t in question.org_types)
    if question.multiple:
        return f"list_transform(string_split({raw(field)}, ';'), lambda x: upper({trimmed('x')}))"
    return f"(select o.code from organisations as o where o.code = upper({raw(field)}) and o.type in ({types}))"


def parsed(question: Question) -> list[tuple[str, str, str]]:
    """(answer column, field, SQL of its typed value before show-if), for each column of the question."""
    if question.type == "array":
        return [
            (column, field, _choice(field, question.options))
            for column, field in zip(question.columns, question.fields, strict=False)
        ]
    if question.type == "multi":
        return [
            (column, field, _ticked(field, option))
            for column, field, option in zip(question.columns, question.fields, question.options, strict=False)
        ]
    field = question.code
    expression = {
        "single": lambda: _choice(field, question.options),
        "number": lambda: _number(field, question),
        "date": lambda: _date(field),
        "text": lambda: raw(field),
        "org": lambda: _org(question, field),
    }[question.type]()
    if question.type == "number" and question.integer:
        # try_cast: a number beyond a bigint (1e300, inf, NaN) is then not a whole number, rather than an error
        # that refuses the whole batch
        expression = f"try_cast({expression} as bigint)"
    return [(question.code, field, expression)]


def shown(survey: Survey, question: Question) -> str:
    """SQL that is true when the question is shown, following show-if chains through `_parsed`."""
    condition = question.show_if
    if condition is None:
        return "true"
    parent = survey.question(condition.question)
    answers = ", ".join(literal(code) for code in condition.in_)
    if parent.type == "multi":
        ticked = " or ".join(f"p.{quote(f'{parent.code}_{code}')}" for code in condition.in_)
        return f"(({shown(survey, parent)}) and coalesce({ticked}, false))"
    return f"(({shown(survey, parent)}) and p.{quote(parent.code)} in ({answers}))"


def parsed_sql(survey: Survey) -> str:
    """`_parsed`: each answer column typed, before show-if; a multi with nothing ticked is all null."""
    first, then = [], []
    for question in survey.questions:
        parts = parsed(question)
        first += [f"{expr} as {quote(column)}" for column, _, expr in parts]
        if question.type == "multi":
            any_ticked = " or ".join(f"coalesce(p.{quote(column)}, false)" for column, _, _ in parts)
            then += [f"case when {any_ticked} then p.{quote(column)} end as {quote(column)}" for column, _, _ in parts]
        else:
            then += [f"p.{quote(column)}" for column, _, _ in parts]
    # the row's answers travel as one struct named as `_answers`' alias, so that every check's condition reads
    # the same here as in validation_sql; `p` is each column before a multi with nothing ticked is blanked,
    # which no condition can tell apart (a multi's own check reads the tick as written)
    answers = ", ".join(f"{literal(name)}: {ANSWERS}.{quote(name)}" for name in ("_is_complete", *_fields(survey)))
    suspect = " or ".join(f"({check.condition})" for q in survey.questions for check in checks(survey, q))
    return (
        f"create or replace temp table _parsed as with ticks as materialized (select {ANSWERS}._row, "
        f"{{{answers}}} as {ANSWERS}, "
        + ", ".join(first)
        + f" from _answers as {ANSWERS}) select p._row, "
        + ", ".join(then)
        + f", coalesce({suspect or 'false'}, false) as _suspect from ticks as p"
    )


def _fields(survey: Survey) -> list[str]:
    return [f for q in survey.questions for f in q.fields]


def typed_sql(survey: Survey) -> str:
    """SELECT of the answers that land; a question that was not shown keeps no answer."""
    columns = []
    for question in survey.questions:
        visible = shown(survey, question)
        for column in question.columns:
            value = f"p.{quote(column)}"
            columns.append(value if visible == "true" else f"case when {visible} then {value} end as {quote(column)}")
    return "select p._row, " + ", ".join(columns) + " from _parsed as p"


def _check(field: str, condition: str, reason: str) -> Check:
    """One way an answer can be wrong: a problem (field, value, reason) when `condition` holds, else null."""
    return Check(
        condition,
        f"case when {condition} then {{'field': {literal(field)}, 'value': cast(b.{quote(field)} as varchar), "
        f"'reason': cast({reason} as varchar)}} end",
    )


def _quoted_value(field: str) -> str:
    return f"'''' || b.{quote(field)} || ''''"


def checks(survey: Survey, question: Question) -> list[Check]:
    """One check per way this question's answer can be wrong."""
    found = []
    code = question.code
    for column, field, expression in parsed(question):
        value = f"p.{quote(column)}"
        given = f"{raw(field)} is not null"
        if question.type in ("single", "array"):
            expected = "; ".join(f"{o.code} {o.label}" for o in question.options)
            found.append(
                _check(
                    field,
                    f"{given} and {value} is null",
                    f"{literal(field + ' ')} || {_quoted_value(field)} || "
                    f"{literal(' is not one of the answers; expected one of: ' + expected)}",
                )
            )
        elif question.type == "multi":
            # the tick as written: `_parsed` blanks every option of a question with none ticked, "N" included
            found.append(
                _check(
                    field,
                    f"{given} and ({expression}) is null",
                    f"{literal(field + ' ')} || {_quoted_value(field)} || "
                    f"{literal(' is not a tick; leave it blank or write Y for ticked')}",
                )
            )
        elif question.type == "number":
            found += _number_checks(question, field, value, given)
        elif question.type == "date":
            found.append(
                _check(
                    field,
                    f"{given} and {value} is null",
                    f"{literal(code + ' ')} || {_quoted_value(field)} || "
                    "' is not a date; write it as YYYY-MM-DD or DD/MM/YYYY'",
                )
            )
        elif question.type == "text":
            found.append(
                _check(
                    field,
                    f"length({value}) > {question.max_length}",
                    f"{literal(f'{code} is longer than {question.max_length} characters')}",
                )
            )
            if question.format == "url":
                found.append(
                    _check(
                        field,
                        f"{given} and not regexp_full_match({value}, '^https?://[^\\s/?#]+\\.[^\\s]+$')",
                        f"{literal(code + ' ')} || {_quoted_value(field)} || "
                        "' is not a web address; it should start with https://'",
                    )
                )
        elif question.type == "org":
            found += _org_checks(question, field, value, given)
    if question.required:
        blank = " and ".join(f"{raw(field)} is null" for field in question.fields)
        found.append(
            _check(
                question.fields[0],
                f"({shown(survey, question)}) and {blank} and {ANSWERS}._is_complete",  # unfinished: not yet asked
                literal(f"{code} is required but was left blank"),
            )
        )
    return found


def _number_checks(question: Question, field: str, value: str, given: str) -> list[Check]:
    code = question.code
    kind = "a whole number" if question.integer else "a number"
    scientific = f"regexp_full_match({raw(field)}, {literal(SCIENTIFIC)})"
    found = [
        _check(
            field,
            f"{given} and {scientific}",
            f"{literal(code + ' ')} || {_quoted_value(field)} || "
            "' looks like a spreadsheet display, not the amount; format the column as a number and save again'",
        ),
        _check(
            field,
            f"{given} and {value} is null and not {scientific}",
            f"{literal(code + ' ')} || {_quoted_value(field)} || {literal(f' is not {kind}')}",
        ),
    ]
    if question.integer:
        found.append(
            _check(
                field,
                f"{value} is not null and try_cast({raw(field)} as double) <> {value}",
                f"{literal(code + ' ')} || {_quoted_value(field)} || ' is not a whole number'",
            )
        )
    if question.minimum is not None:
        found.append(
            _check(
                field,
                f"{value} < {question.minimum}",
                f"{literal(code + ' ')} || {_quoted_value(field)} || "
                f"{literal(f' is below the minimum of {_amount(question, question.minimum)}')}",
            )
        )
    if question.maximum is not None:
        found.append(
            _check(
                field,
                f"{value} > {question.maximum}",
                f"{literal(code + ' ')} || {_quoted_value(field)} || "
                f"{literal(f' is above the maximum of {_amount(question, question.maximum)}')}",
            )
        )
    return found


def _amount(question: Question, number: float) -> str:
    """A limit as the person reads it: £50,000,000 for money, 730 for days."""
    return f"£{number:,.0f}" if question.unit == "GBP" else f"{number:,g}"


def _org_checks(question: Question, field: str, value: str, given: str) -> list[Check]:
    kinds = ", ".join(question.org_types)
    types = ", ".join(literal(t) for t in question.org_types)
    if question.multiple:
        bad = (
            f"exists (select 1 from (select unnest({value}) as c) as u where u.c <> '' and u.c not in "
            f"(select o.code from organisations as o where o.type in ({types})))"
        )
        return [
            _check(
                field,
                f"{given} and {bad}",
                f"{literal(question.code + ' ')} || {_quoted_value(field)} || "
                f"{literal(f' names an organisation that is not known (expected {kinds} codes separated by ;)')}",
            )
        ]
    return [
        _check(
            field,
            f"{given} and {value} is null",
            f"{literal(question.code + ' ')} || {_quoted_value(field)} || "
            f"{literal(f' is not a known organisation code (expected a {kinds} code)')}",
        ),
        _check(field, f"{value} is not null and {_out_of_time(value)} is not null", _out_of_time(value)),
    ]


def _out_of_time(code: str) -> str:
    """Why an organisation code cannot answer for the wave (it had not started, or had closed), with its one
    successor or predecessor when there is exactly one; null when it existed during the wave."""
    return f"""(select o.code || ' did not exist in ' || w.period || ' ('
        || case when o.valid_from > w.closes then 'from ' || strftime(o.valid_from, '%-d %B %Y')
            else 'until ' || strftime(o.valid_to, '%-d %B %Y') end || ')'
        || coalesce(case when o.valid_to < w.opens then
            (select '; its successor is ' || max(s.successor_code) from org_successions as s
             where s.predecessor_code = o.code having count(distinct s.successor_code) = 1)
          else (select '; its predecessor was ' || max(s.predecessor_code) from org_successions as s
             where s.successor_code = o.code having count(distinct s.predecessor_code) = 1) end, '')
        from _wave as w, organisations as o
        where o.code = {code} and (o.valid_from > w.closes or o.valid_to < w.opens))"""


def validation_sql(survey: Survey) -> str:
    """Every problem in the batch as rows of (_row, field, value, reason).

    All checks run in one pass over the rows `_parsed` marks suspect: each gets the list of its problems,
    which is then unnested (one wide projection plans far faster than a union of a hundred joins). Only
    those rows are joined to their answers and to the text as received (which the problems quote): most
    rows have none, and joining every row's hundred-odd columns cost more than all the checks.
    """
    found = ",\n    ".join(check.problem for question in survey.questions for check in checks(survey, question))
    return (
        "select _row, problem.field as field, problem.value as value, problem.reason as reason from (\n"
        "select p._row, unnest(list_filter([\n    " + (found or "null") + "\n], lambda x: x is not null)) as problem\n"
        f"from (select * from _parsed where _suspect) as p join _answers as {ANSWERS} using (_row) "
        "join _batch as b using (_row))"
    )
