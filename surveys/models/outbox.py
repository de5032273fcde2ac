"""The durable outbox: every message to send and every piece of background work, written in the same
transaction as the data that causes it, and done by the worker process (``flask worker``)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

OUTBOX_STATUSES = ("pending", "working", "done", "failed")


class OutboxItem(db.Model):
    """One thing to do after a commit: send a message, analyse a comment, retrain the theme assigner.

    ``kind`` names the handler (``surveys.outbox_handlers``) and ``payload`` holds ids and words, never a link's
    token (tokens are made when the message goes, so only their hashes are ever stored). A worker claims an item
    (``working``, ``attempts`` + 1), does it and marks it ``done``; a failure puts it back to ``pending`` with
    ``available_at`` later each time, and after ``max_attempts`` it is ``failed`` and shown to staff.
    """

    __tablename__ = "outbox_item"
    # The worker's claim reads due items in this order; the index serves it.
    __table_args__ = (Index("ix_outbox_item_due", "status", "priority", "available_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    priority: Mapped[int] = mapped_column(SmallInteger, default=5)  # lower goes first: alerts before bulk sends
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=8)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # The notifier that took a message (outbox, smtp, notify): "outbox" means written to a file, not delivered.
    notifier: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
