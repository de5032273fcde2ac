"""Invitations: one-time links sent after a milestone in a family's journey."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.partners import Partner
from surveys.models.surveys import Survey

JOURNEY_STAGES = {
    "needs_assessment": "EHC needs assessment",
    "final_plan": "Final EHC plan issued",
    "annual_review": "Annual review",
    "phase_transfer": "Phase transfer",
    "tribunal": "Tribunal",
    "mediation": "Mediation",
}


class Invitation(db.Model):
    """A link for one respondent. Only a hash of its token is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    journey_stage: Mapped[str | None] = mapped_column(String(32))
    locality: Mapped[str | None] = mapped_column(String(100))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    need_type: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    survey: Mapped[Survey] = relationship()
    partner: Mapped[Partner | None] = relationship()
