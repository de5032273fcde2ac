"""Compliments, comments and complaints, tracked as cases with statutory dates."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.partners import Partner

CASE_KINDS = {"complaint": "Complaint", "compliment": "Compliment", "comment": "Comment"}
CASE_STAGES = {
    "informal": "Informal",
    "stage_1": "Stage 1",
    "stage_2": "Stage 2",
    "ombudsman": "Ombudsman",
    "mediation": "Mediation",
    "tribunal": "Tribunal",
}
CASE_OUTCOMES = {"upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld"}
CASE_CHANNELS = ("online", "phone", "letter", "email", "in_person", "import")


class Case(db.Model):
    """One complaint, compliment or comment, from receipt to response."""

    __tablename__ = "feedback_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16), default="informal")
    channel: Mapped[str] = mapped_column(String(16), default="online")
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    summary: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    received_on: Mapped[date] = mapped_column(Date)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    responded_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(16))
    response_text: Mapped[str] = mapped_column(Text, default="")
    complaint_choice: Mapped[str | None] = mapped_column(String(24))  # a comment that read like a complaint
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # unique: a survey response makes at most one formal complaint, however many clicks arrive at once
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"), index=True,
                                                    unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the retention job replaced the person's own words (details, summary, response) with redacted text.
    raw_text_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner: Mapped[Partner | None] = relationship()

    @property
    def is_open(self) -> bool:
        """A case is open until it has been responded to."""
        return self.responded_on is None

    def is_overdue(self, today: date) -> bool:
        """Past its due date without a response."""
        return self.is_open and self.due_on is not None and self.due_on < today
