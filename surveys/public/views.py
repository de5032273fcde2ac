"""Public views: home, the tracker, privacy, accessibility and cookies statements."""

from flask import Blueprint, render_template

from surveys.services.report import publications

bp = Blueprint("public", __name__)


@bp.route("/")
def home():
    """What yousaid is, and the two things most people come to do."""
    return render_template("public/home.html", live=publications.live_publication())


@bp.route("/you-said-we-did")
def tracker():
    """The live "you said, we did" publication."""
    return render_template("public/tracker.html", live=publications.live_publication())


@bp.route("/privacy")
def privacy():
    """How we use what people tell us."""
    return render_template("public/privacy.html")


@bp.route("/accessibility")
def accessibility():
    """Accessibility statement."""
    return render_template("public/accessibility.html")


@bp.route("/cookies")
def cookies():
    """Cookies: only the essential ones."""
    return render_template("public/cookies.html")
