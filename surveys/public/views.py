"""Public views: home, privacy, accessibility and cookies statements (the tracker is in tracker_views)."""

from flask import current_app, render_template

from surveys.public import bp
from surveys.services.platform import retention
from surveys.services.report import publications


@bp.route("/")
def home():
    """What yousaid is, and the two things most people come to do."""
    return render_template("public/home.html", live=publications.live_publication())


@bp.route("/privacy")
def privacy():
    """How we use what people tell us, and how long we keep it: the rules the clean-up really applies."""
    return render_template("public/privacy.html", retention=retention.describe(retention.retention_days()),
                           unsent_audio_days=current_app.config["AUDIO_UNSENT_DAYS"])


@bp.route("/accessibility")
def accessibility():
    """Accessibility statement."""
    return render_template("public/accessibility.html")


@bp.route("/cookies")
def cookies():
    """Cookies: only the essential ones."""
    return render_template("public/cookies.html")
