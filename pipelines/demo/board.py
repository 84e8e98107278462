"""Demo action plan and KPIs for the Carers Board (replaceable; every row marked demo).

The actions are those a council carers' strategy of 2011/12 typically promised; owners are job
titles, not people. Updates run over the four demo quarters so the Board sees each action's history.
"""

from __future__ import annotations

from datetime import date

import duckdb

from pipelines.action_plan import add_action, add_kpi, add_update, record_kpi_value

# title, owner, target date, measure, the 2008 outcome it serves, RAG per quarter (2011-Q2 .. 2012-Q1), last narrative
ACTIONS: tuple[tuple[str, str, date, str, str | None, tuple[str, ...], str], ...] = (
    (
        "Complete carers' assessments within 28 days of request",
        "Head of Adult Social Care",
        date(2012, 3, 31),
        "% of carers' assessments completed within 28 days",
        "well",
        ("red", "amber", "amber", "green"),
        "Duty team now books the assessment at first contact.",
    ),
    (
        "Set team targets for carers' assessments",
        "Assessment Team Managers",
        date(2011, 9, 30),
        "Carers' assessments completed per team per quarter",
        "well",
        ("amber", "green", "green", "green"),
        "Targets agreed with all six locality teams and reported monthly.",
    ),
    (
        "Set up a formal Carers Board with terms of reference",
        "Director of Adult Services",
        date(2011, 6, 30),
        "Terms of reference agreed; Board meets quarterly",
        "expert_partners",
        ("green", "green", "green", "green"),
        "Board met four times; carers hold three of the nine seats.",
    ),
    (
        "Build partnerships with health, Jobcentre Plus and district councils (housing)",
        "Carers' Strategy Lead",
        date(2012, 3, 31),
        "Partners signed up to the joint carers' strategy",
        "financial_hardship",
        ("amber", "amber", "amber", "amber"),
        "PCT and Jobcentre Plus signed; two district councils still to agree.",
    ),
    (
        "Keep the voucher-based 'take a break' respite scheme available across the county and monitor its quality",
        "Commissioning Manager, Carers",
        date(2012, 3, 31),
        "% of carers who had a break in the last 12 months",
        "life_of_their_own",
        ("green", "amber", "red", "amber"),
        "Voucher uptake fell in the east after a provider closed; new provider from March.",
    ),
    (
        "Develop the market for specialist carers' services",
        "Commissioning Manager, Carers",
        date(2012, 3, 31),
        "New specialist services commissioned",
        "life_of_their_own",
        ("red", "red", "amber", "amber"),
        "Two market-shaping events held; one dementia sitting service commissioned.",
    ),
    (
        "Reach carers not yet in touch with services",
        "Carers' Centre (fictional, demo) with GP practices",
        date(2012, 3, 31),
        "New carers registered with the carers' centre",
        "expert_partners",
        ("amber", "amber", "green", "green"),
        "GP carers' registers in 40 practices; 310 new carers registered this year.",
    ),
    (
        "Improve paper and web information for carers",
        "Information and Advice Manager",
        date(2011, 12, 31),
        "% of carers finding information easy to find",
        "expert_partners",
        ("amber", "amber", "red", "amber"),
        "Web pages rewritten with carers; the printed guide slipped to April.",
    ),
    (
        "Staff training, roadshows and briefings on carers' rights",
        "Workforce Development Lead",
        date(2012, 3, 31),
        "Staff trained; roadshows held",
        "expert_partners",
        ("green", "green", "amber", "green"),
        "420 staff trained; eight roadshows in libraries and markets.",
    ),
)
QUARTERS = ("2011-Q2", "2011-Q3", "2011-Q4", "2012-Q1")

# code, name, unit, target, direction, amber_within, source, computed_from, hand-entered values per quarter
KPIS = (
    (
        "assessments_28d",
        "Carers' assessments completed within 28 days",
        "%",
        80.0,
        "up",
        10.0,
        "council assessment records, entered quarterly",
        None,
        (58.0, 66.0, 72.0, 81.0),
    ),
    (
        "survey_responses",
        "Carer survey responses received",
        "responses",
        1000.0,
        "up",
        200.0,
        "computed from carer experience responses",
        "survey_responses",
        None,
    ),
    (
        "published_plans",
        "Commissioners with a published plan for breaks",
        "commissioners",
        75.0,
        "up",
        25.0,
        "computed from commissioner returns",
        "published_plans",
        None,
    ),
    (
        "complaints_breaks",
        "Complaints about the respite voucher scheme",
        "complaints",
        10.0,
        "down",
        5.0,
        "customer relations, entered quarterly",
        None,
        (7.0, 12.0, 19.0, 11.0),
    ),
)


def seed_board(con: duckdb.DuckDBPyConnection) -> int:
    """Add the demo action plan and KPIs unless demo actions are already there; returns actions added."""
    if con.execute("select count(*) from action_plan where is_demo").fetchall()[0][0]:
        return 0
    for title, owner, target_date, measure, outcome, rags, last in ACTIONS:
        action_id = add_action(con, title, owner, target_date, measure, outcome=outcome, demo=True)
        for quarter, rag in zip(QUARTERS, rags, strict=False):
            narrative = last if quarter == QUARTERS[-1] else f"{quarter}: {rag} - progress reported to the Board."
            add_update(con, action_id, quarter, rag, narrative, None, "demo", demo=True)
    for code, name, unit, target, direction, amber, source, computed, values in KPIS:
        add_kpi(con, name, unit, target, direction, amber, source=source, computed_from=computed, code=code, demo=True)
        for quarter, value in zip(QUARTERS, values or (), strict=False):
            record_kpi_value(con, code, quarter, value, None, entered_by="demo", demo=True)
    return len(ACTIONS)
