"""Staff views for compliments, comments and complaints.

Everyone with a case role may read (partner leads only their own partner's cases: another id is a 404).
Complaints officers (and admins) log, acknowledge, move and import cases; partner leads may also
respond to their own partner's cases. Views validate and redirect; services query and flush; the request commits.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.formatters import local_date
from surveys.models import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES, Case
from surveys.services.capture.cases import deadlines, decision_import, lifecycle, queries, wording
from surveys.services.platform.accounts import PARTNER_SCOPED_ROLES
from surveys.services.platform.raw_text import record_raw_text_view
from surveys.services.platform.scoping import get_scoped
from surveys.services.platform.uploads import UploadRejected
from surveys.services.understand import similarity
from surveys.staff import bp
from surveys.staff.access import CASE_ROLES, roles_required
from surveys.staff.case_forms import CaseFilterForm, ImportForm, NewCaseForm, ResponseForm, StageForm

WRITE_ROLES = ("complaints_officer",)
RESPOND_ROLES = ("complaints_officer", "partner_lead")  # both may read raw text: the draft quotes the person


def may_write(user) -> bool:
    """Log, acknowledge, move and import cases."""
    return user.role == "admin" or user.role in WRITE_ROLES


def may_respond(user) -> bool:
    """Write and record responses (to the cases the user can see at all)."""
    return user.role == "admin" or user.role in RESPOND_ROLES


def _filters(form: CaseFilterForm, partners) -> queries.CaseFilters:
    return queries.CaseFilters(
        kind=form.chosen("kind", CASE_KINDS),
        stage=form.chosen("stage", CASE_STAGES),
        status=form.chosen("status", deadlines.CASE_STATUSES),
        partner_id=form.partner_id(partners or []),
    )


def _page_url(page: int) -> str:
    return url_for("staff.cases", **(request.args.to_dict() | {"page": page}))


@bp.route("/cases")
@roles_required(*CASE_ROLES)
def cases():
    """Cases this member of staff may see, filtered, the most urgent first."""
    partners = None if current_user.role in PARTNER_SCOPED_ROLES else queries.partner_options()
    form = CaseFilterForm(request.args, partners=partners)
    on = deadlines.today()
    found = queries.find_cases(
        current_user, _filters(form, partners), on=on, page=request.args.get("page", 1, type=int)
    )
    statuses = {case.id: deadlines.case_status(case, on) for case in found.items}
    return render_template(
        "staff/cases.html", filter_form=form, found=found, cases=found.items, statuses=statuses,
        summaries=queries.shown_summaries(found.items, current_user),
        status_names=deadlines.CASE_STATUSES, stage_names=CASE_STAGES, may_write=may_write(current_user),
        page_url=_page_url,
    )


@bp.route("/cases/<int:case_id>")
@roles_required(*CASE_ROLES)
def case_detail(case_id: int):
    """One case. A partner lead asking for another partner's case gets 404."""
    case = get_scoped(Case, case_id, current_user)
    return render_template(
        "staff/case.html",
        case=case,
        page=queries.case_page(case, current_user),
        similar=similarity.similar_to_case_response(case, current_user),
        may_write=may_write(current_user),
        may_respond=may_respond(current_user),
        **_names(),
    )


def _names() -> dict:
    return {
        "kind_names": CASE_KINDS, "stage_names": CASE_STAGES, "outcome_names": CASE_OUTCOMES,
        "channel_names": wording.CHANNEL_NAMES, "status_names": deadlines.CASE_STATUSES,
    }


@bp.route("/cases/new", methods=["GET", "POST"])
@roles_required(*WRITE_ROLES)
def case_new():
    """Log a case received by phone, letter, email or in person."""
    form = NewCaseForm(partners=queries.partner_options())
    if form.validate_on_submit():
        case = lifecycle.create_case(**form.case_fields(), created_by=current_user)
        flash(f"Case {case.reference} saved. The response is due by {local_date(case.due_on)}.", "success")
        return redirect(url_for("staff.case_detail", case_id=case.id))
    return render_template("staff/case_new.html", form=form)


@bp.route("/cases/<int:case_id>/acknowledge", methods=["POST"])
@roles_required(*WRITE_ROLES)
def case_acknowledge(case_id: int):
    """Record that the person has been told we have their case."""
    case = get_scoped(Case, case_id, current_user)
    lifecycle.acknowledge(case, current_user)
    flash(f"Case {case.reference} acknowledged", "success")
    return redirect(url_for("staff.case_detail", case_id=case.id))


@bp.route("/cases/<int:case_id>/response", methods=["GET", "POST"])
@roles_required(*RESPOND_ROLES)
def case_response(case_id: int):
    """Write the response, starting from what the person told us; save it as a draft or record it as sent."""
    case = get_scoped(Case, case_id, current_user)
    form = ResponseForm(case=case, data={"response_text": wording.response_draft(case), "outcome": case.outcome})
    if form.validate_on_submit():
        lifecycle.save_response(case, current_user, **form.response_fields())
        sent = case.responded_on is not None
        flash("Response recorded as sent" if sent else "Response saved as a draft", "success")
        return redirect(url_for("staff.case_detail", case_id=case.id))
    record_raw_text_view(current_user, case, "case_response")  # the draft quotes the person, by name
    return render_template("staff/case_response.html", case=case, form=form, **_names())


@bp.route("/cases/<int:case_id>/stage", methods=["GET", "POST"])
@roles_required(*WRITE_ROLES)
def case_stage(case_id: int):
    """Move a case to another stage, for example stage 1 to stage 2; the deadline is worked out again."""
    case = get_scoped(Case, case_id, current_user)
    form = StageForm(case=case)
    if form.validate_on_submit():
        lifecycle.move_stage(case, current_user, form.stage.data, form.requested_on.data)
        due = local_date(case.due_on)
        flash(f"Case {case.reference} moved to {CASE_STAGES[case.stage].lower()}. The response is due by {due}.",
              "success")
        return redirect(url_for("staff.case_detail", case_id=case.id))
    return render_template("staff/case_stage.html", case=case, form=form, **_names())


@bp.route("/cases/import", methods=["GET", "POST"])
@roles_required(*WRITE_ROLES)
def case_import():
    """Import the outcomes of mediations, tribunals and ombudsman decisions from a CSV file."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            record = decision_import.import_decisions(upload, upload.filename or "", current_user)
        except UploadRejected as error:
            form.file.errors.append(str(error))
        else:
            return redirect(url_for("staff.case_import_result", event_id=record.id))
    return render_template(
        "staff/case_import.html", form=form, columns=decision_import.IMPORT_COLUMNS,
        max_rows=decision_import.IMPORT_MAX_ROWS, **_names(),
    )


@bp.route("/cases/import/<int:event_id>")
@roles_required(*WRITE_ROLES)
def case_import_result(event_id: int):
    """What an import did: the cases made, and each row left out with the reason."""
    record = decision_import.import_record(event_id, current_user)
    if record is None:
        abort(404)
    return render_template("staff/case_import_result.html", record=record, detail=record.detail)
