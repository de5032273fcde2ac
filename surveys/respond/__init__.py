"""Respondent pages: surveys by invitation or open link, and comments from the public. No login.

One blueprint; survey pages and case forms keep their views in their own modules.
"""

from flask import Blueprint

bp = Blueprint("respond", __name__)

from surveys.respond import case_views, resume_views, survey_views, unsubscribe_views, views  # noqa: E402,F401 - the routes
