"""Action plan: the Board keeps its plan here. Each quarter's update of an action (RAG, narrative, evidence),
adding, changing and closing actions, and the KPIs with their targets, rules and hand-entered values.

Every change goes through pipelines.action_plan, which audits it. Updates are only ever added, so each
action keeps its history; a closed action leaves the open list and keeps it too. The RAG status has no
default: a Board member says red, amber or green, or the update is not saved.
"""

from collections.abc import Callable
from typing import Any

import streamlit as st

from board.queries import action_status
from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown, unchosen_radio, wave_picker
from pipelines import action_plan as plan
from presentation import labels
from presentation.formats import day, period_name
from presentation.tables import for_people

user = require_role("board", "administrator")
st.title("Action plan")
st.write(
    "Record each quarter's progress on the Board's actions, add, change and close actions, and set the KPIs' "
    "targets. Earlier updates are kept as each action's history."
)
con = cursor()
quarter = wave_picker(None, key="action_plan_quarter")
outcomes = plan.outcome_titles()


def saving(
    feedback: str,
    save: Callable[..., Any],
    done: str | Callable[[Any], str],
    clear: tuple[str, ...] = (),
    bound: tuple = (),
) -> Callable[[], None]:
    """A form's submit callback: run `save` on a cursor of its own (it runs at the start of the next run),
    and keep the sentence saying what was done (`done`, or `done` of what `save` returned) or the refusal's
    for that run; clear the form's fields only when it saved. What `save` needs from this run (the chosen
    action, the fields' prefix) is `bound` now and passed after the cursor, never read later from a name
    that this script may since have given another value."""

    def run() -> None:
        try:
            result = save(cursor(), *bound)
            said = ("success", done if isinstance(done, str) else done(result))
        except plan.PlanRefused as refusal:
            said = ("error", str(refusal))
        st.session_state[feedback] = said
        if said[0] == "success":
            for key in clear:
                st.session_state.pop(key, None)

    return run


def say(feedback: str) -> None:
    kind, sentence = st.session_state.pop(feedback, (None, None))
    if kind == "success":
        st.success(escape_markdown(sentence))  # it may quote a title someone typed
    elif kind == "error":
        st.error(sentence)


def changed_words(changed: list[str]) -> str:
    names = [
        labels.column({"name": "kpi_name", "direction": "better_when", "outcome": "outcome_title"}.get(f, f)).label
        for f in changed
    ]
    return "Saved: " + ", ".join(name.lower() for name in names) + " changed." if names else "Nothing was changed."


updates, keeping, measuring = st.tabs(["Quarterly update", "Add, change or close actions", "KPIs"])
open_actions = plan.actions(con, open_only=True)
titles = dict(zip(open_actions["action_id"].astype(int), open_actions["title"], strict=True))

with updates:
    if not titles:
        st.info("There is no open action. Add one under “Add, change or close actions”.")
    elif quarter is None:
        st.info("Updates are recorded for a survey quarter, and no wave has been opened yet.")
    else:
        shown_quarter: str = quarter
        action_id: int = st.selectbox(
            "Action", list(titles), format_func=lambda a: titles[a], key="action_plan_action"
        ) or next(iter(titles))
        row = plan.action(con, action_id)
        due = day(row["target_date"], "no target date")
        st.caption(
            f"Owner: {escape_markdown(row['owner'])} · target date: {due} · "
            f"outcome: {escape_markdown(outcomes.get(row['outcome'], 'none chosen'))} · "
            f"measure: {escape_markdown(row['measure'] or 'none given')}"
        )
        fields = ("action_plan_rag", "action_plan_narrative", "action_plan_evidence")
        with st.form("action_plan_update"):
            unchosen_radio("RAG status", plan.RAGS, "rag", key="action_plan_rag")
            st.text_area("What happened this quarter", key="action_plan_narrative")
            st.text_input("Link to evidence (optional)", key="action_plan_evidence")
            st.form_submit_button(
                "Save update",
                on_click=saving(
                    "action_plan_update_said",
                    lambda con, action_id, quarter: plan.add_update(
                        con,
                        action_id,
                        quarter,
                        st.session_state["action_plan_rag"],
                        st.session_state["action_plan_narrative"],
                        st.session_state["action_plan_evidence"].strip() or None,
                        user.username,
                    ),
                    f"Update for {period_name(shown_quarter)} saved.",
                    fields,
                    (action_id, shown_quarter),
                ),
            )
        say("action_plan_update_said")
        st.subheader("History of this action")
        st.dataframe(for_people(plan.history(con, action_id)), hide_index=True)
    if quarter is not None:
        # a wave may have a name of its own
        st.subheader(f"All actions at the end of {escape_markdown(period_name(quarter))}")
        st.dataframe(
            for_people(action_status(con, quarter), ["title", "owner", "target_date", "rag", "overdue", "quarter"]),
            hide_index=True,
        )


def action_fields(prefix: str, row: dict | None = None) -> None:
    """The fields of an action, empty for a new one or holding the action's values to change them."""
    row = row or {}
    st.text_input("Title", value=row.get("title", ""), key=f"{prefix}_title")
    st.text_input("Owner (a job title)", value=row.get("owner", ""), key=f"{prefix}_owner")
    st.date_input("Target date", value=row.get("target_date"), key=f"{prefix}_target_date", format="DD/MM/YYYY")
    codes: list[str] = list(outcomes)
    st.selectbox(
        "Outcome of the 2008 carers' strategy it serves",
        codes,
        index=codes.index(row["outcome"]) if row.get("outcome") in codes else None,
        format_func=lambda code: outcomes[code],
        placeholder="Choose an outcome (optional)",
        key=f"{prefix}_outcome",
    )
    st.text_input("Measure (how the Board will know)", value=row.get("measure") or "", key=f"{prefix}_measure")


def field_values(prefix: str, fields: tuple[str, ...] = plan.ACTION_FIELDS) -> dict:
    """What a form's fields (named `{prefix}_{field}`) hold, by field."""
    return {name: st.session_state[f"{prefix}_{name}"] for name in fields}


def adding(
    form: str,
    prefix: str,
    draw: Callable[[str], None],
    fields: tuple[str, ...],
    button: str,
    add: Callable[..., Any],
    done: str,
) -> None:
    """A form that adds an action or a KPI: its empty fields, and a button that adds what they hold."""
    with st.form(form):
        draw(prefix)
        st.form_submit_button(
            button,
            on_click=saving(
                f"{form}_said",
                lambda con: add(con, **field_values(prefix, fields), added_by=user.username),
                done,
                tuple(f"{prefix}_{name}" for name in fields),
            ),
        )
    say(f"{form}_said")


with keeping:
    st.subheader("Add an action")
    adding(
        "action_plan_add",
        "action_plan_new",
        action_fields,
        plan.ACTION_FIELDS,
        "Add the action",
        plan.add_action,
        "Action added to the open list.",
    )

    if titles:
        st.subheader("Change or close an action")
        chosen: int = st.selectbox(
            "Action", list(titles), format_func=lambda a: titles[a], key="action_plan_edit_action"
        ) or next(iter(titles))
        row = plan.action(con, chosen)
        prefix = f"action_plan_edit_{chosen}"
        with st.form("action_plan_edit"):
            action_fields(prefix, row)
            st.form_submit_button(
                "Save the changes",
                on_click=saving(
                    "action_plan_edit_said",
                    lambda con, chosen, prefix: plan.edit_action(
                        con, chosen, **field_values(prefix), edited_by=user.username
                    ),
                    changed_words,
                    bound=(chosen, prefix),
                ),
            )
        say("action_plan_edit_said")
        with st.form("action_plan_close"):
            unchosen_radio("How did it end?", plan.CLOSINGS, "action_state", key="action_plan_close_how")
            st.text_input("Why it is closed", key="action_plan_close_note")
            st.form_submit_button(
                "Close the action",
                on_click=saving(
                    "action_plan_close_said",
                    lambda con, chosen: plan.close_action(
                        con,
                        chosen,
                        st.session_state["action_plan_close_how"],
                        st.session_state["action_plan_close_note"],
                        closed_by=user.username,
                    ),
                    "Action closed: it has left the open list and keeps its history.",
                    ("action_plan_close_how", "action_plan_close_note"),
                    (chosen,),
                ),
            )
        say("action_plan_close_said")

    closed = plan.actions(con, open_only=False).query("action_state != 'open'")
    st.subheader("Closed actions")
    if closed.empty:
        st.write("No action has been closed yet.")
    else:
        st.dataframe(
            for_people(
                closed, ["title", "owner", "outcome_title", "action_state", "closed_at", "closed_by", "closing_note"]
            ),
            hide_index=True,
        )


def kpi_fields(prefix: str, row: dict | None = None) -> None:
    """A KPI's name, unit, target and rule (mart_kpi_rag's): empty for a new one, or holding its values."""
    row = row or {}
    st.text_input("Name", value=row.get("name", ""), key=f"{prefix}_name")
    st.text_input("Unit (%, carers, complaints...)", value=row.get("unit") or "", key=f"{prefix}_unit")
    st.number_input("Target", value=row.get("target"), key=f"{prefix}_target")
    st.radio(
        "Which way is better?",
        plan.DIRECTIONS,
        index=plan.DIRECTIONS.index(row["direction"]) if row.get("direction") in plan.DIRECTIONS else None,
        horizontal=True,
        format_func=lambda direction: labels.value("better_when", direction),
        key=f"{prefix}_direction",
    )
    st.number_input(
        "Amber margin: short of the target by at most this (in the KPI's unit) is amber, by more is red",
        min_value=0.0,
        value=row.get("amber_within"),
        key=f"{prefix}_amber_within",
    )


with measuring:
    every_kpi = plan.kpis(con)
    if every_kpi.empty:
        st.write("There is no KPI yet.")
    else:
        st.dataframe(
            for_people(every_kpi, ["kpi_name", "unit", "target", "better_when", "amber_within", "source"]),
            hide_index=True,
        )
    st.subheader("Add a KPI")
    adding(
        "action_plan_kpi_add",
        "action_plan_kpi_new",
        kpi_fields,
        plan.KPI_FIELDS,
        "Add the KPI",
        plan.add_kpi,
        "KPI added: enter its value each quarter below.",
    )

    if not every_kpi.empty:
        names = dict(zip(every_kpi["kpi_code"], every_kpi["kpi_name"], strict=True))
        st.subheader("Change a KPI")
        code: str = st.selectbox(
            "KPI", list(names), format_func=lambda c: names[c], key="action_plan_kpi_edit"
        ) or next(iter(names))
        kpi_prefix = f"action_plan_kpi_edit_{code}"
        with st.form("action_plan_kpi_edit_form"):
            kpi_fields(kpi_prefix, plan.kpi(con, code))
            st.form_submit_button(
                "Save the changes",
                on_click=saving(
                    "action_plan_kpi_edit_said",
                    lambda con, code, prefix: plan.edit_kpi(
                        con, code, **field_values(prefix, plan.KPI_FIELDS), edited_by=user.username
                    ),
                    changed_words,
                    bound=(code, kpi_prefix),
                ),
            )
        say("action_plan_kpi_edit_said")

        entered = every_kpi[~every_kpi["computed"]]
        if quarter is not None and not entered.empty:
            value_quarter: str = quarter
            st.subheader(f"Enter a value for {escape_markdown(period_name(quarter))}")
            with st.form("action_plan_kpi_value"):
                st.selectbox(
                    "KPI", list(entered["kpi_code"]), format_func=lambda c: names[c], key="action_plan_kpi_value_code"
                )
                st.number_input("Value", value=None, key="action_plan_kpi_value")
                st.text_input("Note (optional)", key="action_plan_kpi_value_note")
                st.form_submit_button(
                    "Save the value",
                    on_click=saving(
                        "action_plan_kpi_value_said",
                        lambda con, quarter: plan.record_kpi_value(
                            con,
                            st.session_state["action_plan_kpi_value_code"],
                            quarter,
                            st.session_state["action_plan_kpi_value"],
                            st.session_state["action_plan_kpi_value_note"],
                            entered_by=user.username,
                        ),
                        f"Value for {period_name(value_quarter)} saved.",
                        ("action_plan_kpi_value", "action_plan_kpi_value_note"),
                        (value_quarter,),
                    ),
                )
            say("action_plan_kpi_value_said")
