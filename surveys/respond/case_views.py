"""Comments, compliments and complaints from anyone, without signing in.

No IP address or other identifier is stored: a case keeps only what the person typed. The form is
rate limited by address in the limiter's short-lived store, never in the database.
"""

from datetime import date

from flask import redirect, render_template, session, url_for

from surveys.extensions import csrf, limiter
from surveys.respond import bp
from surveys.respond.case_forms import KIND_HINTS, CaseForm
from surveys.services.capture.cases import deadlines, lifecycle, queries

SENT_KEY = "case_sent"


def _remember_sent(case, form: CaseForm) -> None:
    """Keep what the confirmation page needs in the session, so it survives a refresh (and no one else sees it)."""
    session[SENT_KEY] = {
        "reference": case.reference,
        "kind": case.kind,
        "due_on": case.due_on.isoformat(),
        "working_days": deadlines.working_days_for(case.stage),
        "can_reply": form.has_contact_details(),
        "partner": case.partner.name if case.partner else None,
    }


@bp.route("/comment", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an old page keeps what was typed instead of losing it
@limiter.limit("20 per hour", methods=["POST"])
def leave_comment():
    """Leave a comment, compliment or complaint; on success go to the confirmation (POST, redirect, GET)."""
    form = CaseForm(partners=queries.partner_options())
    timed_out = False
    if form.is_submitted():
        if form.validate():
            case = lifecycle.create_case(**form.case_fields())
            _remember_sent(case, form)
            return redirect(url_for("respond.comment_sent"))
        timed_out = form.take_csrf_error()
    page = render_template("respond/case_form.html", form=form, kind_hints=KIND_HINTS, timed_out=timed_out)
    return page, 400 if timed_out else 200


@bp.route("/comment/sent")
def comment_sent():
    """The reference, what happens next and by when."""
    sent = session.get(SENT_KEY)
    if not sent:
        return redirect(url_for("respond.leave_comment"))
    due_on = date.fromisoformat(sent["due_on"])
    return render_template("respond/case_sent.html", sent=sent, due_on=due_on)
