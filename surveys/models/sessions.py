"""Co-production sessions: what the parent carer forum said about each theme, and when."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.themes import Theme

FORUM_VIEWS = {"agree": "The forum agrees", "partly": "The forum partly agrees", "disagree": "The forum disagrees"}


class ForumView(db.Model):
    """The forum's agreement or dissent on one theme at one meeting (publication sign-off builds on it)."""

    __tablename__ = "forum_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    meeting_on: Mapped[date] = mapped_column(Date)
    view: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    theme: Mapped[Theme] = relationship()
