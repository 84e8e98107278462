"""The survey forms' addresses: a start page, one page per step, check your answers, a confirmation, and the
ways in: a personal link or code, a return code, or a short-lived signed link from the signed-in app.

Every handler runs in a worker thread with its own DuckDB cursor (DuckDB blocks), behind one wrapper that
turns a refusal from the pipelines into a page with its sentence and anything else into a plain apology.
Each page is reached by GET and answered by POST, then a redirect (so Back and reload never resend).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, pass_context
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

import settings
import surveys
from accounts import form_links
from accounts.errors import AccountError
from accounts.users import account
from dashboards.database import cursor
from dashboards.ui.failures import log_failure
from pipelines.errors import PipelineError
from pipelines.landing.answers import Answers, check_question, visible
from pipelines.outreach import mailer, schedule
from pipelines.outreach.tokens import Invitation
from pipelines.sources import form_sessions, web_forms
from pipelines.sources.form_sessions import FormSession
from surveys import Survey
from surveys.model import Text
from web.forms import fields, pages
from web.forms.pages import Page

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
ENV = Environment(
    loader=ChoiceLoader(
        [
            FileSystemLoader(HERE / "templates"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    ),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the templates ship with the release: checking their files on every page cost 13% of it
)
LANGUAGE_COOKIE = "carers_monitor_language"


@pass_context
def _translated(context, wording: Any) -> Any:
    """`{{ wording | tr }}`: the wording in the page's language, English where it has no translation."""
    return wording.in_language(context.get("language", "en")) if isinstance(wording, Text) else wording


ENV.filters["tr"] = _translated
TEMPLATES = Jinja2Templates(env=ENV)
ROUTES: list[Route] = []
RESERVED = {"start", "signed", "choose", "check", "saved", "done", "change"}  # steps that are not question pages


@dataclass
class Journey:
    """One person's way through one form: the definition, the state kept on the server, and their cookie."""

    survey: Survey
    session: FormSession
    secret: str

    @property
    def fixed(self) -> Answers:
        """Answers the form sets itself, never a field: the organisation answering and what it is rating."""
        found: Answers = {}
        if self.survey.respondent and self.session.org_code:
            found[self.survey.respondent] = self.session.org_code
        if self.survey.subject and self.session.subject_code:
            found[self.survey.subject] = self.session.subject_code
        return found

    @property
    def answers(self) -> Answers:
        return {**self.session.answers, **self.fixed}

    def url(self, step: str) -> str:
        return f"/survey/{self.survey.code}/{step}"


def route(path: str, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """Register a handler `(con, request, form) -> Response`, run off the event loop with its own cursor."""

    def register(handler: Callable[[duckdb.DuckDBPyConnection, Request, FormData | None], Response]) -> Callable:
        async def endpoint(request: Request) -> Response:
            try:
                form = await request.form() if request.method == "POST" else None
                return await run_in_threadpool(_run, handler, request, form)
            except Exception:  # the person gets GOV.UK's "problem with the service" page, the log the traceback
                return problem_with_the_service(request, log_failure(request.url.path))

        ROUTES.append(Route(path, endpoint, methods=list(methods)))
        return handler

    return register


def journey_route(path: str, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """A step of a journey: `_guard` first (the person's journey, its wave still open, the form's own CSRF
    field), then the handler `(con, request, form, journey)`; wherever else the guard sends the person, it goes."""

    def register(handler: Callable) -> Callable:
        def guarded(con, request: Request, form: FormData | None) -> Response:
            journey = _guard(con, request, form)
            return journey if isinstance(journey, Response) else handler(con, request, form, journey)

        route(path, methods)(guarded)
        return handler

    return register


def _run(handler, request: Request, form: FormData | None) -> Response:
    con = cursor()
    try:
        return handler(con, request, form)
    except PipelineError as refusal:
        return message(request, "Sorry, we could not do that", [str(refusal)], status=409)
    finally:
        con.close()


# ---- pages and responses ----------------------------------------------------------------------------------


def language_of(request: Request, survey: Survey | None) -> str:
    """The language the person chose (`?lang=`, then remembered in a cookie), if the survey's wording has it."""
    offered = survey.languages_offered if survey else ["en"]
    chosen = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE) or "en"
    return chosen if chosen in offered else "en"


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    config = settings.current()
    survey = context.get("survey")
    language = language_of(request, survey)
    base = {
        "language": language,
        "htmlLang": language,
        "languages": survey.languages if survey and len(survey.languages_offered) > 1 else {},
        "service_name": survey.title.in_language(language) if survey else "Carers Monitor surveys",
        "service_url": f"/survey/{survey.code}" if survey else "/survey/carer_experience",
        "run_by": config.run_by,
        "contact_email": config.contact_email,
        "contact_phone": config.contact_phone,
        "threshold": config.suppression_threshold,
    }
    response = TEMPLATES.TemplateResponse(request, template, {**base, **context}, status_code=status)
    response.headers["cache-control"] = "no-store"  # answers are personal: never kept by a shared computer's cache
    if request.query_params.get("lang") == language:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 86400, path="/survey", samesite="lax")
    return response


def message(
    request: Request,
    title: str,
    lines: list[str],
    *,
    status: int = 200,
    survey: Survey | None = None,
    link: tuple[str, str] | None = None,
) -> Response:
    return render(request, "message.html", status, title=title, lines=lines, survey=survey, link=link)


def problem_with_the_service(request: Request, reference: str) -> Response:
    """GOV.UK's pattern for a failure of ours: say sorry, what is kept, and a reference to give when asking."""
    config = settings.current()
    contact = " or ".join(c for c in (config.contact_email, config.contact_phone) if c) or "the council"
    return message(
        request,
        "Sorry, there is a problem with the service",
        [
            "Try again later.",
            "The answers you gave on earlier pages are saved.",
            f"If it happens again, contact {contact} and give the reference {reference}.",
        ],
        status=500,
    )


def redirect(url: str, secret: tuple[str, str] | None = None, request: Request | None = None) -> Response:
    """A 303 to the next step; with `secret` (survey, value), the cookie that holds the journey from now on."""
    response = RedirectResponse(url, status_code=303)
    if secret and request:
        survey_code, value = secret
        response.set_cookie(
            cookie_name(survey_code),
            value,
            max_age=form_sessions.KEEP_DAYS * 86400,
            path=f"/survey/{survey_code}",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


def cookie_name(survey_code: str) -> str:
    return f"carers_monitor_{survey_code}"


def csrf(secret: str) -> str:
    """A form's proof that it came from our page in this browser: the cookie's value, signed."""
    return hmac.new(settings.current().secret_key.encode(), secret.encode(), hashlib.sha256).hexdigest()[:32]


def closed(request: Request, con, survey: Survey) -> Response:
    opens = web_forms.next_opening(con, survey.code)
    lines = ["It is not taking answers now, so nothing you send would be counted."]
    lines.append(f"The next round opens on {opens:%-d %B %Y}." if opens else "No next round has been set yet.")
    return message(request, "This survey is closed", lines, survey=survey)


def _survey(request: Request) -> Survey | None:
    code = request.path_params.get("survey")
    return surveys.load(code) if code in surveys.CODES else None


def not_found(request: Request) -> Response:
    return message(request, "Page not found", ["Check the address, or start from your letter or e-mail."], status=404)


def _journey(con, request: Request, survey: Survey) -> Journey | None:
    secret = request.cookies.get(cookie_name(survey.code))
    session = form_sessions.find(con, survey.code, secret)
    return Journey(survey, session, secret) if session and secret else None


def _guard(con, request: Request, form: FormData | None) -> Journey | Response:
    """The journey this request continues, or where the person should be instead (the start, closed, sent)."""
    survey = _survey(request)
    if survey is None:
        return not_found(request)
    journey = _journey(con, request, survey)
    if journey is None:
        return redirect(f"/survey/{survey.code}")
    if not web_forms.is_open(con, journey.session.wave_id):
        return closed(request, con, survey)
    if form is not None and not hmac.compare_digest(str(form.get("csrf", "")), csrf(journey.secret)):
        return message(request, "Sorry, that did not work", ["Go back, reload the page and try again."], status=403)
    return journey


# ---- the ways in ------------------------------------------------------------------------------------------


@route("/survey/privacy")
def privacy(con, request: Request, form) -> Response:
    return render(request, "privacy.html", title="Privacy notice")


@route("/survey/code", ("GET", "POST"))
def personal_code(con, request: Request, form: FormData | None) -> Response:
    """A carer types the personal code from a letter: any case, with or without the dashes."""
    typed = str(form.get("code", "")).strip() if form else ""
    error = None
    if form is not None:
        if not typed:
            error = "Enter the personal code from your letter"
        else:
            try:
                invitation = web_forms.invitation_for(con, typed)
            except PipelineError as refusal:
                error = str(refusal)
            else:
                survey_code = con.execute(
                    "select survey_code from waves where wave_id = ?", [invitation.wave_id]
                ).fetchall()[0][0]
                return _begin(con, request, surveys.load(survey_code), invitation)
    hint = "It is on your letter, below the square code, in groups of 4 letters and numbers."
    return _code_page(request, "Enter your personal code", hint, typed, error, [])


@route("/survey/continue", ("GET", "POST"))
def continue_saved(con, request: Request, form: FormData | None) -> Response:
    """Carry on with saved answers: type the return code, or follow the link that carries it."""
    typed = str(form.get("code", "") if form else request.query_params.get("code", "")).strip()
    error = None
    if typed:
        resumed = form_sessions.resume(con, typed)
        if resumed:
            secret, session = resumed
            survey = surveys.load(session.survey_code)
            journey = Journey(survey, session, secret)
            return redirect(_where_to(journey), (survey.code, secret), request)
        error = "We could not find answers saved under this code. Check it, or start the survey again"
    elif form is not None:
        error = "Enter your return code"
    hint = "The return code you were given when you saved your answers, for example ABCD-EFGH-JKLM."
    return _code_page(request, "Continue your survey", hint, typed, error, ["Saved answers are kept for 30 days."])


def _code_page(request: Request, title: str, hint: str, typed: str, error: str | None, lines: list[str]) -> Response:
    """One box for a code, with GOV.UK's error summary when what was typed is not one."""
    return render(
        request,
        "code.html",
        400 if error else 200,
        title=title,
        hint=f"{hint} Capital letters, spaces and dashes do not matter.",
        typed=typed,
        error=error,
        error_list=[{"text": error, "href": "#code"}] if error else [],
        lines=lines,
    )


@route("/survey/{survey}")
def start_page(con, request: Request, form) -> Response:
    survey = _survey(request)
    if survey is None:
        return not_found(request)
    token = request.query_params.get("token", "").strip()
    closes = respondent = notice = None
    if token:
        try:
            invitation = web_forms.invitation_for(con, token)
        except PipelineError as refusal:
            return message(request, "This link cannot be used", [str(refusal)], survey=survey)
        wave_survey, closes = con.execute(
            "select survey_code, closes from waves where wave_id = ?", [invitation.wave_id]
        ).fetchall()[0]
        if wave_survey != survey.code:
            return redirect(f"/survey/{wave_survey}?token={token}")
        respondent = _org_name(con, invitation.org_code)
    elif survey.respondent:
        notice = (
            "Open this form from the personal link in your invitation e-mail, or sign in to Carers Monitor "
            "and choose it there."
        )
    else:
        wave = web_forms.open_wave(con, survey.code)
        if wave is None:
            return closed(request, con, survey)
        closes = con.execute("select closes from waves where wave_id = ?", [wave[0]]).fetchall()[0][0]
    return render(
        request,
        "start.html",
        title=survey.title,
        survey=survey,
        token=token,
        can_start=not notice,
        notice=notice,
        respondent_name=respondent,
        closes=f"{closes:%-d %B %Y}" if closes else None,
        points=_before_you_start(survey),
    )


def _before_you_start(survey: Survey) -> list[str]:
    if survey.respondent:
        return [
            "You can save a draft and carry on later from the same link.",
            "You can change your answers until the closing date; each change is kept as a new version.",
            "Who did not answer is published with the results.",
        ]
    return [
        "It takes about 15 minutes.",
        f"You can save your answers and come back to them within {form_sessions.KEEP_DAYS} days.",
        "Taking part is your choice, and you can skip any question you do not want to answer.",
        "Your answers are confidential: the council sees only figures about many carers together, "
        "never your own answers.",
    ]


@route("/survey/{survey}/start", ("POST",))
def start(con, request: Request, form: FormData) -> Response:
    survey = _survey(request)
    if survey is None:
        return not_found(request)
    token = str(form.get("token", "")).strip()
    invitation = web_forms.invitation_for(con, token) if token else None
    if invitation is None and survey.respondent:
        return redirect(f"/survey/{survey.code}")
    return _begin(con, request, survey, invitation)


@route("/survey/{survey}/signed")
def signed_link(con, request: Request, form) -> Response:
    """The signed-in app's way in: a link signed for an account a few minutes ago, checked against it again."""
    survey = _survey(request)
    if survey is None or not survey.respondent:
        return not_found(request)
    username = form_links.verify(settings.current().secret_key, request.query_params.get("s", ""), survey.code)
    expired = ["This link has expired or is not complete. Go back to Carers Monitor and open the form again."]
    if username is None:
        return message(request, "This link cannot be used", expired, survey=survey, status=403)
    try:
        user = account(con, username)
    except AccountError:
        return message(request, "This link cannot be used", expired, survey=survey, status=403)
    allowed = survey.question(survey.respondent).org_types
    org_type = con.execute("select type from organisations where code = ?", [user.org_code]).fetchall()
    if not org_type or org_type[0][0] not in allowed:
        return message(request, "This form is not for your account", [_not_yours(survey)], survey=survey, status=403)
    wave = web_forms.open_wave(con, survey.code)
    if wave is None:
        return closed(request, con, survey)
    return _begin(con, request, survey, None, wave_id=wave[0], org_code=user.org_code, username=user.username)


def _not_yours(survey: Survey) -> str:
    return f"The {survey.title.lower()} is answered by other organisations than yours."


def _begin(
    con,
    request: Request,
    survey: Survey,
    invitation: Invitation | None,
    *,
    wave_id: int | None = None,
    org_code: str | None = None,
    username: str | None = None,
) -> Response:
    """Start (or, for an organisation, take over) a journey and send the person to its first step."""
    if invitation is not None:
        wave_id, org_code = invitation.wave_id, invitation.org_code
    elif wave_id is None:
        found = web_forms.open_wave(con, survey.code)
        if found is None:
            return closed(request, con, survey)
        wave_id = found[0]
    if survey.respondent and org_code:
        secret = form_sessions.adopt(con, survey.code, wave_id, org_code)
        source_id = f"{wave_id}:{org_code}"
        answers = {} if survey.subject else web_forms.current_answers(con, survey.code, wave_id, source_id)
    else:
        secret, source_id, answers = None, str(uuid.uuid4()), {}
    if secret is None:
        secret = form_sessions.start(
            con,
            survey.code,
            wave_id,
            source_id=source_id,
            invitation_id=invitation.invitation_id if invitation else None,
            org_code=org_code,
            username=username,
            answers=answers,
        )
    session = form_sessions.find(con, survey.code, secret)
    assert session is not None  # made or taken over a moment ago
    return redirect(_where_to(Journey(survey, session, secret)), (survey.code, secret), request)


def _where_to(journey: Journey) -> str:
    """Where a journey carries on: its last page, else the list of commissioners to rate, else its first page."""
    survey = journey.survey
    if journey.session.reference and not survey.respondent:
        return journey.url("done")
    if survey.subject and not journey.session.subject_code:
        return journey.url("choose")
    seen = pages.shown(survey, journey.answers, set(journey.fixed))
    if journey.session.step in [p.slug for p in seen]:
        return journey.url(journey.session.step or "")
    return journey.url(seen[0].slug)


def _org_name(con, code: str | None) -> str | None:
    if not code:
        return None
    found = con.execute("select name from organisations where code = ?", [code]).fetchall()
    return found[0][0] if found else code


# ---- an organisation's list of what it rates --------------------------------------------------------------


@journey_route("/survey/{survey}/choose")
def choose(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    survey, session = journey.survey, journey.session
    if not survey.subject or not session.org_code:
        return redirect(_where_to(journey))
    subjects = web_forms.commissioners_in_area(con, session.org_code)
    items = []
    for code, name in subjects.items():
        versions = web_forms.versions(con, survey.code, session.wave_id, f"{session.wave_id}:{session.org_code}:{code}")
        status = {"text": "Rated"} if versions else {"tag": {"text": "Not rated yet", "classes": "govuk-tag--blue"}}
        items.append({"title": {"text": name}, "href": journey.url(f"choose/{code}"), "status": status})
    intro = (
        # the name an administrator typed: escaped by Markup.format, and set apart so that a direction
        # override in it reorders only the name (docs/architecture.md, free text)
        Markup(
            "Rate how each commissioner in your area engaged <bdi>{}</bdi>. "
            "You can change a rating until the round closes."
        ).format(_org_name(con, session.org_code))
        if items
        else "We have no commissioners listed for your area. Ask the council's Carers Monitor administrator."
    )
    return render(request, "choose.html", title="Commissioners to rate", survey=survey, intro=intro, items=items)


@journey_route("/survey/{survey}/choose/{code}")
def choose_one(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    survey, session = journey.survey, journey.session
    code = request.path_params["code"]
    if not survey.subject or not session.org_code or code not in web_forms.commissioners_in_area(con, session.org_code):
        return not_found(request)
    source_id = f"{session.wave_id}:{session.org_code}:{code}"
    answers = web_forms.current_answers(con, survey.code, session.wave_id, source_id)
    form_sessions.keep(con, session, answers=answers, subject_code=code, source_id=source_id)
    first = pages.shown(survey, journey.answers, set(journey.fixed))[0]
    return redirect(journey.url(first.slug))


# ---- check, send, confirm ---------------------------------------------------------------------------------


@journey_route("/survey/{survey}/check", ("GET", "POST"))
def check(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    if journey.session.reference:
        return redirect(journey.url("done"))
    problems = _problems(journey)
    if form is not None and not problems:
        answers = journey.answers
        if os.environ.get("CARERS_MONITOR_FAULT") == "form_drops_answers":  # switched on only by a browser test
            answers = dict(journey.fixed)
        session = journey.session
        result = web_forms.submit(
            con,
            journey.survey.code,
            answers,
            source_id=session.source_id,
            wave_id=session.wave_id,
            submitted_by=session.username,
            invitation_id=session.invitation_id,
            single_use=not journey.survey.respondent,
        )
        if result.reference:
            form_sessions.sent(con, session, result.reference)
            if journey.survey.respondent and session.org_code and result.landed:
                _receipt(con, session.wave_id, session.org_code, result.reference)
            return redirect(journey.url("done"))
        problems = {code: (_page_of(journey, code), text) for code, text in result.errors.items()}
    return _check_page(con, request, journey, problems)


def _receipt(con, wave_id: int, org_code: str, reference: str) -> None:
    """E-mail the organisation's contacts a receipt when mail is set up; the answers have landed either way."""
    if not schedule.mail_configured():
        return
    try:
        mailer.send_receipt(con, wave_id, org_code, reference, mailer.mail_settings())
    except Exception:  # a courtesy: never turn answers that landed into an error page
        log.warning("the receipt for %s could not be sent", reference, exc_info=True)


def _problems(journey: Journey) -> dict[str, tuple[str, str]]:
    """Every shown question's problem (code -> (page slug, message)), as if each page had just been sent."""
    found = {}
    answers = journey.answers
    for page in pages.shown(journey.survey, answers, set(journey.fixed)):
        for question in page.questions:
            if visible(journey.survey, question, answers):
                problem = check_question(question, answers.get(question.code))
                if problem:
                    found[question.code] = (page.slug, problem)
    return found


def _page_of(journey: Journey, code: str) -> str:
    for page in pages.pages(journey.survey, set(journey.fixed)):
        if any(q.code == code for q in page.questions):
            return page.slug
    return "check"


def _check_page(con, request: Request, journey: Journey, problems: dict[str, tuple[str, str]]) -> Response:
    survey, answers = journey.survey, journey.answers
    language = language_of(request, survey)
    orgs = _org_options(con, survey, journey.fixed)
    sections = []
    for section in survey.sections:
        rows = []
        for question in section.questions:
            if question.code in journey.fixed or not visible(survey, question, answers):
                continue
            slug = _page_of(journey, question.code)
            shown = fields.answer_text(question, answers.get(question.code), orgs.get(question.code), language)
            asked = question.text.in_language(language)
            rows.append(
                {
                    "key": {"text": asked},
                    "value": {"text": shown},
                    "actions": {
                        "items": [
                            {
                                "href": journey.url(f"{slug}?change=1"),
                                "text": "Change",
                                "visuallyHiddenText": asked,
                            }
                        ]
                    },
                }
            )
        if rows:
            sections.append({"title": section.title.in_language(language), "rows": rows})
    error_list = [
        {"text": f"{survey.question(code).text}: {text}", "href": journey.url(f"{slug}?change=1")}
        for code, (slug, text) in problems.items()
    ]
    return render(
        request,
        "check.html",
        400 if problems else 200,
        title="Check your answers",
        survey=survey,
        sections=sections,
        error_list=error_list,
        back=journey.url(pages.before(survey, answers, None, set(journey.fixed)) or ""),
        csrf=csrf(journey.secret),
        declaration=_declaration(survey),
        send_label="Send your answers" if not survey.respondent else "Send",
    )


def _declaration(survey: Survey) -> str:
    if survey.respondent:
        return "By sending this you confirm that, to the best of your knowledge, the answers are correct."
    return "When you send your answers you cannot change them, as they are not kept with your name."


@journey_route("/survey/{survey}/done")
def done(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    survey, session = journey.survey, journey.session
    if not session.reference:
        return redirect(_where_to(journey))
    closes = con.execute("select closes from waves where wave_id = ?", [session.wave_id]).fetchall()[0][0]
    if survey.respondent:
        what = "rating" if survey.subject else "return"
        lines = [f"We have your {what}. You can change it until {closes:%-d %B %Y}; each change is kept."]
        next_steps = [
            "The council's Carers Monitor team puts every organisation's answers together for the Carers Board, "
            "which reviews them every 3 months and publishes who answered and who did not."
        ]
        heading = f"Your {what} has been sent"
        another = ("Rate another commissioner", journey.url("choose")) if survey.subject else None
    else:
        lines = ["Thank you for taking part. You do not need to do anything else."]
        next_steps = [
            "Your answers are added to those of other carers. The Carers Board looks at the results every 3 months, "
            "and only figures about many carers together are shown or published.",
            "Keep your reference number if you want to ask us about your answers.",
        ]
        heading, another = "Your answers have been sent", None
    return render(
        request,
        "done.html",
        title=heading,
        survey=survey,
        heading=heading,
        reference=session.reference,
        lines=lines,
        next_steps=next_steps,
        can_change=bool(survey.respondent),
        another=another,
        csrf=csrf(journey.secret),
    )


@journey_route("/survey/{survey}/change", ("POST",))
def change(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    """An organisation reopens what it sent, to send a revision (the earlier version is kept)."""
    session = journey.session
    if not journey.survey.respondent:
        return redirect(journey.url("done"))
    answers = web_forms.current_answers(con, journey.survey.code, session.wave_id, session.source_id)
    form_sessions.keep(con, session, answers=answers)
    return redirect(journey.url("check"))


@journey_route("/survey/{survey}/saved")
def saved(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    code = request.query_params.get("code", "")
    if journey.survey.respondent or not form_sessions.holds(con, journey.session, code):
        return redirect(_where_to(journey))
    base = settings.current().public_url or str(request.base_url).rstrip("/")
    return render(
        request,
        "saved.html",
        title="Your answers are saved",
        survey=journey.survey,
        code=code,
        until=f"{date.today() + timedelta(days=form_sessions.KEEP_DAYS):%-d %B %Y}",
        continue_address=f"{base}/survey/continue",
        link=f"/survey/continue?code={code}",
        carry_on=_where_to(journey),
    )


# ---- one page of questions --------------------------------------------------------------------------------


@journey_route("/survey/{survey}/{slug}", ("GET", "POST"))
def question_page(con, request: Request, form: FormData | None, journey: Journey) -> Response:
    survey, session = journey.survey, journey.session
    if session.reference and not survey.respondent:
        return redirect(journey.url("done"))
    if survey.subject and not session.subject_code:
        return redirect(journey.url("choose"))
    fixed = set(journey.fixed)
    page = pages.find(survey, request.path_params["slug"], fixed)
    if page is None or page.slug in RESERVED or page not in pages.shown(survey, journey.answers, fixed):
        return redirect(_where_to(journey))
    orgs = _org_options(con, survey, journey.fixed, page)
    changing = request.query_params.get("change") == "1"
    if form is None:
        return _question(request, journey, page, journey.answers, {}, orgs, changing)
    posted, problems = fields.read(page, form, orgs)
    answers = {**journey.answers, **posted}
    if form.get("action") == "save":
        kept = {code: value for code, value in posted.items() if code not in problems}
        form_sessions.keep(con, session, answers={**session.answers, **kept}, step=page.slug)
        if survey.respondent:
            return message(
                request,
                "Your draft is saved",
                [
                    "Nothing has been sent yet. To carry on, open your personal link again, or open the form "
                    "from Carers Monitor when you are signed in."
                ],
                survey=survey,
                link=("Carry on now", journey.url(page.slug)),
            )
        code = form_sessions.return_code(con, session)
        return redirect(journey.url(f"saved?code={code}"))
    for question in page.questions:
        if question.code not in problems and visible(survey, question, answers):
            problem = check_question(question, answers.get(question.code))
            if problem:
                problems[question.code] = problem
    if problems:
        return _question(request, journey, page, answers, problems, orgs, changing, status=400)
    form_sessions.keep(con, session, answers={**session.answers, **posted}, step=page.slug)
    following = pages.after(survey, answers, page.slug, fixed)
    if following and (not changing or _unanswered(journey, following)):
        return redirect(journey.url(following + ("?change=1" if changing else "")))
    return redirect(journey.url("check"))


def _unanswered(journey: Journey, slug: str) -> bool:
    """Whether a page a change has just brought into view still needs its answers."""
    page = pages.find(journey.survey, slug, set(journey.fixed))
    return page is not None and all(journey.answers.get(q.code) in (None, "", [], {}) for q in page.questions)


def _question(
    request: Request,
    journey: Journey,
    page: Page,
    answers: Answers,
    problems: dict[str, str],
    orgs: fields.OrgOptions,
    changing: bool,
    *,
    status: int = 200,
) -> Response:
    survey = journey.survey
    fixed = set(journey.fixed)
    language = language_of(request, survey)
    components = [
        fields.component(
            q, page, answers.get(q.code), error=problems.get(q.code), orgs=orgs.get(q.code, {}), language=language
        )
        for q in page.questions
    ]
    previous = pages.before(survey, answers, page.slug, fixed)
    if changing:
        back = journey.url("check")
    elif previous:
        back = journey.url(previous)
    else:
        back = journey.url("choose") if survey.subject else f"/survey/{survey.code}"
    multiple = len(page.questions) > 1
    error_list = [
        {
            "text": f"{survey.question(code).text}: {text}" if multiple else text,
            "href": f"#{fields.anchor(survey.question(code))}",
        }
        for code, text in problems.items()
    ]
    caption = page.section.title.in_language(language)
    if survey.subject and journey.session.subject_code:
        caption = f"Your rating of {orgs.get(survey.subject, {}).get(journey.session.subject_code) or ''}".strip()
    return render(
        request,
        "question.html",
        status,
        title=page.heading.in_language(language),
        survey=survey,
        page=page,
        caption=caption,
        components=components,
        error_list=error_list,
        back=back,
        csrf=csrf(journey.secret),
        save_label="Save as draft" if survey.respondent else "Save and come back later",
    )


def _org_options(con, survey: Survey, fixed: Answers, page: Page | None = None) -> fields.OrgOptions:
    """{question: {code: name}} for the form's organisation questions, the fixed ones included (to name them);
    with `page`, only those the page asks and the one its caption names: each is a query of the organisations,
    which every question page made for every organisation question (16% of a carer's page)."""
    asked = {q.code for q in page.questions} | {survey.subject or ""} if page else None
    return {
        q.code: web_forms.org_options(con, q.org_types)
        for q in survey.questions
        if q.type == "org" and (asked is None or q.code in asked)
    }
