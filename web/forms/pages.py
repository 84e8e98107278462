"""How a definition is paged: one question a page for the carers' survey, a section a page for the organisations'.

A question whose `show_if` parent is on the same page is drawn inside the parent's answer (GOV.UK's
conditional reveal: shown as the answer is chosen, always shown without JavaScript); one on a later page
is simply skipped while its condition is not met.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from pipelines.landing.answers import Answers, visible
from surveys import Question, Section, Survey


@dataclass(frozen=True)
class Page:
    slug: str  # its address: /survey/<survey>/<slug>
    section: Section
    questions: tuple[Question, ...]

    @property
    def heading(self) -> str:
        return self.questions[0].text if len(self.questions) == 1 else self.section.title

    def nested(self, question: Question) -> bool:
        """Drawn inside its parent's answer rather than on its own."""
        parent = question.show_if.question if question.show_if else None
        return any(q.code == parent for q in self.questions)

    def children(self, question: Question, option: str) -> list[Question]:
        """Questions revealed by choosing `option` of `question` on this page."""
        return [
            q for q in self.questions if q.show_if and q.show_if.question == question.code and option in q.show_if.in_
        ]


def pages(survey: Survey, fixed: Set[str] = frozenset()) -> list[Page]:
    """Every page of the form, whatever the answers; questions the form fixes (the organisation) are left out."""
    found = []
    for section in survey.sections:
        asked = [q for q in section.questions if q.code not in fixed]
        if survey.pages == "question":
            found += [Page(q.code.lower(), section, (q,)) for q in asked]
        elif asked:
            found.append(Page(section.code, section, tuple(asked)))
    return found


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
