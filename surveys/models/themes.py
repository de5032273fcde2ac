"""Themes found in comments, the assignments of comments to them, and people's decisions about them."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.comments import Comment

THEME_STATUSES = ("proposed", "reviewed", "rejected", "merged")
ASSIGNMENT_SOURCES = ("model", "manual")
DECISION_KINDS = ("rename", "merge", "split", "move", "review", "reject")


class Theme(db.Model):
    """A theme: what families told us, in a few words, with its key terms."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    what_this_means: Mapped[str] = mapped_column(Text, default="")  # for families, in plain words
    key_terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    signature: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # engine data for stable identity
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id"))
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    assignments: Mapped[list["CommentTheme"]] = relationship(back_populates="theme")


class CommentTheme(db.Model):
    """A comment placed in a theme, by the model (with a confidence) or by a person."""

    __tablename__ = "comment_theme"
    __table_args__ = (UniqueConstraint("comment_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(10), default="model")
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="themes")
    theme: Mapped[Theme] = relationship(back_populates="assignments")


class ThemeDecision(db.Model):
    """A decision by the co-production lead, kept so that no re-run undoes it."""

    __tablename__ = "theme_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
