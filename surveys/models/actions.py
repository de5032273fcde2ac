"""Actions ("we did") linked to themes ("you said"), with milestones and updates."""

from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, ForeignKey, String, Table, Text
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
    status_reason: Mapped[str] = mapped_column(Text, default="")  # required for "not taken forward"
    target_date: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    what_this_means: Mapped[str] = mapped_column(Text, default="")
    for_the_future: Mapped[str] = mapped_column(Text, default="")
    impact_measure: Mapped[str] = mapped_column(Text, default="")
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
    """A progress note posted by the owner of an action."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(20))  # the status set with this update, if any
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()
