"""Personal follow-ups: one message per person per publication, telling them what changed about what they said."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

FOLLOW_UP_STATUSES = ("sending", "sent", "failed")


class FollowUp(db.Model):
    """The message (or the claim to send it) for one response and one publication.

    The unique constraint is the promise "never more than one message per person per publication": a second
    scheduler's insert fails. ``unsubscribe_hash`` is the SHA-256 of the token in the message's unsubscribe link.
    """

    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("publication_version", "response_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_version: Mapped[int] = mapped_column(Integer, index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    action_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="sending")
    unsubscribe_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
