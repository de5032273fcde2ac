"""Invitations as staff see them: counts per survey and a page of a survey's invitations, contact details masked.

Partner scoping applies to both (``surveys.services.platform.scoping``). Tokens are never shown: only their
hashes are stored.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select

from surveys.models import JOURNEY_STAGES, Invitation, Notification, Response, Survey, User, db, utcnow
from surveys.services.capture.invitations import is_expired, reminders_stopped
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.scoping import scoped


@dataclass(frozen=True)
class InvitationCounts:
    """How a survey's invitations are going."""

    survey_id: int
    invited: int
    sent: int
    opened: int
    answered: int
    reminded: int
    expired: int

    @property
    def not_sent(self) -> int:
        """Invitations no message has reached yet (failed, or still to send)."""
        return self.invited - self.sent


@dataclass(frozen=True)
class InvitationListItem:
    """One invitation as a list shows it: contact details masked, never the token."""

    id: int
    created_at: datetime
    contact: str
    journey_stage: str
    locality: str
    partner: str
    status: str
    reminders: str


def _answered():
    return select(Response.id).where(Response.invitation_id == Invitation.id, Response.status == "submitted").exists()


def _reminded():
    return (
        select(Notification.id)
        .where(Notification.invitation_id == Invitation.id, Notification.kind == "reminder",
               Notification.status == "sent")
        .exists()
    )


def _how_many(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def invitation_counts(user: User, survey_id: int | None = None, now: datetime | None = None) -> list[InvitationCounts]:
    """Counts per survey of the invitations ``user`` may see (partner scoping applies)."""
    now = now or utcnow()
    query = select(
        Invitation.survey_id,
        func.count(Invitation.id),
        _how_many(Invitation.sent_at.is_not(None)),
        _how_many(Invitation.opened_at.is_not(None)),
        _how_many(_answered()),
        _how_many(_reminded()),
        _how_many(and_(Invitation.expires_at <= now, ~_answered())),
    ).group_by(Invitation.survey_id).order_by(Invitation.survey_id)
    if survey_id is not None:
        query = query.where(Invitation.survey_id == survey_id)
    return [InvitationCounts(*row) for row in db.session.execute(scoped(query, Invitation, user))]


def list_invitations(survey: Survey, user: User, *, page: int = 1, per_page: int = 50,
                     now: datetime | None = None) -> tuple[list[InvitationListItem], int]:
    """One page of a survey's invitations that ``user`` may see, newest first, and how many there are in all."""
    now = now or utcnow()
    base = scoped(select(Invitation).where(Invitation.survey_id == survey.id), Invitation, user)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    query = (
        base.add_columns(Response.status)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    )
    return [_list_item(invitation, status, now) for invitation, status in db.session.execute(query)], total


def _list_item(invitation: Invitation, response_status: str | None, now: datetime) -> InvitationListItem:
    contacts = [mask_email(invitation.contact_email), mask_phone(invitation.contact_phone)]
    return InvitationListItem(
        id=invitation.id,
        created_at=invitation.created_at.astimezone(LONDON),
        contact=", ".join(c for c in contacts if c),
        journey_stage=JOURNEY_STAGES.get(invitation.journey_stage or "", ""),
        locality=invitation.locality or "",
        partner=invitation.partner.name if invitation.partner else "",
        status=invitation_status(invitation, response_status, now),
        reminders="Stopped" if reminders_stopped(invitation) else str(invitation.reminders_sent or 0),
    )


def invitation_status(invitation: Invitation, response_status: str | None, now: datetime) -> str:
    """Where an invitation has got to, in a word or two."""
    if response_status == "submitted":
        return "Answered"
    if is_expired(invitation, now):
        return "Expired"
    if response_status == "in_progress":
        return "Started"
    if invitation.opened_at is not None:
        return "Opened"
    return "Sent" if invitation.sent_at is not None else "Not sent"


def mask_email(email: str | None) -> str:
    """Enough of an email address to recognise, not to use: j***@example.com."""
    if not email or "@" not in email:
        return ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str | None) -> str:
    """The last 3 digits of a mobile number only: 07*** ***982."""
    if not phone:
        return ""
    return f"07*** ***{phone[-3:]}"


def invitable_surveys() -> list[Survey]:
    """Active surveys, which invitations can be sent for, by title."""
    return list(db.session.scalars(select(Survey).where(Survey.active.is_(True)).order_by(Survey.title)))
