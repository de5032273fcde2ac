"""The audit log: who saw raw text, exported data or changed something that matters."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow


class AuditEvent(db.Model):
    """One thing a person did that must be accountable. Append-only: rows are never updated or deleted (the ORM
    refuses in ``surveys.services.platform.audit``, and a trigger refuses on PostgreSQL)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    request_id: Mapped[str] = mapped_column(String(64), default="", server_default="")


class StaffNote(db.Model):
    """Free text staff wrote that an audit event refers to (a safeguarding review's note, a case's earlier response).

    Kept out of the audit log, which holds no personal text and is never changed: retention and erasure may
    blank or delete a note while the event that points at it (who, what, when) stays.
    """

    __tablename__ = "staff_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(64), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
