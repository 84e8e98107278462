"""The typed column each question fills in its `response_<survey>` table."""

from __future__ import annotations

from surveys import Question, Survey

# columns every typed response table has before the answers (see migration 0003)
META_COLUMNS = (
    "response_id",
    "raw_id",
    "batch_id",
    "survey_version",
    "source",
    "source_id",
    "version",
    "is_current",
    "is_complete",
    "wave_id",
    "is_demo",
    "late",
    "landed_at",
)


def sql_type(question: Question) -> str:
    match question.type:
        case "multi":
            return "boolean"
        case "number" if question.unit == "GBP":
            return "decimal(18, 2)"
        case "number":
            return "bigint" if question.integer else "double"
        case "date":
            return "date"
        case "org" if question.multiple:
            return "varchar[]"
        case _:
            return "varchar"


def typed_columns(survey: Survey) -> list[tuple[str, str]]:
    """(column, SQL type) for every answer column, in definition order."""
    return [(column, sql_type(q)) for q in survey.questions for column in q.columns]
