"""When the "you said, we did" tracker is published: one settings row, also the scheduler's record of slots run."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

SCHEDULE_KINDS = {
    "monthly": "Monthly, on the first working day of each month",
    "termly": "Termly, on the first working day of January, April and September",
    "off": "Off: publish only when someone chooses to",
}


class PublicationSchedule(db.Model):
    """The cadence staff chose, and the last scheduled slot the job handled (so a missed slot runs once)."""

    __tablename__ = "publication_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="monthly")
    hour: Mapped[int] = mapped_column(Integer, default=9)
    minute: Mapped[int] = mapped_column(Integer, default=0)
    # The latest slot (UTC) already claimed by a scheduler: a slot after it and before now is due.
    last_slot_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_result: Mapped[str] = mapped_column(String(200), default="")
    # The live version whose personal follow-ups have all been handled.
    followed_up_version: Mapped[int | None] = mapped_column(Integer)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
