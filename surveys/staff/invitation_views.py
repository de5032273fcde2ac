"""Staff views for invitations: how each survey's invitations are going, and uploading people to invite.

Viewing: co-production leads and analysts; uploading and sending: co-production leads (admins always).
Lists mask contact details and never show tokens. Services flush; the request commits (``surveys.transactions``),
except that an upload commits its invitations before sending them, as a message sent cannot be unsent.
"""

from math import ceil

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.batches import resend_unsent_invitations
from surveys.models import JOURNEY_STAGES, Survey, db
from surveys.services.capture import invitation_lists
from surveys.services.capture import invitation_upload as upload_service
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.invitation_forms import InvitationUploadForm, ResendForm
from surveys.transactions import transaction

VIEW_ROLES = ("coproduction_lead", "analyst")
UPLOAD_ROLES = ("coproduction_lead",)
PER_PAGE = 50
TEMPLATE_CSV = (
    "email,mobile,journey_stage,locality,partner,need_type\r\n"
    "name@example.com,07700 900 982,Final EHC plan issued,North,,Autism\r\n"
)


def can_upload() -> bool:
    """Whether the signed-in person may upload and send invitations."""
    return current_user.role == "admin" or current_user.role in UPLOAD_ROLES


@bp.route("/invitations")
@roles_required(*VIEW_ROLES)
def invitations():
    """Each survey with invitations, and how they are going."""
    counts = invitation_lists.invitation_counts(current_user)
    ids = [row.survey_id for row in counts]
    surveys = {survey.id: survey for survey in db.session.scalars(db.select(Survey).where(Survey.id.in_(ids)))}
    return render_template("staff/invitations.html", counts=counts, surveys=surveys, can_upload=can_upload())


@bp.route("/invitations/surveys/<int:survey_id>")
@roles_required(*VIEW_ROLES)
def invitation_survey(survey_id: int):
    """One survey's invitations, newest first, a page at a time."""
    survey = db.get_or_404(Survey, survey_id)
    page = max(request.args.get("page", 1, type=int), 1)
    items, total = invitation_lists.list_invitations(survey, current_user, page=page, per_page=PER_PAGE)
    counts = invitation_lists.invitation_counts(current_user, survey_id=survey.id)
    return render_template(
        "staff/invitation_survey.html", survey=survey, items=items, total=total, page=page,
        pagination=pagination(survey.id, page, ceil(total / PER_PAGE)), counts=counts[0] if counts else None,
        can_upload=can_upload(), resend_form=ResendForm(),
    )


def pagination(survey_id: int, page: int, pages: int) -> dict | None:
    """Parameters for GOV.UK pagination (previous, numbered pages, next), or None for a single page."""
    if pages <= 1 and page <= 1:
        return None

    def link(number: int) -> str:
        return url_for("staff.invitation_survey", survey_id=survey_id, page=number)

    numbers = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items, previous_number = [], 0
    for number in numbers:
        if number > previous_number + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": link(number), "current": number == page})
        previous_number = number
    return {
        "previous": {"href": link(page - 1)} if page > 1 else None,
        "next": {"href": link(page + 1)} if page < pages else None,
        "items": items,
    }


@bp.route("/invitations/surveys/<int:survey_id>/resend", methods=["POST"])
@roles_required(*UPLOAD_ROLES)
def invitation_resend(survey_id: int):
    """Try again to send a survey's invitations that have not gone out."""
    survey = db.get_or_404(Survey, survey_id)
    if not ResendForm().validate_on_submit():
        abort(400)
    queued = resend_unsent_invitations(survey, user=current_user)
    flash(f"Sending {queued} {'invitation' if queued == 1 else 'invitations'} again" if queued
          else "There are no invitations to send again", "success" if queued else "info")
    return redirect(url_for("staff.invitation_survey", survey_id=survey.id))


@bp.route("/invitations/upload", methods=["GET", "POST"])
@roles_required(*UPLOAD_ROLES)
def invitation_upload():
    """Upload a CSV of people to invite to a survey; the report follows on its own page."""
    form = InvitationUploadForm()
    form.survey.choices = [(s.id, s.title) for s in invitation_lists.invitable_surveys()]
    if form.validate_on_submit():
        survey = db.get_or_404(Survey, form.survey.data)
        upload = form.file.data
        with transaction():  # the invitations and their queued messages, together; the worker sends them
            report, _created = upload_service.add_invitations(survey, upload, upload.filename or "",
                                                              user=current_user)
        if report.error is None:
            return redirect(url_for("staff.invitation_upload_report", event_id=report.audit_event_id))
        form.file.errors.append(report.error)
    return render_template("staff/invitation_upload.html", form=form, journey_stages=JOURNEY_STAGES.values())


@bp.route("/invitations/uploads/<int:event_id>")
@roles_required(*VIEW_ROLES)
def invitation_upload_report(event_id: int):
    """What an upload did: how many were invited, and the lines that were not, with reasons."""
    event = upload_service.upload_report(event_id)
    if event is None:
        abort(404)
    survey = db.session.get(Survey, int(event.object_id)) if event.object_id.isdigit() else None
    detail = event.detail
    return render_template("staff/invitation_upload_report.html", event=event, detail=detail, survey=survey)


@bp.route("/invitations/template.csv")
@roles_required(*UPLOAD_ROLES)
def invitation_template():
    """An example CSV with the right column names, to fill in."""
    return Response(
        TEMPLATE_CSV, mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=invitations-template.csv"},
    )
