"""Our survey definitions as a LimeSurvey survey structure file (.lss), for organisations that run LimeSurvey.

The layout copies LimeSurvey 6.14.0's own export (DBVersion 630; `tests/fixtures/limesurvey/survey/
server_export_survey_246810.lss`): one section per table, each with its `fields` and `rows`, values in
CDATA. Question codes, answer codes, mandatory flags and show-if conditions (as relevance equations)
are kept, so responses exported from LimeSurvey come back with our own field names and need no mapping.
"""

from __future__ import annotations

from pathlib import Path

import surveys
from surveys import Question, Survey

DB_VERSION = "630"
LANGUAGE = "en"
QUESTION_FIELDS = [
    "qid",
    "parent_qid",
    "sid",
    "gid",
    "type",
    "title",
    "preg",
    "other",
    "mandatory",
    "encrypted",
    "question_order",
    "scale_id",
    "same_default",
    "relevance",
    "question_theme_name",
    "modulename",
    "same_script",
]
FIELDS = {
    "answers": ["aid", "qid", "code", "sortorder", "assessment_value", "scale_id"],
    "answer_l10ns": ["id", "aid", "answer", "language"],
    "groups": ["gid", "sid", "group_order", "randomization_group", "grelevance"],
    "group_l10ns": [
        "id",
        "gid",
        "group_name",
        "description",
        "language",
        "sid",
        "group_order",
        "randomization_group",
        "grelevance",
    ],
    "questions": QUESTION_FIELDS,
    "subquestions": QUESTION_FIELDS,
    "question_l10ns": ["id", "qid", "question", "help", "script", "language"],
    "question_attributes": ["qid", "attribute", "value", "language"],
}
# our type -> (LimeSurvey type, question theme); org pickers become short text holding the organisation code
TYPES = {
    "single": ("L", "listradio"),
    "multi": ("M", "multiplechoice"),
    "array": ("F", "arrays/array"),
    "number": ("N", "numerical"),
    "text": ("T", "longfreetext"),
    "date": ("D", "date"),
    "org": ("S", "shortfreetext"),
}
# as LimeSurvey 6.14.0 exported them, with our choices for anonymity and editing: a participant who comes
# back with their link finds their own response and may change it (token answers persistent, editable after
# completion; both need the survey not anonymised), rather than starting a second one (issue 19)
SURVEY_SETTINGS = {
    "gsid": "1",
    "admin": "Carers Monitor",
    "expires": None,
    "startdate": None,
    "adminemail": None,
    "anonymized": "N",
    "format": "G",
    "savetimings": "N",
    "template": "fruity_twentythree",
    "language": LANGUAGE,
    "additional_languages": None,
    "datestamp": "Y",
    "usecookie": "N",
    "allowregister": "N",
    "allowsave": "Y",
    "autonumber_start": "0",
    "autoredirect": "N",
    "allowprev": "Y",
    "printanswers": "N",
    "ipaddr": "N",
    "ipanonymize": "Y",
    "refurl": "N",
    "showsurveypolicynotice": "0",
    "publicstatistics": "N",
    "publicgraphs": "N",
    "listpublic": "N",
    "htmlemail": "Y",
    "sendconfirmation": "N",
    "tokenanswerspersistence": "Y",
    "assessments": "N",
    "usecaptcha": "N",
    "usetokens": "N",
    "bounce_email": None,
    "tokenlength": "15",
    "showxquestions": "Y",
    "showgroupinfo": "B",
    "shownoanswer": "Y",
    "showqnumcode": "X",
    "bounceprocessing": "N",
    "showwelcome": "Y",
    "showprogress": "Y",
    "questionindex": "0",
    "navigationdelay": "0",
    "nokeyboard": "N",
    "alloweditaftercompletion": "Y",
    "tokenencryptionoptions": None,
}
LANGUAGE_FIELDS = [
    "surveyls_survey_id",
    "surveyls_language",
    "surveyls_title",
    "surveyls_description",
    "surveyls_welcometext",
    "surveyls_endtext",
    "surveyls_dateformat",
    "surveyls_numberformat",
]


def relevance(survey: Survey, question: Question) -> str:
    """A show-if as a LimeSurvey relevance equation: `((PERSBUDGET.NAOK == "Y"))`; always shown is `1`.

    A multiple-choice parent is tested per ticked option (`CONDITIONS_DEM.NAOK == "Y"`), as LimeSurvey
    names a subquestion `CODE_SQ` in its expressions.
    """
    condition = question.show_if
    if not condition:
        return "1"
    if survey.question(condition.question).type == "multi":
        tests = " or ".join(f'{condition.question}_{code}.NAOK == "Y"' for code in condition.in_)
    else:
        tests = " or ".join(f'{condition.question}.NAOK == "{code}"' for code in condition.in_)
    return f"(({tests}))"


class Tables:
    """The rows of each section, numbered the way LimeSurvey numbers them (qid, aid, gid from 1)."""

    def __init__(self, survey: Survey, sid: int) -> None:
        self.sid = str(sid)
        self.survey = survey
        self.rows: dict[str, list[dict]] = {name: [] for name in FIELDS}
        self.next_qid = 1
        self.next_aid = 1
        for order, section in enumerate(survey.sections):
            gid = str(order + 1)
            group = {
                "gid": gid,
                "sid": self.sid,
                "group_order": str(order),
                "randomization_group": None,
                "grelevance": "1",
            }
            self.rows["groups"].append(group)
            self.rows["group_l10ns"].append(
                {
                    "id": gid,
                    "gid": gid,
                    "group_name": section.title,
                    "description": section.intro,
                    "language": LANGUAGE,
                    **group,
                }
            )
            for position, question in enumerate(section.questions):
                self.add_question(question, gid, position)

    def add_question(self, question: Question, gid: str, position: int) -> None:
        kind, theme = TYPES[question.type]
        qid = self._question(
            "questions",
            question.code,
            kind,
            gid,
            position,
            "0",
            question.text,
            question.help,
            mandatory=question.required,
            relevance=relevance(self.survey, question),
            theme=theme,
        )
        subs = question.options if question.type == "multi" else question.subquestions
        for order, sub in enumerate(subs):
            self._question("subquestions", sub.code, kind, gid, order + 1, qid, sub.label, None)
        if question.type in ("single", "array"):
            for order, option in enumerate(question.options):
                self._answer(qid, option.code, option.label, order)
        for attribute, value in attributes(question):
            self.rows["question_attributes"].append(
                {"qid": qid, "attribute": attribute, "value": value, "language": None}
            )

    def _question(
        self, table, code, kind, gid, order, parent, text, help_text, *, mandatory=False, relevance="1", theme=None
    ) -> str:
        qid = str(self.next_qid)
        self.next_qid += 1
        row = {
            "qid": qid,
            "parent_qid": parent,
            "sid": self.sid,
            "gid": gid,
            "type": kind,
            "title": code,
            "preg": None,
            "other": "N",
            "mandatory": "Y" if mandatory else "N",
            "encrypted": "N",
            "question_order": str(order),
            "scale_id": "0",
            "same_default": "0",
            "relevance": relevance,
            "question_theme_name": theme,
            "modulename": None,
            "same_script": "0",
        }
        if theme is None:
            del row["question_theme_name"]  # LimeSurvey's export leaves it out of subquestion rows
        self.rows[table].append(row)
        self.rows["question_l10ns"].append(
            {"id": qid, "qid": qid, "question": text, "help": help_text, "script": None, "language": LANGUAGE}
        )
        return qid

    def _answer(self, qid: str, code: str, label: str, order: int) -> None:
        aid = str(self.next_aid)
        self.next_aid += 1
        self.rows["answers"].append(
            {"aid": aid, "qid": qid, "code": code, "sortorder": str(order), "assessment_value": "0", "scale_id": "0"}
        )
        self.rows["answer_l10ns"].append({"id": aid, "aid": aid, "answer": label, "language": LANGUAGE})


def attributes(question: Question) -> list[tuple[str, str]]:
    """The question attributes that carry our limits: number range, whole numbers, text length, date format."""
    found = []
    if question.type == "number":
        if question.maximum is not None:
            found.append(("max_num_value_n", f"{question.maximum:g}"))
        if question.minimum is not None:
            found.append(("min_num_value_n", f"{question.minimum:g}"))
        if question.integer:
            found.append(("num_value_int_only", "1"))
    if question.type == "text":
        found.append(("maximum_chars", str(question.max_length)))
    if question.type == "date":
        found.append(("date_format", "yyyy-mm-dd"))
    return found


def lss(survey_code: str, sid: int | None = None) -> str:
    """The whole .lss document for one of our surveys, as text.

    Each instrument has a survey id of its own (900001, 900002 ...), which LimeSurvey takes when it is free:
    its check for a free id and the insert are not one step, so two imports asking for one id at once
    can both take it, and the second then fails ("Failed to import survey language settings"; issue 19).
    """
    sid = sid or 900001 + surveys.CODES.index(survey_code)
    survey = surveys.load(survey_code)
    tables = Tables(survey, sid)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<document>",
        " <LimeSurveyDocType>Survey</LimeSurveyDocType>",
        f" <DBVersion>{DB_VERSION}</DBVersion>",
        f" <languages>\n  <language>{LANGUAGE}</language>\n </languages>",
    ]
    for name, fields in FIELDS.items():
        parts.append(section(name, fields, tables.rows[name]))
    parts.append(section("surveys", ["sid", *SURVEY_SETTINGS], [{"sid": str(sid), **SURVEY_SETTINGS}]))
    parts.append(
        section(
            "surveys_languagesettings",
            LANGUAGE_FIELDS,
            [
                {
                    "surveyls_survey_id": str(sid),
                    "surveyls_language": LANGUAGE,
                    "surveyls_title": survey.title,
                    "surveyls_description": survey.description,
                    "surveyls_welcometext": survey.description,
                    "surveyls_endtext": "Thank you: your answers have been saved.",
                    "surveyls_dateformat": "5",
                    "surveyls_numberformat": "0",
                }
            ],
        )
    )
    parts.append("</document>\n")
    return "\n".join(parts)


def section(name: str, fields: list[str], rows: list[dict]) -> str:
    lines = [f" <{name}>", "  <fields>", *[f"   <fieldname>{f}</fieldname>" for f in fields], "  </fields>", "  <rows>"]
    for row in rows:
        lines.append("   <row>")
        lines.extend(f"    {_element(key, value)}" for key, value in row.items())
        lines.append("   </row>")
    lines += ["  </rows>", f" </{name}>"]
    return "\n".join(lines)


def _element(key: str, value: str | None) -> str:
    if value is None or value == "":
        return f"<{key}/>"
    safe = str(value).replace("]]>", "]]]]><![CDATA[>")
    return f"<{key}><![CDATA[{safe}]]></{key}>"


def write_lss(survey_code: str, out: Path | None = None) -> Path:
    path = out or Path(f"{survey_code}.lss")
    path.write_text(lss(survey_code), encoding="utf-8")
    return path
