"""Stopping personal follow-ups from the link in one, without signing in.

The link carries a random token; only its hash is stored (``surveys.services.report.followups``). Opening the
link changes nothing (mail scanners open links): the page asks, and the button stops the messages. A link that
matches nothing gets a plain page that says only that the link does not work.
"""

from flask import render_template

from surveys.extensions import limit_setting, limiter
from surveys.respond import bp
from surveys.respond.forms import UnsubscribeForm
from surveys.services.report import followups


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@limiter.limit(limit_setting("RATELIMIT_UNSUBSCRIBE"), methods=["POST"])
def unsubscribe(token: str):
    """Ask, then stop every later follow-up to the person the message went to."""
    follow_up = followups.find_follow_up(token)
    if follow_up is None:
        return render_template("respond/unsubscribe_invalid.html"), 404
    form = UnsubscribeForm()
    if form.validate_on_submit():
        followups.unsubscribe(follow_up)
        return render_template("respond/unsubscribed.html")
    return render_template("respond/unsubscribe.html", form=form)
