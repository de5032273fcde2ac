"""Respondent views."""

from flask import render_template

from surveys.models import AUDIENCES
from surveys.respond import bp, easy_words
from surveys.services.capture import survey_catalogue
from surveys.services.platform.settings import local_contact


@bp.context_processor
def local_details() -> dict:
    """``local_contact(kind)`` for the respondent pages: the contact an admin set, or None (looked up when used)."""
    return {"local_contact": local_contact, "easy_choices": easy_words.COMPLAINT_CHOICES}


@bp.route("/")
def give_feedback():
    """Ways to give feedback: open surveys for each audience."""
    return render_template(
        "respond/give_feedback.html", surveys=survey_catalogue.open_surveys(), audience_names=AUDIENCES
    )
