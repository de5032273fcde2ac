"""Local details at /staff/settings (administrators only): board meeting dates, the contacts that the
respondent pages point families to (SENDIASS, mediation, the complaints team, the Local Offer website), and how
long each class of personal data is kept (the nightly clean-up applies it; the privacy notice states it).
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.models import CONTACT_KINDS
from surveys.services.platform import retention, settings
from surveys.services.platform.errors import Conflict
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.settings_forms import BoardMeetingForm, ContactForm, RemoveMeetingForm, RetentionForm


def settings_page(meeting_form: BoardMeetingForm, status: int = 200):
    """The local details page, with the add-a-meeting form as given (so its errors show)."""
    page = render_template(
        "staff/settings.html", form=meeting_form, meeting_form=meeting_form, remove_form=RemoveMeetingForm(),
        meetings=settings.board_meetings(), contacts=settings.local_contacts(), contact_kinds=CONTACT_KINDS,
        retention=retention.describe(retention.retention_days()),
    )
    return page, status


@bp.route("/settings", endpoint="settings")
@roles_required()
def settings_home():
    """Board meetings and local contacts."""
    return settings_page(BoardMeetingForm(formdata=None))


@bp.route("/settings/board-meetings", methods=["POST"])
@roles_required()
def settings_add_meeting():
    """Add a board meeting date."""
    form = BoardMeetingForm()
    if not form.validate_on_submit():
        return settings_page(form, 400)
    try:
        settings.add_board_meeting(form.meets_on.data, form.note.data)
    except Conflict as error:
        form.meets_on.errors.append(error.message)
        return settings_page(form, 400)
    flash(f"Board meeting added: {form.meets_on.data.day} {form.meets_on.data:%B %Y}", "success")
    return redirect(url_for("staff.settings"))


@bp.route("/settings/board-meetings/<int:meeting_id>/remove", methods=["POST"])
@roles_required()
def settings_remove_meeting(meeting_id: int):
    """Remove a board meeting entered by mistake."""
    form = RemoveMeetingForm()
    if not form.validate_on_submit():
        return redirect(url_for("staff.settings"))
    meeting = settings.remove_board_meeting(meeting_id)
    flash(f"Board meeting removed: {meeting.meets_on.day} {meeting.meets_on:%B %Y}", "success")
    return redirect(url_for("staff.settings"))


@bp.route("/settings/contacts/<kind>", methods=["GET", "POST"])
@roles_required()
def settings_contact(kind: str):
    """Set, change or remove one local contact."""
    contact = settings.local_contact(settings.check_kind(kind))
    form = ContactForm(obj=contact, kind=kind)
    if form.validate_on_submit():
        saved = settings.save_contact(kind, **form.values())
        flash(f"{CONTACT_KINDS[kind]}: {'contact saved' if saved else 'contact removed'}", "success")
        return redirect(url_for("staff.settings"))
    status = 400 if form.errors else 200
    return render_template("staff/settings_contact.html", form=form, kind=kind, title=CONTACT_KINDS[kind],
                           contact=contact), status


@bp.route("/settings/retention", methods=["GET", "POST"])
@roles_required()
def settings_retention():
    """How long each class of personal data is kept; the nightly clean-up removes what is older."""
    days = retention.retention_days()
    form = RetentionForm(data=days)
    if form.validate_on_submit():
        retention.set_retention(current_user, form.days())
        flash("Retention rules saved. The nightly clean-up applies them and the privacy notice states them", "success")
        return redirect(url_for("staff.settings"))
    status = 400 if form.errors else 200
    return render_template("staff/settings_retention.html", form=form,
                           rules=retention.describe(days)), status
