"""Comments: single units of free text, wherever they came from, with their analysis."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.partners import Partner

COMMENT_SOURCES = ("survey", "case", "import", "decision", "transcript", "practitioner_note")
SENTIMENTS = ("negative", "neutral", "positive")
# What staff decided about a flagged comment; the triage model learns from it (surveys.jobs.retrain_triage_model).
SAFEGUARDING_DECISIONS = ("concern", "no_concern")


class Comment(db.Model):
    """One piece of free text. The raw words are restricted; others see the redacted text."""

    __tablename__ = "comment"
    # Periods of analysed comments (the impact log's theme shares) are counted from this index alone.
    __table_args__ = (Index("ix_comment_received_at_analysed_at", "received_at", "analysed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("answer.id", ondelete="SET NULL"), index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_case.id", ondelete="SET NULL"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    raw_text: Mapped[str] = mapped_column(Text)
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    redaction_spans: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    audience: Mapped[str | None] = mapped_column(String(32))
    journey_stage: Mapped[str | None] = mapped_column(String(32))
    locality: Mapped[str | None] = mapped_column(String(100))
    need_type: Mapped[str | None] = mapped_column(String(100))
    consent_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sentiment: Mapped[str | None] = mapped_column(String(10))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    emotions: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    safeguarding_flag: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    safeguarding_reason: Mapped[str] = mapped_column(String(200), default="")
    safeguarding_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    safeguarding_reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    safeguarding_decision: Mapped[str | None] = mapped_column(String(16))  # latest review: SAFEGUARDING_DECISIONS

    partner: Mapped[Partner | None] = relationship()
    themes: Mapped[list["CommentTheme"]] = relationship(  # noqa: F821 - defined in themes
        back_populates="comment", cascade="all, delete-orphan"
    )

    @property
    def publishable(self) -> bool:
        """Only consented, analysed, redacted and unflagged text may ever be quoted in public."""
        return (
            self.consent_quote
            and self.analysed_at is not None
            and bool(self.redacted_text)
            and not self.safeguarding_flag
        )
