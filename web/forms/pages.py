"""How a definition is paged: one question a page for the carers' survey, a section a page for the organisations'.

Questions asked only after an answer (`show_if`) start a page of their own, which is skipped while its
condition is not met. So no page hides or shows questions as it is filled in: the same with JavaScript
off, and without GOV.UK's conditional reveal, whose `aria-expanded` on a radio is invalid ARIA that axe
reports (a known issue the Design System keeps: alphagov/govuk-frontend#979).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from pipelines.landing.answers import Answers, visible
from surveys import Question, Section, Survey
from surveys.model import Text


@dataclass(frozen=True)
class Page:
    slug: str  # its address: /survey/<survey>/<slug>
    section: Section
    questions: tuple[Question, ...]

    @property
    def heading(self) -> Text:
        return self.questions[0].text if len(self.questions) == 1 else self.section.title


def pages(survey: Survey, fixed: Set[str] = frozenset()) -> list[Page]:
    """Every page of the form, whatever the answers; questions the form fixes (the organisation) are left out."""
    found = []
    for section in survey.sections:
        asked = [q for q in section.questions if q.code not in fixed]
        if survey.pages == "question":
            found += [Page(q.code.lower(), section, (q,)) for q in asked]
            continue
        runs: list[list[Question]] = []
        for question in asked:  # a new page wherever the condition for asking changes
            if not runs or _condition(question) != _condition(runs[-1][0]):
                runs.append([])
            runs[-1].append(question)
        for number, run in enumerate(runs):
            found.append(Page(section.code if number == 0 else run[0].code.lower(), section, tuple(run)))
    return found


def _condition(question: Question) -> tuple | None:
    return (question.show_if.question, tuple(question.show_if.in_)) if question.show_if else None


def shown(survey: Survey, answers: Answers, fixed: Set[str] = frozenset()) -> list[Page]:
    """The pages this person sees, given their answers so far (a page whose questions are all hidden is skipped)."""
    return [page for page in pages(survey, fixed) if any(visible(survey, q, answers) for q in page.questions)]


def after(survey: Survey, answers: Answers, slug: str, fixed: Set[str] = frozenset()) -> str | None:
    """The slug of the page after this one, or None when the next step is checking the answers."""
    every = pages(survey, fixed)
    here = [p.slug for p in every].index(slug)
    following = [p for p in every[here + 1 :] if any(visible(survey, q, answers) for q in p.questions)]
    return following[0].slug if following else None


def before(survey: Survey, answers: Answers, slug: str | None, fixed: Set[str] = frozenset()) -> str | None:
    """The slug of the page before this one (`slug` None: before the check page), or None on the first page."""
    seen = shown(survey, answers, fixed)
    slugs = [p.slug for p in seen]
    if slug is None:
        return slugs[-1] if slugs else None
    every = [p.slug for p in pages(survey, fixed)]
    earlier = [s for s in slugs if every.index(s) < every.index(slug)]
    return earlier[-1] if earlier else None


def find(survey: Survey, slug: str, fixed: Set[str] = frozenset()) -> Page | None:
    return next((p for p in pages(survey, fixed) if p.slug == slug), None)
