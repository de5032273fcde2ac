"""The outbox at /staff/outbox: messages and background work that failed after every attempt, and trying again.

Administrators see everything; safeguarding leads see the safeguarding alerts and the analysis that finds flags.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.services.platform import outbox
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.outbox_forms import RetryForm

OUTBOX_ROLES = ("safeguarding_lead",)


def visible_kinds() -> tuple[str, ...] | None:
    """The kinds of item this person may see (None: all of them)."""
    return None if current_user.role == "admin" else outbox.SAFEGUARDING_KINDS


@bp.route("/outbox", endpoint="outbox")
@roles_required(*OUTBOX_ROLES)
def outbox_page():
    """What failed, what is being tried again, and how much is waiting."""
    kinds = visible_kinds()
    return render_template(
        "staff/outbox.html", failed=outbox.failed_items(kinds), retrying=outbox.retrying_items(kinds),
        counts=outbox.counts() if kinds is None else None, written_to_files=outbox.written_to_files(),
        describe=outbox.describe,
    )


@bp.route("/outbox/<int:item_id>/retry", methods=["POST"])
@roles_required(*OUTBOX_ROLES)
def outbox_retry(item_id: int):
    """Try a failed item again now."""
    if RetryForm().validate_on_submit():
        item = outbox.retry(item_id, current_user, visible_kinds())
        flash(f"Trying again: {outbox.describe(item)}", "success")
    return redirect(url_for("staff.outbox"))
