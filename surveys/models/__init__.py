"""All models, re-exported so Alembic and the app see every table."""

from surveys.models.actions import (
    ACTION_STATUSES,
    IMPACT_KINDS,
    Action,
    ActionChange,
    ActionUpdate,
    Milestone,
    action_theme,
)
from surveys.models.api_tokens import ApiToken
from surveys.models.approvals import ENTRY_KINDS, SIDES, Approval
from surveys.models.audio import AudioMessage
from surveys.models.audit import AuditEvent, StaffNote
from surveys.models.base import Base, db, utcnow
from surveys.models.cases import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES, Case
from surveys.models.comments import Comment
from surveys.models.followups import FOLLOW_UP_STATUSES, FollowUp
from surveys.models.invitations import JOURNEY_STAGES, Invitation
from surveys.models.notifications import Notification
from surveys.models.outbox import OUTBOX_STATUSES, OutboxItem
from surveys.models.partners import PARTNER_KINDS, Partner
from surveys.models.publications import Publication
from surveys.models.reports import REPORT_KINDS, Report
from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS, BaselineFigure
from surveys.models.responses import Answer, Response
from surveys.models.resume import ResumeCode
from surveys.models.retention import RETENTION_CLASSES, RetentionRule
from surveys.models.schedule import SCHEDULE_KINDS, PublicationSchedule
from surveys.models.sessions import FORUM_VIEWS, ForumView
from surveys.models.settings import CONTACT_KINDS, BoardMeeting, LocalContact
from surveys.models.surveys import AUDIENCES, QUESTION_KINDS, Question, Survey, SurveyVersion
from surveys.models.theme_setup import RUN_REQUEST_STATUSES, CodebookTheme, ThemeRunRequest
from surveys.models.themes import CommentTheme, Theme, ThemeDecision
from surveys.models.users import ROLES, User

__all__ = [
    "ACTION_STATUSES", "AUDIENCES", "BASELINE_DIMENSIONS", "CASE_KINDS", "CASE_OUTCOMES", "CASE_STAGES",
    "CONTACT_KINDS", "ENTRY_KINDS", "FOLLOW_UP_STATUSES", "FORUM_VIEWS", "IMPACT_KINDS", "JOURNEY_STAGES",
    "OUTBOX_STATUSES",
    "PARTNER_KINDS", "QUESTION_KINDS", "REPORT_KINDS", "RETENTION_CLASSES", "ROLES", "SCHEDULE_KINDS", "SIDES",
    "SUPPORT_LEVELS",
    "Action", "ActionChange", "ActionUpdate", "Answer", "ApiToken", "Approval", "BaselineFigure", "BoardMeeting",
    "ForumView",
    "LocalContact", "AudioMessage", "AuditEvent", "Base", "Case", "Comment", "CommentTheme", "FollowUp",
    "Invitation", "Milestone", "Notification", "OutboxItem", "Partner", "Publication", "PublicationSchedule",
    "Question", "Report", "Response", "ResumeCode", "RetentionRule", "StaffNote", "Survey",
    "RUN_REQUEST_STATUSES", "CodebookTheme",
    "SurveyVersion", "Theme", "ThemeDecision", "ThemeRunRequest", "User", "action_theme", "db", "utcnow",
]
