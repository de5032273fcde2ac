"""Comments, compliments and complaints from anyone, without signing in.

No IP address or other identifier is stored: a case keeps only what the person typed. The form is
rate limited by address in the limiter's short-lived store, never in the database. The session holds only
the id of the case just sent, so the confirmation page survives a refresh and no one else sees it.

A comment that reads like a complaint gets the same gentle choice as a survey: a formal complaint, independent
advice, mediation, or keep it as feedback. Nothing is escalated unless the person chooses it.
"""

from flask import redirect, render_template, session, url_for

from surveys.extensions import csrf, limit_setting, limiter
from surveys.models import Case, db
from surveys.respond import bp
from surveys.respond.case_forms import KIND_HINTS, CaseForm
from surveys.respond.forms import ComplaintChoiceForm
from surveys.respond.survey_views import CHOICE_TITLES
from surveys.services.capture import complaint_offer
from surveys.services.capture.cases import deadlines, lifecycle, queries
from surveys.services.platform.calendar import working_days_between

SENT_KEY = "case_sent"


@bp.route("/comment", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an old page keeps what was typed instead of losing it
@limiter.limit(limit_setting("RATELIMIT_COMMENT_FORM"), methods=["POST"])
def leave_comment():
    """Leave a comment, compliment or complaint; on success go to the confirmation (POST, redirect, GET)."""
    form = CaseForm(partners=queries.partner_options())
    timed_out = False
    if form.is_submitted():
        if form.validate():
            case = lifecycle.create_case(**form.case_fields())
            session[SENT_KEY] = case.id
            return redirect(url_for("respond.comment_sent"))
        timed_out = form.take_csrf_error()
    page = render_template("respond/case_form.html", form=form, kind_hints=KIND_HINTS, timed_out=timed_out)
    return page, 400 if timed_out else 200


def _sent_case() -> Case | None:
    """The case this browser just sent, or None when the session has none (expired, or never sent)."""
    case_id = session.get(SENT_KEY)
    return db.session.get(Case, case_id) if isinstance(case_id, int) else None


def _choice_form() -> ComplaintChoiceForm:
    form = ComplaintChoiceForm()
    form.choice.choices = list(complaint_offer.CHOICES.items())
    return form


def _sent_page(case: Case, form: ComplaintChoiceForm | None = None):
    today = deadlines.today()
    due = deadlines.due_date(today, "stage_1")
    return render_template(
        "respond/case_sent.html", case=case, due_on=case.due_on, working_days=deadlines.working_days_for(case.stage),
        can_reply=bool(case.contact_email or case.contact_phone), offer=complaint_offer.comment_offer(case),
        choice_form=form or _choice_form(), form=form, complaint_due=due,
        complaint_days=working_days_between(today, due),
    )


@bp.route("/comment/sent")
def comment_sent():
    """The reference, what happens next and by when; for a comment that reads like a complaint, a choice."""
    case = _sent_case()
    if case is None:
        return redirect(url_for("respond.leave_comment"))
    return _sent_page(case)


@bp.route("/comment/choice", methods=["POST"])
@limiter.limit("20 per minute")
def comment_choice():
    """Act on what the person chose; a second submit shows what was done the first time, and does nothing."""
    case = _sent_case()
    if case is None:
        return redirect(url_for("respond.leave_comment"))
    if case.complaint_choice is None:
        if not complaint_offer.comment_offer(case):
            return redirect(url_for("respond.comment_sent"))
        form = _choice_form()
        if not form.validate_on_submit():
            return _sent_page(case, form), 400
        complaint_offer.choose_for_comment(case, form.choice.data, contact_name=form.contact_name.data,
                                           contact_email=form.contact_email.data,
                                           contact_phone=form.contact_phone.data)
    choice = case.complaint_choice
    return render_template("respond/choice_result.html", choice=choice, case=case, title=CHOICE_TITLES[choice])
