"""Survey pages for respondents: start, one page at a time, check answers, submit, confirmation."""

import logging
import secrets

from flask import abort, flash, make_response, redirect, render_template, request, send_file, session, url_for
from flask_limiter.util import get_remote_address
from werkzeug.datastructures import FileStorage

from surveys.extensions import limit_setting, limiter
from surveys.models import db
from surveys.respond import bp, easy_words
from surveys.respond.forms import ComplaintChoiceForm, build_page_form
from surveys.services.capture import audio, escalation, invitations, questions, read_aloud, responses
from surveys.services.capture import respondents as people
from surveys.services.capture.cases import deadlines
from surveys.services.capture.complaint_offer import CHOICES, complaint_offer
from surveys.services.platform.calendar import working_days_between
from surveys.services.report import public_tracker
from surveys.transactions import DATABASE_UNAVAILABLE

SESSION_KEY = "respondent"
log = logging.getLogger(__name__)


def current_respondent() -> people.Respondent:
    """The respondent in this browser session, or a friendly 'start again' page."""
    respondent = people.load(session.get(SESSION_KEY))
    if respondent is None:
        abort(make_response(render_template("respond/session_ended.html"), 404))
    return respondent


def remember(respondent_data: dict) -> None:
    """Start a respondent session; it gets a random key of its own, which its page limits count against."""
    session[SESSION_KEY] = {**respondent_data, "limit_key": secrets.token_urlsafe(12)}
    session.permanent = False


def respondent_key() -> str:
    """Survey pages are limited per respondent session, so many people behind one address each get their own
    budget; a request with no respondent session counts against its address."""
    data = session.get(SESSION_KEY)
    key = data.get("limit_key") if isinstance(data, dict) else None
    return f"respondent:{key}" if key else f"address:{get_remote_address()}"


survey_page_limit = limiter.shared_limit(limit_setting("RATELIMIT_SURVEY_PAGES"), scope="survey-pages",
                                         key_func=respondent_key)
submit_limit = limiter.limit(limit_setting("RATELIMIT_SURVEY_SUBMIT"), key_func=respondent_key)


@bp.route("/i/<token>")
@limiter.limit(limit_setting("RATELIMIT_INVITATION_LINK"))
def invitation_link(token: str):
    """Exchange an invitation token for a session, then continue at a URL without the token."""
    try:
        remember(people.exchange_token(token))
    except people.TokenProblem as problem:
        if problem.used:  # answered: the link opens nothing any more, so it is no use to anyone who finds it
            return render_template("respond/already.html", survey=problem.survey,
                                   next_update=public_tracker.next_publication_date()), 410
        if not problem.expired:
            abort(404)  # says nothing about whether tokens exist
        return render_template("respond/expired.html", survey=problem.survey), 410
    return redirect(url_for("respond.survey_start"))


@bp.route("/s/<slug>")
@limiter.limit(limit_setting("RATELIMIT_OPEN_LINK"))
def open_link(slug: str):
    """Start a survey by open link: anyone may answer, anonymously."""
    survey = people.open_survey(slug)
    if survey is None:
        abort(404)
    data = session.get(SESSION_KEY) or {}
    if data.get("survey_id") != survey.id or data.get("invitation_id"):
        remember({"survey_id": survey.id, "invitation_id": None, "response_id": None})
    return redirect(url_for("respond.survey_start"))


@bp.route("/survey")
@survey_page_limit
def survey_start():
    """The start page: what the survey is about, how long it takes, what happens to answers."""
    respondent = current_respondent()
    if respondent.response is not None and respondent.response.status == "submitted":
        return redirect(url_for("respond.already_answered"))
    version = respondent.response.version if respondent.response else respondent.survey.current_version
    values = responses.answer_values(respondent.response)
    pages = questions.page_numbers(version, values)
    return render_template("respond/start.html", respondent=respondent, version=version,
                           first_page=pages[0] if pages else 1, started=bool(values))


@bp.route("/survey/page/<int:page>", methods=["GET", "POST"])
@survey_page_limit
def survey_page(page: int):
    """One page of questions. Answers are saved on every Continue, so people can leave and come back."""
    respondent = current_respondent()
    if respondent.response is not None and respondent.response.status == "submitted":
        return redirect(url_for("respond.already_answered"))
    version = respondent.response.version if respondent.response else respondent.survey.current_version
    values = responses.answer_values(respondent.response)
    pages = questions.page_numbers(version, values)
    on_page = questions.questions_on_page(version, page, values)
    if not on_page:
        abort(404)
    ask_contact = respondent.anonymous and any(question.key == "consent_contact" for question in on_page)
    form_class = build_page_form(on_page, respondent.easy_read, ask_contact=ask_contact)
    form = form_class(data=_form_data(on_page, values, respondent), version_id=str(version.id))
    if request.method == "POST":
        if form.version_id.data != str(version.id):
            return render_template("respond/out_of_date.html"), 400
        if form.validate():
            try:
                problem = _save_page(respondent, on_page, form)
                if problem is None and request.form.get("later") and respondent.anonymous:
                    return redirect(url_for("respond.save_for_later"))
            except responses.AlreadySubmitted:
                return redirect(url_for("respond.already_answered"))
            except DATABASE_UNAVAILABLE:
                log.warning("answers not saved: the database is unavailable")
                db.session.rollback()
                # the same page with what they typed, so nothing is lost; 503: nothing was saved
                return _show_page(respondent, form, on_page, pages, page, not_saved=True, page_has_errors=True), 503
            if problem is None:
                return redirect(_next_url(respondent, page))
            getattr(form, problem[0]).errors.append(problem[1])
    return _show_page(respondent, form, on_page, pages, page)


def _show_page(respondent, form, on_page, pages: list[int], page: int, **extra) -> str:
    """The page of questions with the form as it stands (in easy words for an easy-read survey)."""
    if respondent.easy_read:
        easy_words.simplify(form)
    position = pages.index(page) + 1 if page in pages else 1
    return render_template("respond/page.html", respondent=respondent, form=form, questions=on_page,
                           page=page, position=position, total=len(pages), back=_previous_url(pages, page), **extra)


def _form_data(on_page, values, respondent) -> dict:
    data = {question.key: values.get(question.key) for question in on_page if question.kind != "audio"}
    if respondent.response is not None:
        data["contact_email"] = respondent.response.contact_email
        data["contact_phone"] = respondent.response.contact_phone
    return data


def _save_page(respondent: people.Respondent, on_page, form) -> tuple[str, str] | None:
    """Save the page's answers; returns (field, message) when an upload is refused."""
    response = respondent.response or responses.start_response(respondent.survey, respondent.invitation)
    session[SESSION_KEY] = {**session[SESSION_KEY], "response_id": response.id}
    responses.hold_in_progress(response)  # before anything is stored: another tab may have sent the answers
    values = {}
    for question in on_page:
        data = getattr(form, question.key).data
        if question.kind == "audio":
            if isinstance(data, FileStorage) and data.filename:
                try:
                    values[question] = audio.save_upload(response, question, data)
                except audio.AudioRejected as rejected:
                    return question.key, str(rejected)
            continue
        values[question] = data.strip() if isinstance(data, str) else data
    responses.save_answers(response, values)
    if hasattr(form, "contact_email"):
        responses.set_contact(response, form.contact_email.data, form.contact_phone.data)
    return None


def _next_url(respondent: people.Respondent, page: int) -> str:
    response = people.load(session.get(SESSION_KEY)).response
    pages = questions.page_numbers(response.version, responses.answer_values(response))
    later = [p for p in pages if p > page]
    if request.args.get("change") == "1" or not later:
        return url_for("respond.check_answers")
    return url_for("respond.survey_page", page=later[0])


def _previous_url(pages: list[int], page: int) -> str:
    earlier = [p for p in pages if p < page]
    return url_for("respond.survey_page", page=earlier[-1]) if earlier else url_for("respond.survey_start")


@bp.route("/survey/read-aloud/<int:question_id>")
def question_read_aloud(question_id: int):
    """The recording of a question read aloud, only for someone answering the version it belongs to."""
    respondent = current_respondent()
    version = respondent.response.version if respondent.response else respondent.survey.current_version
    question = next((q for q in version.questions if q.id == question_id), None)
    path = read_aloud.path_of(question) if question is not None and respondent.easy_read else None
    if path is None:
        abort(404)
    return send_file(path, mimetype=audio.content_type_of(question.read_aloud), conditional=True, max_age=0)


@bp.route("/survey/stop-reminders", methods=["POST"])
@submit_limit
def stop_reminders():
    """The person does not want more reminders about this invitation."""
    respondent = current_respondent()
    if respondent.invitation is None:
        abort(404)
    invitations.stop_reminders(respondent.invitation)
    flash("We will not send you any more reminders about this survey", "success")
    return redirect(url_for("respond.survey_start"))


@bp.route("/survey/check")
@survey_page_limit
def check_answers():
    """Check your answers before sending them."""
    respondent = current_respondent()
    response = respondent.response
    if response is None:
        return redirect(url_for("respond.survey_start"))
    if response.status == "submitted":
        return redirect(url_for("respond.already_answered"))
    values = responses.answer_values(response)
    rows = [(question, questions.display_value(question, values.get(question.key)))
            for question in questions.visible_questions(response.version, values)]
    missing = [question for question, _ in rows if question.required and values.get(question.key) in (None, "", [])]
    return render_template("respond/check.html", respondent=respondent, rows=rows, missing=missing)


@bp.route("/survey/submit", methods=["POST"])
@submit_limit
def submit():
    """Send the answers. A second submit, however it happens, stores nothing more."""
    respondent = current_respondent()
    if respondent.response is None:
        return redirect(url_for("respond.survey_start"))
    values = responses.answer_values(respondent.response)
    visible = questions.visible_questions(respondent.response.version, values)
    if any(question.required and values.get(question.key) in (None, "", []) for question in visible):
        return redirect(url_for("respond.check_answers"))
    try:
        response = responses.submit_response(respondent.response.id)
    except responses.AlreadySubmitted:
        return redirect(url_for("respond.already_answered"))
    offered = complaint_offer(response)
    responses.record_complaint_offer(response, offered)
    # The offer is bound to this response and to the browser that sent it, never to whoever holds the link.
    session[SESSION_KEY] = {**session[SESSION_KEY], "offer": response.id if offered else None}
    return redirect(url_for("respond.done"))


def _offered(respondent: people.Respondent) -> bool:
    """Whether this browser sent this response and was offered the complaint choice when it did."""
    response = respondent.response
    return (response is not None and response.complaint_offered
            and session.get(SESSION_KEY, {}).get("offer") == response.id)


@bp.route("/survey/done")
@survey_page_limit
def done():
    """Confirmation: what happens next, and when the tracker is next updated if a schedule is set."""
    respondent = current_respondent()
    if respondent.response is None or respondent.response.status != "submitted":
        return redirect(url_for("respond.survey_start"))
    offer = _offered(respondent) and respondent.response.complaint_choice is None
    return render_template("respond/done.html", respondent=respondent, offer=offer,
                           next_update=public_tracker.next_publication_date(),
                           choice_form=_choice_form(respondent.easy_read), **_complaint_deadline())


def _choice_form(easy_read: bool = False) -> ComplaintChoiceForm:
    """The complaint choice; in easy read, with easy words for the choices and the boxes."""
    form = ComplaintChoiceForm()
    if not easy_read:
        form.choice.choices = list(CHOICES.items())
        return form
    form.choice.choices = [(value, label) for value, (label, _) in easy_words.COMPLAINT_CHOICES.items()]
    for name, label in easy_words.CONTACT_LABELS.items():
        form[name].label.text = label
    return form


def _complaint_deadline() -> dict:
    today = deadlines.today()
    due = deadlines.due_date(today, "stage_1")
    return {"complaint_due": due, "complaint_days": working_days_between(today, due)}


@bp.route("/survey/choice", methods=["POST"])
@submit_limit
def complaint_choice():
    """Record what the person chose: a formal complaint, advice, mediation, or keep it as feedback."""
    respondent = current_respondent()
    response = respondent.response
    if response is None or response.status != "submitted":
        return redirect(url_for("respond.survey_start"))
    if response.complaint_choice is not None or not _offered(respondent):
        return redirect(url_for("respond.done"))
    form = _choice_form(respondent.easy_read)
    if not form.validate_on_submit():
        if respondent.easy_read:
            easy_words.simplify(form)
        return render_template("respond/done.html", respondent=respondent, offer=True, choice_form=form,
                               next_update=public_tracker.next_publication_date(), **_complaint_deadline()), 400
    choice = form.choice.data
    case = None
    if choice == "formal_complaint":
        case = escalation.make_formal_complaint(
            response,
            contact_name=form.contact_name.data,
            contact_email=form.contact_email.data,
            contact_phone=form.contact_phone.data,
        )
        if case is None:  # a second click, or another tab, made the choice first
            return redirect(url_for("respond.done"))
    elif not responses.claim_complaint_choice(response, choice):
        return redirect(url_for("respond.done"))
    titles = easy_words.CHOICE_TITLES if respondent.easy_read else CHOICE_TITLES
    return render_template("respond/choice_result.html", choice=choice, case=case, title=titles[choice],
                           easy_read=respondent.easy_read)


CHOICE_TITLES = {
    "formal_complaint": "Complaint received",
    "sendiass": "Get independent advice",
    "mediation": "Ask about mediation",
    "keep_feedback": "We have kept it as feedback",
}


@bp.route("/survey/already-answered")
@survey_page_limit
def already_answered():
    """We already have your answers."""
    respondent = current_respondent()
    return render_template("respond/already.html", survey=respondent.survey,
                           next_update=public_tracker.next_publication_date())
