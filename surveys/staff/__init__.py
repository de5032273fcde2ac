"""The staff workspace: sign in, surveys, invitations, cases, themes, actions, dashboards.

One blueprint; each area keeps its views in its own module, imported here so they register.
"""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from surveys.staff import (  # noqa: E402,F401 - routes
    action_views,
    audio_views,
    board_report_views,
    case_views,
    export_views,
    invitation_views,
    log_views,
    publication_views,
    report_views,
    representation_views,
    safeguarding_views,
    schedule_views,
    session_views,
    settings_views,
    survey_views,
    theme_setup_views,
    theme_views,
    views,
)
