"""Codes to come back to an open-link survey later, perhaps on another device."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow


class ResumeCode(db.Model):
    """A short code that leads back to one unfinished response. Only its hash is stored (like invitation
    tokens); it expires, and it works once (``used_at``), so a code read over someone's shoulder is spent."""

    __tablename__ = "resume_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
