"""The Board's plan: actions (added, edited, closed), their quarterly updates (only ever added), and KPIs.

Every change a person makes is audited (accounts.audit) with what it was before; the demo seeding is not a
person's change and is marked `is_demo` instead. A closed action leaves the open list and keeps every
update as its history. A KPI's RAG follows the rule of mart_kpi_rag: green when the value meets the target
in the KPI's direction, amber when short of it by at most `amber_within`, red otherwise.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pandas as pd

import surveys
from accounts import audit
from pipelines.errors import PipelineError

RAGS = ("red", "amber", "green")
DIRECTIONS = ("up", "down")  # higher is better, lower is better
CLOSINGS = ("done", "dropped")
ACTION_FIELDS = ("title", "owner", "target_date", "outcome", "measure")
KPI_FIELDS = ("name", "unit", "target", "direction", "amber_within")


class PlanRefused(PipelineError):
    """A change to the plan that cannot be made as given; the message is one sentence saying what to do."""


def outcome_titles() -> dict[str, str]:
    """The 2008 strategy's outcomes an action can serve, code to title (surveys/outcomes.yaml)."""
    return {outcome["code"]: outcome["title"] for outcome in surveys.outcomes()}


def _action_values(title: str, owner: str, outcome: str | None) -> tuple[str, str]:
    title, owner = title.strip(), owner.strip()
    if not title:
        raise PlanRefused("Give the action a title before saving.")
    if not owner:
        raise PlanRefused("Say who owns the action before saving.")
    if outcome is not None and outcome not in outcome_titles():
        raise PlanRefused("Choose one of the five outcomes of the 2008 carers' strategy, or none.")
    return title, owner


def add_action(
    con: duckdb.DuckDBPyConnection,
    title: str,
    owner: str,
    target_date: date | None,
    measure: str | None,
    *,
    outcome: str | None = None,
    added_by: str | None = None,
    demo: bool = False,
) -> int:
    title, owner = _action_values(title, owner, outcome)
    action_id = con.execute(
        "insert into action_plan (title, owner, target_date, measure, outcome, is_demo) values (?, ?, ?, ?, ?, ?) "
        "returning action_id",
        [title, owner, target_date, measure or None, outcome, demo],
    ).fetchall()[0][0]
    if not demo:
        audit.record(con, added_by, "action_added", action_id=action_id, title=title)
    return action_id


def _one(con: duckdb.DuckDBPyConnection, sql: str, key: object, missing: str) -> dict:
    """One row as a dict of Python values (None, never NaN or NaT, so that a change is told from none)."""
    cursor = con.execute(sql, [key])
    found = cursor.fetchall()
    if not found:
        raise PlanRefused(missing)
    return dict(zip([column[0] for column in cursor.description], found[0], strict=True))


def action(con: duckdb.DuckDBPyConnection, action_id: int) -> dict:
    """One action as it stands: its fields, status and closing."""
    return _one(
        con,
        "select action_id, title, owner, target_date, outcome, measure, status, closed_at, closed_by, closing_note "
        "from action_plan where action_id = ?",
        int(action_id),
        f"There is no action number {action_id}; choose one from the list.",
    )


def edit_action(
    con: duckdb.DuckDBPyConnection,
    action_id: int,
    *,
    title: str,
    owner: str,
    target_date: date | None,
    outcome: str | None,
    measure: str | None,
    edited_by: str,
) -> list[str]:
    """Change an open action's fields; returns the fields that changed (audited with their old values)."""
    before = action(con, action_id)
    if before["status"] != "open":
        raise PlanRefused("This action is closed, so it cannot be changed; add a new action instead.")
    title, owner = _action_values(title, owner, outcome)
    after = {"title": title, "owner": owner, "target_date": target_date, "outcome": outcome, "measure": measure or None}
    return _save_changes(con, "action_plan", "action_id", action_id, before, after, edited_by, "action_changed")


def _save_changes(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key_column: str,
    key: object,
    before: dict,
    after: dict,
    by: str,
    audited_as: str,
) -> list[str]:
    """Write the fields of `after` that differ from `before` and audit them with what they were; returns
    their names (none changed: nothing written, nothing audited). Table and columns are this module's own."""
    changed = [field for field in after if before[field] != after[field]]
    if changed:
        assignments = ", ".join(f"{field} = ?" for field in changed)
        con.execute(f"update {table} set {assignments} where {key_column} = ?", [*(after[f] for f in changed), key])
        audit.record(
            con,
            by,
            audited_as,
            **{key_column: key},
            changed={field: {"was": before[field], "now": after[field]} for field in changed},
        )
    return changed


def close_action(con: duckdb.DuckDBPyConnection, action_id: int, how: str, note: str, *, closed_by: str) -> None:
    """Close an action as done or dropped, saying why; it leaves the open list and keeps its updates."""
    if how not in CLOSINGS:
        raise PlanRefused("Say whether the action was done or dropped before closing it.")
    if not note.strip():
        raise PlanRefused("Say in a few words why the action is closed before closing it.")
    if action(con, action_id)["status"] != "open":
        raise PlanRefused("This action is already closed.")
    con.execute(
        "update action_plan set status = ?, closed_at = current_timestamp, closed_by = ?, closing_note = ? "
        "where action_id = ?",
        [how, closed_by, note.strip(), action_id],
    )
    audit.record(con, closed_by, "action_closed", action_id=action_id, how=how)


def actions(con: duckdb.DuckDBPyConnection, *, open_only: bool) -> pd.DataFrame:
    """The plan's actions, open ones only or every one, with the outcome each serves in words."""
    found = con.execute(
        "select action_id, title, owner, target_date, outcome, measure, status as action_state, closed_at, "
        "closed_by, closing_note from action_plan where status = 'open' or not ? order by action_id",
        [open_only],
    ).df()
    titles = outcome_titles()
    found["outcome_title"] = [titles.get(code) if isinstance(code, str) else None for code in found["outcome"]]
    return found


def add_update(
    con: duckdb.DuckDBPyConnection,
    action_id: int,
    quarter: str,
    rag: str | None,
    narrative: str,
    evidence_url: str | None,
    updated_by: str,
    *,
    demo: bool = False,
) -> None:
    """Record a quarterly update; earlier updates, even of the same quarter, are kept as history."""
    if rag not in RAGS:
        raise PlanRefused("Choose a RAG status (red, amber or green) before saving the update.")
    if not narrative.strip():
        raise PlanRefused("Write what happened this quarter before saving the update.")
    con.execute(
        "insert into action_updates (action_id, quarter, rag, narrative, evidence_url, updated_by, is_demo) "
        "values (?, ?, ?, ?, ?, ?, ?)",
        [action_id, quarter, rag, narrative.strip(), evidence_url or None, updated_by, demo],
    )
    if not demo:
        audit.record(con, updated_by, "action_updated", action_id=action_id, quarter=quarter, rag=rag)


def history(con: duckdb.DuckDBPyConnection, action_id: int):
    return con.execute(
        "select quarter, rag, narrative, evidence_url, updated_by, updated_at from action_updates "
        "where action_id = ? order by quarter, updated_at",
        [action_id],
    ).df()


# ---- KPIs ------------------------------------------------------------------------------------------------


def _kpi_values(name: str, target: float | None, direction: str | None, amber_within: float | None) -> str:
    name = name.strip()
    if not name:
        raise PlanRefused("Give the KPI a name before saving.")
    if target is None:
        raise PlanRefused("Give the KPI a target before saving.")
    if direction not in DIRECTIONS:
        raise PlanRefused("Say whether higher or lower is better for this KPI before saving.")
    if amber_within is None or amber_within < 0:
        raise PlanRefused("Give the amber margin (zero or more, in the KPI's unit) before saving.")
    return name


def kpi_code_for(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """A code made from the name (`carers_assessed_in_28_days`), numbered when another KPI has it."""
    stem = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:60] or "kpi"
    taken = {row[0] for row in con.execute("select kpi_code from kpis").fetchall()}
    code, number = stem, 2
    while code in taken:
        code, number = f"{stem}_{number}", number + 1
    return code


def add_kpi(
    con: duckdb.DuckDBPyConnection,
    name: str,
    unit: str | None,
    target: float | None,
    direction: str | None,
    amber_within: float | None,
    *,
    source: str = "entered by the Board",
    computed_from: str | None = None,
    code: str | None = None,
    added_by: str | None = None,
    demo: bool = False,
) -> str:
    """Add a KPI with its target and rule; returns its code."""
    name = _kpi_values(name, target, direction, amber_within)
    code = code or kpi_code_for(con, name)
    con.execute(
        "insert into kpis (kpi_code, name, unit, target, direction, amber_within, source, computed_from, is_demo) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
        [code, name, (unit or "").strip() or None, target, direction, amber_within, source, computed_from, demo],
    )
    if not demo:
        audit.record(con, added_by, "kpi_added", kpi_code=code, name=name, target=target, direction=direction)
    return code


def kpi(con: duckdb.DuckDBPyConnection, code: str) -> dict:
    return _one(
        con,
        "select kpi_code, name, unit, target, direction, amber_within, source, computed_from from kpis "
        "where kpi_code = ?",
        code,
        "There is no such KPI; choose one from the list.",
    )


def edit_kpi(
    con: duckdb.DuckDBPyConnection,
    code: str,
    *,
    name: str,
    unit: str | None,
    target: float | None,
    direction: str | None,
    amber_within: float | None,
    edited_by: str,
) -> list[str]:
    """Change a KPI's name, unit, target or rule; returns the fields that changed (audited with old values).
    Values already entered keep the target they were entered against, if they had one of their own."""
    before = kpi(con, code)
    name = _kpi_values(name, target, direction, amber_within)
    after = {
        "name": name,
        "unit": (unit or "").strip() or None,
        "target": target,
        "direction": direction,
        "amber_within": amber_within,
    }
    return _save_changes(con, "kpis", "kpi_code", code, before, after, edited_by, "kpi_changed")


def record_kpi_value(
    con: duckdb.DuckDBPyConnection,
    code: str,
    period: str,
    value: float | None,
    note: str | None,
    *,
    entered_by: str,
    demo: bool = False,
) -> None:
    """A hand-entered value for a quarter; a later entry for the same quarter replaces it in mart_kpi_rag."""
    if kpi(con, code)["computed_from"]:
        raise PlanRefused("This KPI is computed from the surveys, so its value cannot be entered by hand.")
    if value is None:
        raise PlanRefused("Give the value before saving.")
    con.execute(
        "insert into kpi_values (kpi_code, period, value, note, entered_by, is_demo) values (?, ?, ?, ?, ?, ?)",
        [code, period, value, (note or "").strip() or None, entered_by, demo],
    )
    if not demo:
        audit.record(con, entered_by, "kpi_value_entered", kpi_code=code, period=period, value=value)


def kpis(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every KPI with its target and rule (`better_when` is its direction, named for people)."""
    return con.execute(
        "select kpi_code, name as kpi_name, unit, target, direction as better_when, amber_within, source, "
        "computed_from is not null as computed from kpis order by name"
    ).df()
