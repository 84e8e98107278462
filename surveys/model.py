"""The strict pydantic model every survey definition in `surveys/` must satisfy."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, field_validator, model_validator

# LimeSurvey question and answer codes: letters and digits, starting with a letter (questions)
QUESTION_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,19}$")
ANSWER_CODE = re.compile(r"^[A-Za-z0-9]{1,5}$")

QuestionType = Literal["single", "multi", "array", "number", "date", "text", "org"]


class Text(str):
    """Wording a person reads: English, as a plain string everywhere (exports, letters, files), carrying any
    translations the definition gives (`text: {en: ..., cy: ...}`) for the forms' language switch."""

    translations: dict[str, str]

    def __new__(cls, value: str | dict[str, str]) -> Text:
        given = {"en": value} if isinstance(value, str) else dict(value)
        text = super().__new__(cls, given["en"])
        text.translations = given
        return text

    def in_language(self, language: str) -> str:
        return self.translations.get(language) or str(self)


def _text(value: object) -> Text:
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict) and "en" in value and all(isinstance(v, str) and v.strip() for v in value.values()):
        return Text(value)
    raise ValueError("wording is text, or translations by language code with English first: {en: ..., cy: ...}")


Wording = Annotated[Text, PlainValidator(_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    code: str
    label: Wording
    # an answer of its own that a measure leaves out of its base ("not received any support")
    excluded_from_base: bool = False

    @field_validator("code")
    @classmethod
    def _answer_code(cls, code: str) -> str:
        if not ANSWER_CODE.match(code):
            raise ValueError(f"answer code {code!r} must be 1-5 letters or digits")
        return code


class ShowIf(Strict):
    """Show a question only when another question's answer is one of `in`."""

    question: str
    in_: list[str] = Field(alias="in", min_length=1)


class Question(Strict):
    code: str
    type: QuestionType
    text: Wording
    help: Wording | None = None
    source: str | None = None
    required: bool = False
    options: list[Option] = []
    subquestions: list[Option] = []  # rows of an array question
    show_if: ShowIf | None = None
    metric: str | None = None
    # number
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: Literal["GBP", "days", "hours"] | None = None
    # text
    max_length: int = 2000
    format: Literal["url"] | None = None
    # org picker
    org_types: list[str] = []
    multiple: bool = False

    @field_validator("code")
    @classmethod
    def _question_code(cls, code: str) -> str:
        if not QUESTION_CODE.match(code):
            raise ValueError(
                f"question code {code!r} is not a valid LimeSurvey code "
                "(letters and digits only, starting with a letter, at most 20)"
            )
        return code

    @model_validator(mode="after")
    def _shape_fits_type(self) -> Question:
        needs_options = self.type in ("single", "multi", "array")
        if needs_options and not self.options:
            raise ValueError(f"a {self.type} question needs options")
        if not needs_options and self.options:
            raise ValueError(f"a {self.type} question takes no options")
        if (self.type == "array") != bool(self.subquestions):
            raise ValueError("subquestions belong to array questions, and every array needs them")
        if self.type == "org" and not self.org_types:
            raise ValueError("an org question needs org_types")
        codes = [o.code for o in self.options] + [s.code for s in self.subquestions]
        if len(set(codes)) != len(codes):
            raise ValueError("option and subquestion codes must be unique within a question")
        return self

    @property
    def columns(self) -> list[str]:
        """The answer columns this question fills: one per row of an array or option of a multi."""
        if self.type == "array":
            return [f"{self.code}_{s.code}" for s in self.subquestions]
        if self.type == "multi":
            return [f"{self.code}_{o.code}" for o in self.options]
        return [self.code]

    @property
    def fields(self) -> list[str]:
        """The field names a file or LimeSurvey export uses: `CODE` or `CODE[SQ]`."""
        if self.type in ("array", "multi"):
            subs = self.subquestions if self.type == "array" else self.options
            return [f"{self.code}[{s.code}]" for s in subs]
        return [self.code]


class Section(Strict):
    code: str
    title: Wording
    intro: Wording | None = None
    questions: list[Question] = Field(min_length=1)


class Survey(Strict):
    code: str
    version: int = Field(ge=1)
    title: Wording
    # what an invitation asks for, read after "your": "return on carers' breaks"; e-mail subjects and
    # bodies are sentences built on it, since a title ("How commissioners engaged ...") is not a noun phrase
    asks_for: str
    description: Wording
    # the languages the wording comes in, by code, each named in itself; a form offers a switch when there are two
    languages: dict[str, str] = {"en": "English"}
    source: str | None = None
    reference_column: str | None = None  # a respondent reference that identifies a row
    # how the web form pages it: one question a page (GOV.UK's "one thing per page", for the public) or a section
    pages: Literal["question", "section"] = "section"
    # the org question an organisation's invitation or account answers (never a field the user can change),
    # and the one it answers about, chosen from a list the form offers (a carers' organisation's commissioners)
    respondent: str | None = None
    subject: str | None = None
    # the questions that name what one answer is about: two rows of one file with the same key are one answer
    # given twice (identical) or two answers in conflict (different), never two answers to count
    natural_key: list[str] = []
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes_unique_and_conditions_resolve(self) -> Survey:
        seen: dict[str, Question] = {}
        for question in self.questions:
            if question.code.lower() in {c.lower() for c in seen}:
                raise ValueError(f"question {question.code}: the code is used twice")
            condition = question.show_if
            if condition:
                target = seen.get(condition.question)
                if target is None:
                    raise ValueError(
                        f"question {question.code}: show_if names {condition.question!r}, "
                        "which is not an earlier question"
                    )
                known = {o.code for o in target.options}
                unknown = [code for code in condition.in_ if code not in known]
                if unknown:
                    raise ValueError(
                        f"question {question.code}: show_if answers {unknown} are not answers of {target.code}"
                    )
            seen[question.code] = question
        wording = [self.title, self.description] + [w for s in self.sections for w in (s.title, s.intro) if w]
        for question in self.questions:
            wording += [question.text, *([question.help] if question.help else [])]
            wording += [o.label for o in (*question.options, *question.subquestions)]
        unlisted = {language for w in wording for language in w.translations} - set(self.languages)
        if unlisted:
            raise ValueError(f"wording in {sorted(unlisted)}, which `languages` does not list")
        for code in (self.respondent, self.subject):
            if code and (code not in seen or seen[code].type != "org"):
                raise ValueError(f"respondent and subject must name org questions; {code!r} is not one")
        return self

    @property
    def languages_offered(self) -> list[str]:
        """The languages a form can switch between: English first, then those the wording is in."""
        return ["en", *sorted(set(self.languages) - {"en"})]

    @property
    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)
