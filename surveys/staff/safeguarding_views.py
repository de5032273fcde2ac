"""Staff views for safeguarding: the list of flagged comments and the review of one.

Only safeguarding leads and administrators: they read the person's own words, and every reading is audited.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.services.understand import safeguarding as safeguarding_service
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.safeguarding_forms import ReviewForm


@bp.route("/safeguarding")
@roles_required(*safeguarding_service.REVIEWER_ROLES)
def safeguarding():
    """Flagged comments: those awaiting review first, the longest waiting at the top; then those reviewed."""
    return render_template(
        "staff/safeguarding.html", queue=safeguarding_service.flagged_queue(current_user),
        outcome_names=safeguarding_service.REVIEW_OUTCOMES,
    )


@bp.route("/safeguarding/<int:comment_id>", methods=["GET", "POST"])
@roles_required(*safeguarding_service.REVIEWER_ROLES)
def safeguarding_comment(comment_id: int):
    """Read one flagged comment, where it came from and how to reach the person; record the review."""
    comment = safeguarding_service.open_flag(current_user, comment_id)
    form = ReviewForm()
    if form.validate_on_submit():
        safeguarding_service.record_review(current_user, comment, form.outcome.data, form.note.data or "")
        flash(f"Review of comment {comment_id} recorded", "success")
        return redirect(url_for("staff.safeguarding"))
    safeguarding_service.record_raw_text_view(current_user, comment)
    return render_template(
        "staff/safeguarding_comment.html", details=safeguarding_service.flag_details(comment), form=form
    )
