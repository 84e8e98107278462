"""The review's sections that read the dashboards' marts: plans, co-production, money, carers' experience.

Every table goes through `presentation.tables.for_people` and every figure through `presentation.formats`,
so the page and the pack read alike and nothing reaches the Board as a code or a placeholder.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from board import queries
from board.review_types import Figure, Quote, Section
from presentation import formats, labels
from presentation.changes import half_width, judge
from presentation.tables import for_people


def gap_figures(head: pd.Series) -> list[Figure]:
    """The co-production headline on one base: the commissioners that both answered and were rated."""
    base = int(head["answered_and_rated"])
    of = f"of the {base:,} commissioners that answered and were rated"
    return [
        Figure(
            "Claim to work with carers' organisations",
            formats.percent(head["both_claiming_pct"], formats.NO_ANSWERS),
            note=of,
        ),
        Figure(
            "Judged not engaged at all",
            formats.percent(head["both_not_engaged_pct"], formats.NO_ANSWERS),
            note=f"{of}, by every organisation that rated them",
        ),
        Figure(
            "Gap",
            formats.points(head["gap_points"], formats.NO_ANSWERS),
            note="the first share minus the second, same commissioners",
        ),
    ]


def gap_sentences(head: pd.Series) -> list[str]:
    """The headline in one sentence, then the 2011 report's reading with its two bases stated."""
    base = int(head["answered_and_rated"])
    if not base:
        headline = "No commissioner both answered and was rated, so the claims cannot be set against the ratings yet."
    else:
        headline = (
            f"Of the {base:,} commissioners that answered and were rated, "
            f"{formats.percent(head['both_claiming_pct'])} claim to work with carers' organisations and "
            f"{formats.percent(head['both_not_engaged_pct'])} were judged not engaged at all by every "
            "organisation that rated them."
        )
    report = (
        "The 2011 report's reading, on two bases: "
        f"{formats.percent(head['claiming_pct'], formats.NO_ANSWERS)} of the {int(head['responders']):,} "
        "commissioners that answered claim to work with carers' organisations; "
        f"{formats.percent(head['not_engaged_pct'], 'none')} of the {int(head['rated']):,} commissioners rated "
        "were judged not engaged at all."
    )
    return [headline, report]


def plans_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    status = queries.mart(
        con,
        "select status, commissioners, all_commissioners, responders, pct_of_all, pct_of_responders "
        "from mart_plan_status where period = ? order by sort_order",
        quarter,
    )
    gap = queries.mart(con, "select * from mart_coproduction_headlines where period = ?", quarter)
    if status.empty:
        return Section("plans", "Plans and co-production", "No commissioners' returns for this quarter.")
    asked, answered = int(status["all_commissioners"].iloc[0]), int(status["responders"].iloc[0])
    table = for_people(status, ["status", "commissioners", "pct_of_all", "pct_of_responders"])
    return Section(
        "plans",
        "Plans and co-production",
        f"Plan status of the {asked:,} commissioners asked, and of the {answered:,} that answered.",
        figures=gap_figures(gap.iloc[0]) if not gap.empty else [],
        lines=gap_sentences(gap.iloc[0]) if not gap.empty else [],
        tables=[("Plan status", table)],
    )


MONEY_TOTALS = ("allocation", "planned_spend", "actual_spend")


def _money_totals(con: duckdb.DuckDBPyConnection, quarter: str | None) -> pd.Series | None:
    if quarter is None:
        return None
    found = queries.mart(
        con,
        "select count(*) as asked, count(*) filter (where reports_none) as reporting_none, "
        "sum(allocation) as allocation, sum(planned_spend) as planned_spend, sum(actual_spend) as actual_spend "
        "from mart_breaks_money where period = ?",
        quarter,
    ).iloc[0]
    return found if found["asked"] else None


def money_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    money = _money_totals(con, quarter)
    if money is None:
        return Section("money", "Breaks money", "No commissioners' returns for this quarter.")
    previous_quarter = queries.previous_quarter(con, quarter)
    before = _money_totals(con, previous_quarter)
    since = queries.wave_name(con, previous_quarter) if previous_quarter else None
    figures = [
        Figure(
            labels.column(total).label,
            formats.pounds(money[total], "none reported"),
            judge(
                money[total],
                None if before is None else before[total],
                since=since,
                higher_is_better=True,
                unit="pounds",
            ),
            "total of what commissioners report",
        )
        for total in MONEY_TOTALS
    ]
    figures.append(
        Figure(
            "Reporting no breaks money",
            f"{int(money['reporting_none']):,} of {int(money['asked']):,}",
            judge(
                money["reporting_none"],
                None if before is None else before["reporting_none"],
                since=since,
                higher_is_better=False,
            ),
            "of the commissioners asked: no return, or every money question blank",
        )
    )
    none = queries.mart(
        con,
        "select name, org_code, type, responded from mart_breaks_money where period = ? and reports_none order by name",
        quarter,
    )
    return Section(
        "money",
        "Breaks money",
        "Totals of what commissioners report; those reporting none are listed.",
        figures=figures,
        tables=[("Commissioners reporting no breaks money", for_people(none))] if not none.empty else [],
    )


def published_words(value: object, wave: object, same_year: object) -> str:
    """A published benchmark with the year it is for: '72.3 (same year)' or '72.3 (nearest published
    year, 2014-15)', so that one year is never passed off as another."""
    if formats.missing(value):
        return "not published"
    shown = formats.number(value)
    same = not formats.missing(same_year) and bool(same_year)
    return f"{shown} (same year)" if same else f"{shown} (nearest published year, {wave})"


def _england(row: pd.Series) -> str:
    return published_words(row["england"], row["england_wave"], row["same_year"])


def carers_section(con: duckdb.DuckDBPyConnection, quarter: str) -> Section:
    measures = queries.mart(con, queries.sql("carer_vs_england"), quarter, named=True)
    if measures.empty:
        return Section("carers", "Carers' experience", "No carer survey answers for this quarter.")
    previous_quarter = queries.previous_quarter(con, quarter)
    since = queries.wave_name(con, previous_quarter) if previous_quarter else None
    before = (
        queries.mart(con, queries.sql("carer_vs_england"), previous_quarter, named=True).set_index("measure")
        if previous_quarter
        else pd.DataFrame()
    )
    table = for_people(measures, ["measure", "value", "ci_lower", "ci_upper", "base"])
    table["England"] = [_england(row) for _, row in measures.iterrows()]
    changes = []
    for _, row in measures.iterrows():
        earlier = before.loc[row["measure"]] if row["measure"] in before.index else None
        change = judge(
            row["value"],
            None if earlier is None else earlier["value"],
            since=since,
            higher_is_better=True,
            unit="points" if row["unit"] == "percent" else "score",
            half_widths=(
                half_width(row["ci_lower"], row["ci_upper"]),
                None if earlier is None else half_width(earlier["ci_lower"], earlier["ci_upper"]),
            ),
        )
        changes.append("no earlier wave to compare with" if change is None else change.words)
    table[f"Change since {since}" if since else "Change"] = changes
    return Section(
        "carers",
        "Carers' experience against England",
        "All areas this wave, with the 95% interval and base, beside England's published value: the same "
        "year where there is one, otherwise the nearest published year. A change is clear only when it is "
        "larger than the 95% interval of the difference.",
        tables=[("National carer measures", table)],
    )


def quotes_section(con: duckdb.DuckDBPyConnection, quarter: str, threshold: int) -> Section:
    """One comment per theme, from waves and areas at or above the threshold, never the same words twice."""
    candidates = con.execute(queries.sql("quotes"), {"quarter": quarter, "threshold": threshold}).df()
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for theme, comment in zip(candidates["theme"], candidates["comment"], strict=True):
        said = " ".join(str(comment).split()).casefold()
        if theme not in chosen and said not in used:
            chosen[theme] = comment
            used.add(said)
    return Section(
        "quotes",
        "In carers' words",
        "One comment per theme, with names and contact details removed, only from areas with at least "
        f"{threshold} comments."
        if chosen
        else "No comment can be quoted this wave: too few carers commented for their words to be shown safely.",
        quotes=[Quote(comment, labels.value("theme", theme)) for theme, comment in chosen.items()],
    )
