"""Respondent views."""

from flask import Blueprint, render_template

from surveys.services import survey_catalogue

bp = Blueprint("respond", __name__)


@bp.route("/")
def give_feedback():
    """Ways to give feedback: open surveys for each audience."""
    return render_template("respond/give_feedback.html", surveys=survey_catalogue.open_surveys())
