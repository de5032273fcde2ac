"""Retention rules an administrator sets: how long each class of personal data is kept before the job removes it."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

# Each class of data the retention job knows how to remove, as the privacy notice names it.
RETENTION_CLASSES = {
    "raw_text": "What people wrote in their own words",
    "contact_details": "Contact details (names, email addresses and phone numbers)",
    "audio": "Audio messages",
    "audit_notes": "Notes in the audit log",
}


class RetentionRule(db.Model):
    """How many days one class of data is kept; no row (or no days) means it is not removed automatically."""

    __tablename__ = "retention_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    data_class: Mapped[str] = mapped_column(String(32), unique=True)
    keep_days: Mapped[int | None] = mapped_column(Integer)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
