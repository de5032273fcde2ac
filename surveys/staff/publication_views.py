"""Publications at /staff/publications: what waits for whose approval, the next version, the history, what changed
between two versions, publishing now and rolling back.

Everyone who reads the workspace's reports may look; co-production leads and administrators publish and roll back;
they and parent carer forum representatives approve entries. Publishing commits the built version before making it
live (``surveys.publish_steps``), so a failure midway leaves the live version as it was.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.models import SIDES
from surveys.publish_steps import publish_now, roll_back_now
from surveys.services.platform.errors import Forbidden, Invalid
from surveys.services.report import entries, publishing, schedule, sign_off
from surveys.staff import bp
from surveys.staff.access import may_use, roles_required
from surveys.staff.publication_forms import ActionButtonForm, DecisionForm
from surveys.staff.schedule_views import SCHEDULE_ROLES

READ_ROLES = ("coproduction_lead", "pcf_rep", "analyst", "viewer")
PUBLISH_ROLES = ("coproduction_lead",)
APPROVE_ROLES = ("coproduction_lead", "pcf_rep")
KINDS = {"theme": "Theme", "action": "Action"}


@bp.route("/publications")
@roles_required(*READ_ROLES)
def publications():
    """What waits for approval, publishing, the history of versions and comparing two."""
    waiting = sign_off.entries_for_sign_off()
    history = publishing.history()
    published = [p for p in history if p.status in publishing.PUBLISHED]
    return render_template(
        "staff/publications.html", waiting=waiting, ready=[w for w in waiting if not w.missing],
        pending=[w for w in waiting if w.missing], history=history, published=published,
        my_side=sign_off.side_of(current_user), sides=SIDES, kinds=KINDS, button=ActionButtonForm(),
        may_publish=may_use(current_user.role, PUBLISH_ROLES), live=publishing.previous_live(),
        next_run=schedule.next_publication_date(), may_schedule=may_use(current_user.role, SCHEDULE_ROLES),
    )


@bp.route("/publications/preview")
@roles_required(*READ_ROLES)
def publication_preview():
    """The next version as it would be published now (nothing is saved)."""
    built = publishing.preview()
    return render_template("staff/publication_version.html", snapshot=built.snapshot, built=built, preview=True)


@bp.route("/publications/v/<int:version>")
@roles_required(*READ_ROLES)
def publication_version(version: int):
    """One published version, as it was published."""
    publication = publishing.published_version(version)
    return render_template("staff/publication_version.html", snapshot=publication.snapshot, publication=publication,
                           preview=False, button=ActionButtonForm(),
                           may_publish=may_use(current_user.role, PUBLISH_ROLES))


@bp.route("/publications/compare")
@roles_required(*READ_ROLES)
def publication_compare():
    """What changed from one published version to another (``?older=1&newer=2``)."""
    older, newer = request.args.get("older", type=int), request.args.get("newer", type=int)
    if older is None or newer is None:
        raise Invalid("Select two versions to compare.")
    return render_template("staff/publication_compare.html", older=older, newer=newer,
                           diff=publishing.compare(older, newer))


@bp.route("/publications/entries/<kind>/<int:entry_id>", methods=["GET", "POST"])
@roles_required(*READ_ROLES)
def publication_entry(kind: str, entry_id: int):
    """One entry as it would be published, every decision on it, and the decision form for those who approve."""
    thing = sign_off.find_entry(kind, entry_id)
    entry = sign_off.current_entry(kind, thing)
    form = DecisionForm(fingerprint=entries.fingerprint(kind, entry))
    if request.method == "POST":
        if not may_use(current_user.role, APPROVE_ROLES):
            raise Forbidden("Only co-production leads, administrators and parent carer forum representatives "
                            "approve what is published.")
        if form.validate_on_submit() and _decide(kind, entry_id, form):
            return redirect(url_for("staff.publications", _anchor="waiting"))
    status = 400 if form.errors else 200
    return render_template("staff/publication_entry.html", kind=kind, kinds=KINDS, entry=entry, form=form,
                           decisions=sign_off.decisions(kind, entry_id), sides=SIDES,
                           my_side=sign_off.side_of(current_user)), status


def _decide(kind: str, entry_id: int, form: DecisionForm) -> bool:
    """Record the decision; False (with the form's error) for a dissent without a note."""
    approve = not form.dissent.data
    if not approve and not form.note.data:
        form.note.errors.append("Enter a note saying why you do not approve")
        return False
    sign_off.decide(current_user, kind, entry_id, form.fingerprint.data, approve=approve, note=form.note.data)
    what = "approved" if approve else "not approved: your note is recorded"
    flash(f"{KINDS[kind]} ‘{_title(kind, entry_id)}’ {what}", "success")
    return True


def _title(kind: str, entry_id: int) -> str:
    thing = sign_off.find_entry(kind, entry_id)
    return thing.label if kind == "theme" else thing.title


@bp.route("/publications/publish", methods=["POST"])
@roles_required(*PUBLISH_ROLES)
def publication_publish():
    """Publish now what both sides approved."""
    if not ActionButtonForm().validate_on_submit():
        return redirect(url_for("staff.publications"))
    publication, _ = publish_now(user=current_user)
    flash(f"Version {publication.version} is live", "success")
    return redirect(url_for("staff.publications", _anchor="history"))


@bp.route("/publications/v/<int:version>/roll-back", methods=["POST"])
@roles_required(*PUBLISH_ROLES)
def publication_roll_back(version: int):
    """Publish a new version with this version's content (what may no longer be published is left out)."""
    if not ActionButtonForm().validate_on_submit():
        return redirect(url_for("staff.publications"))
    publication = roll_back_now(version, user=current_user)
    flash(f"Version {publication.version} is live, with the content of version {version}", "success")
    return redirect(url_for("staff.publications", _anchor="history"))
