"""Responses to surveys and their answers."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.invitations import Invitation
from surveys.models.partners import Partner
from surveys.models.surveys import Question, SurveyVersion

RESPONSE_STATUSES = ("in_progress", "submitted")


class Response(db.Model):
    """One person's answers to one survey version. At most one response per invitation."""

    __tablename__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    # unique: one token, one response, enforced by the database and not only by the view
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    journey_stage: Mapped[str | None] = mapped_column(String(32))
    locality: Mapped[str | None] = mapped_column(String(100))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    need_type: Mapped[str | None] = mapped_column(String(100))
    consent_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    supported_by: Mapped[str | None] = mapped_column(String(200))
    # What the person chose when their feedback read like a complaint; nothing is escalated without it.
    complaint_choice: Mapped[str | None] = mapped_column(String(24))
    # Whether that choice was offered at submission: a choice (and a formal complaint) is taken only if it was.
    complaint_offered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The person used the unsubscribe link in a follow-up: no more messages about what changed.
    follow_ups_stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    version: Mapped[SurveyVersion] = relationship()
    invitation: Mapped[Invitation | None] = relationship()
    partner: Mapped[Partner | None] = relationship()
    answers: Mapped[list["Answer"]] = relationship(back_populates="response", cascade="all, delete-orphan")


class Answer(db.Model):
    """The answer to one question: text, a number, or a list of choices."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    value_text: Mapped[str | None] = mapped_column(Text)
    value_choices: Mapped[list[Any] | None] = mapped_column(JSON)

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
