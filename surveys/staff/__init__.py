"""The staff workspace: sign in, surveys, invitations, cases, themes, actions, dashboards.

One blueprint; each area keeps its views in its own module, imported here so they register.
"""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from surveys.staff import (  # noqa: E402,F401 - routes
    account_views,
    action_views,
    api_token_views,
    audio_views,
    audit_views,
    board_report_views,
    case_views,
    erasure_views,
    export_views,
    invitation_views,
    log_views,
    my_account_views,
    outbox_views,
    publication_views,
    read_aloud_views,
    report_views,
    representation_views,
    safeguarding_views,
    schedule_views,
    session_views,
    settings_views,
    survey_views,
    theme_setup_views,
    theme_views,
    two_factor_views,
    views,
)
