"""Actions ("we did") linked to themes ("you said"), with milestones, updates, forum notes and their history."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.partners import Partner
from surveys.models.themes import Theme
from surveys.models.users import User

ACTION_STATUSES = {
    "planned": "Planned",
    "in_progress": "In progress",
    "completed": "Completed",
    "changed": "Changed",
    "not_taken_forward": "Not taken forward",
}
STATUSES_NEEDING_A_REASON = ("changed", "not_taken_forward")
IMPACT_KINDS = {
    "question": "A closed survey question's result",
    "theme_share": "A theme's share of comments",
    "theme_sentiment": "A theme's mean sentiment",
}
UPDATE_KINDS = ("update", "forum_note")

action_theme = Table(
    "action_theme",
    db.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
)


class Action(db.Model):
    """Something a partner does because of what families said."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    status_reason: Mapped[str] = mapped_column(Text, default="")  # required for "changed" and "not taken forward"
    start_date: Mapped[date | None] = mapped_column(Date)
    target_date: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    what_this_means: Mapped[str] = mapped_column(Text, default="")
    for_the_future: Mapped[str] = mapped_column(Text, default="")
    impact_measure: Mapped[str] = mapped_column(Text, default="")  # what the partnership hopes to see, in words
    # The measure compared before and after the start: a closed question's result, or a theme's share or sentiment.
    impact_kind: Mapped[str | None] = mapped_column(String(20))
    impact_survey_id: Mapped[int | None] = mapped_column(ForeignKey("survey.id", ondelete="SET NULL"))
    impact_question_key: Mapped[str | None] = mapped_column(String(64))
    impact_theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    impact_window_days: Mapped[int] = mapped_column(Integer, default=180, server_default="180")
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    partner: Mapped[Partner] = relationship()
    lead: Mapped[User | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=action_theme)
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="action", order_by="Milestone.due_on", cascade="all, delete-orphan"
    )
    updates: Mapped[list["ActionUpdate"]] = relationship(
        back_populates="action", order_by="ActionUpdate.created_at", cascade="all, delete-orphan"
    )
    changes: Mapped[list["ActionChange"]] = relationship(
        back_populates="action", order_by="ActionChange.id", cascade="all, delete-orphan"
    )


class Milestone(db.Model):
    """A dated step towards an action."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    action: Mapped[Action] = relationship(back_populates="milestones")


class ActionUpdate(db.Model):
    """A progress note posted by the owner of an action, or a note from the parent carer forum."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    kind: Mapped[str] = mapped_column(String(12), default="update", server_default="update")  # or "forum_note"
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(20))  # the status set with this update, if any
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()


class ActionChange(db.Model):
    """One saved change to an action: who, when, and each field's old and new value."""

    __tablename__ = "action_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[str] = mapped_column(String(200), default="")  # "created", "edited", "milestone added" ...
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field: [old, new], as text

    action: Mapped[Action] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()
