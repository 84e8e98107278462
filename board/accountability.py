"""Names, not counts: who the quarter's waves asked and has not answered (the chase list), and the
commissioners whose claim to work with carers' organisations those organisations dispute, with their words.

The Who to chase page and the review (page and pack) read these, so the sentence a Board member reads
on screen is the one printed in the pack.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from board import queries
from board.review_types import Figure, Section
from presentation import formats, labels
from presentation.tables import for_people

# who each survey asks, in words: one and many
ASKED = {
    "commissioner_return": ("commissioner", "commissioners"),
    "org_rating": ("carers' organisation", "carers' organisations"),
}
CHASE_COLUMNS = [
    "org_name",
    "org_code",
    "org_type",
    "contact_names",
    "contact_emails",
    "invited_at",
    "reminders_sent",
    "last_reminded_at",
    "missed_previous",
]
EVIDENCE_COLUMNS = ["commissioner_name", "commissioner_code", "median_rating", "rater_name", "rating", "evidence"]


def _noun(survey_code: str, n: int) -> str:
    one, many = ASKED[survey_code]
    return f"{n:,} {one if n == 1 else many}"


def wave_returns(con: duckdb.DuckDBPyConnection, quarter: str) -> pd.DataFrame:
    """Per survey: asked, answered, whether the wave is open, when it closes, the previous wave."""
    return queries.mart(con, queries.sql("wave_returns"), quarter, named=True)


def chase_list(con: duckdb.DuckDBPyConnection, quarter: str, survey_code: str | None = None) -> pd.DataFrame:
    """Those asked that have not answered, of one survey or (None) both; repeat non-responders first."""
    return con.execute(queries.sql("chase_list"), {"quarter": quarter, "survey": survey_code}).df()


def returns_sentence(row: pd.Series) -> str:
    """'23 of the 151 commissioners asked have answered so far; the wave closes on 31 March 2012.' while
    the wave is open (no conclusion about who will not answer), else who answered and who did not."""
    asked, answered = int(row["asked"]), int(row["answered"])
    if row["is_open"]:
        return (
            f"{answered:,} of {asked:,} returns so far from the {ASKED[row['survey_code']][1]} asked; "
            f"the wave closes on {formats.day(row['closes'])}."
        )
    if answered == asked:
        return f"All {_noun(row['survey_code'], asked)} asked answered."
    return f"{answered:,} of the {_noun(row['survey_code'], asked)} asked answered; {asked - answered:,} did not."


def missed_sentence(row: pd.Series) -> str | None:
    """'17 of the 38 that did not answer sent nothing in 2011-12 Q3 (...) either.'; None for a first wave
    or when nobody is missing."""
    if formats.missing(row["previous_period"]) or not row["not_answered"]:
        return None
    waiting = "not answered yet" if row["is_open"] else "that did not answer"
    return (
        f"{int(row['missed_previous']):,} of the {int(row['not_answered']):,} {waiting} also missed the previous "
        f"wave, {formats.period_name(row['previous_period'])}."
    )


CHASE_HEADINGS = {"org_code": "Code"}  # carers' organisations have no ODS code


def chase_columns(*, with_survey: bool = False) -> list[str]:
    """The chase list's columns; `with_survey` when one list holds both surveys' rows."""
    return ["survey_code", *CHASE_COLUMNS] if with_survey else CHASE_COLUMNS


def chase_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The chase list as the pack prints it (the page and its download show the same through `table`)."""
    return for_people(rows, chase_columns(), headings=CHASE_HEADINGS)


def chase_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    returns = wave_returns(con, quarter)
    if returns.empty:
        return Section("chase", "Who to chase", "No commissioner or carers' organisation was asked in this quarter.")
    rows = chase_list(con, quarter)
    figures, tables = [], []
    for _, wave in returns.iterrows():
        survey = wave["survey_code"]
        missing = rows[rows["survey_code"] == survey]
        figures.append(
            Figure(
                f"{labels.value('survey', survey)}: returns so far"
                if wave["is_open"]
                else labels.value("survey", survey),
                f"{int(wave['answered']):,} of {int(wave['asked']):,}",
                note=f"{ASKED[survey][1]} asked that answered",
            )
        )
        if missing.empty:
            continue
        if not formats.missing(wave["previous_period"]):
            figures.append(
                Figure(
                    "Also missed the previous wave",
                    f"{int(wave['missed_previous']):,}",
                    note=f"of the {int(wave['not_answered']):,} not answered, "
                    f"in {formats.period_name(wave['previous_period'])}",
                )
            )
        waiting = "not answered yet" if wave["is_open"] else "that did not answer"
        caption = f"{ASKED[survey][1].capitalize()} asked {waiting} ({int(wave['not_answered']):,})"
        tables.append((caption, chase_table(missing)))
    return Section(
        "chase",
        "Who to chase",
        " ".join(
            sentence
            for _, wave in returns.iterrows()
            for sentence in (returns_sentence(wave), missed_sentence(wave))
            if sentence
        )
        + (" Those that also missed the previous wave come first." if tables else ""),
        figures=figures,
        tables=tables,
    )


def disputed_evidence(con: duckdb.DuckDBPyConnection, quarter: str) -> pd.DataFrame:
    return queries.mart(con, queries.sql("disputed_evidence"), quarter, named=True)


def disputed_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    """Each disputed commissioner with every rating it received and what the organisation wrote."""
    evidence = disputed_evidence(con, quarter)
    title = "Disputed claims: what carers' organisations said"
    if evidence.empty:
        return Section("disputed", title, "No commissioner's claim to work with carers' organisations is disputed.")
    disputed = evidence["commissioner_code"].nunique()
    says = "commissioner says it works" if disputed == 1 else "commissioners say they work"
    return Section(
        "disputed",
        title,
        f"{disputed:,} {says} with carers' organisations, but the middle rating those organisations "
        "gave is below 2 (consulted). Each rating is listed with what the organisation wrote, with names and "
        "contact details removed.",
        tables=[(f"Ratings of disputed commissioners ({len(evidence):,})", for_people(evidence, EVIDENCE_COLUMNS))],
    )
