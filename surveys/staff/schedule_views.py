"""The publication schedule at /staff/publications/schedule: how often the tracker is published, and the next run.

Co-production leads and administrators set it. The scheduler (``surveys.jobs.publish_on_schedule``) reads it
every 15 minutes, so a change needs no restart.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.formatters import local_datetime
from surveys.services.platform.errors import Invalid
from surveys.services.report import schedule
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.schedule_forms import ScheduleForm

SCHEDULE_ROLES = ("coproduction_lead",)


def schedule_page(form: ScheduleForm, status: int = 200):
    """The page: what is set, when it next runs, what the last run did, and the form."""
    current = schedule.current_schedule()
    publications = "staff.publications" in current_app.view_functions
    page = render_template(
        "staff/publication_schedule.html", form=form, schedule=current, next_run=schedule.next_publication_date(),
        publications_url=url_for("staff.publications") if publications else None,
    )
    return page, status


@bp.route("/publications/schedule", methods=["GET", "POST"], endpoint="publication_schedule")
@roles_required(*SCHEDULE_ROLES)
def publication_schedule():
    """Show and change the publication schedule."""
    current = schedule.current_schedule()
    form = ScheduleForm(data={"kind": current.kind, "time": f"{current.hour:02d}:{current.minute:02d}"})
    if not form.validate_on_submit():
        return schedule_page(form, 400 if form.errors else 200)
    hour, minute = form.hour_minute(default=(current.hour, current.minute))
    try:
        saved = schedule.set_schedule(current_user, form.kind.data, hour, minute)
    except Invalid as error:
        form.kind.errors = [*form.kind.errors, error.message]
        return schedule_page(form, 400)
    flash(_saved_message(saved), "success")
    return redirect(url_for("staff.publication_schedule"))


def _saved_message(saved) -> str:
    """What the banner says after saving."""
    if saved.kind == "off":
        return "Schedule saved: the tracker is not published on a schedule"
    return f"Schedule saved: next publication {local_datetime(schedule.next_publication_date())}"
