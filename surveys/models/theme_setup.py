"""What the co-production lead sets up for theme runs: a codebook of expected themes, and asked-for re-runs."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

RUN_REQUEST_STATUSES = ("waiting", "running", "done", "failed")


class CodebookTheme(db.Model):
    """A theme the lead expects, with a few phrases people might use about it; seeds the theme engine."""

    __tablename__ = "codebook_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    phrases: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ThemeRunRequest(db.Model):
    """A re-run of the theme engine someone asked for (more or fewer themes, from the codebook or not).

    The scheduler claims a waiting request with one conditional UPDATE, so two schedulers run it once.
    """

    __tablename__ = "theme_run_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    k: Mapped[int] = mapped_column(Integer)
    use_codebook: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="waiting", index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(Text, default="")
