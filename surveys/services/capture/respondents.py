"""Who is answering: the survey, invitation and response a respondent's session points at.

The session holds ids only. A token from an invitation link is exchanged for a session once, and the
browser is sent on to URLs without the token, so it never sits in history, logs or referrers.
"""

from dataclasses import dataclass

from sqlalchemy import select

from surveys.models import Invitation, Response, Survey, db, utcnow


@dataclass
class Respondent:
    """The survey being answered, and by whom."""

    survey: Survey
    invitation: Invitation | None
    response: Response | None

    @property
    def easy_read(self) -> bool:
        """Easy-read wording and layout for easy-read surveys and young people."""
        return self.survey.reads_easy

    @property
    def anonymous(self) -> bool:
        """Answering by open link, with no invitation."""
        return self.invitation is None


class TokenProblem(Exception):
    """An invitation link that cannot be used; ``expired`` says whether it was real but old."""

    def __init__(self, expired: bool, survey: Survey | None = None):
        super().__init__("expired" if expired else "unknown")
        self.expired = expired
        self.survey = survey


def exchange_token(token: str) -> dict:
    """The session data for a valid invitation token; raises TokenProblem otherwise."""
    from surveys.services.capture.invitations import find_invitation, is_expired

    invitation = find_invitation(token)  # None for anything unknown, too long or empty
    if invitation is None:
        raise TokenProblem(expired=False)
    if is_expired(invitation):
        raise TokenProblem(expired=True, survey=invitation.survey)
    if invitation.opened_at is None:
        invitation.opened_at = utcnow()
    response = db.session.scalar(select(Response.id).where(Response.invitation_id == invitation.id))
    return {"survey_id": invitation.survey_id, "invitation_id": invitation.id, "response_id": response}


def open_survey(slug: str) -> Survey | None:
    """An active survey anyone may answer by open link."""
    survey = db.session.scalar(select(Survey).where(Survey.slug == slug))
    if survey is None or not survey.active or not survey.open_link or survey.current_version is None:
        return None
    return survey


def load(data: dict | None) -> Respondent | None:
    """The respondent described by session data, or None when it no longer makes sense."""
    if not data or not isinstance(data, dict):
        return None
    survey = db.session.get(Survey, data.get("survey_id") or 0)
    if survey is None:
        return None
    invitation = db.session.get(Invitation, data["invitation_id"]) if data.get("invitation_id") else None
    response = db.session.get(Response, data["response_id"]) if data.get("response_id") else None
    if response is not None and response.version.survey_id != survey.id:
        response = None
    if invitation is not None and response is None:
        response = db.session.scalar(select(Response).where(Response.invitation_id == invitation.id))
    return Respondent(survey=survey, invitation=invitation, response=response)
