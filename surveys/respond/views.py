"""Respondent views."""

from flask import render_template

from surveys.models import AUDIENCES
from surveys.respond import bp
from surveys.services.capture import survey_catalogue


@bp.route("/")
def give_feedback():
    """Ways to give feedback: open surveys for each audience."""
    return render_template(
        "respond/give_feedback.html", surveys=survey_catalogue.open_surveys(), audience_names=AUDIENCES
    )
