"""Co-production sign-off: who approved which version of a tracker entry, for which side, and any dissent."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.users import User

ENTRY_KINDS = ("theme", "action")
SIDES = {"partnership": "Partnership lead", "forum": "Parent carer forum"}


class Approval(db.Model):
    """One person's decision on one version of a theme or action entry, as it would be published.

    ``fingerprint`` is a hash of the fields that would be published, so a changed entry no longer matches and needs
    approving again. Rows are never changed or deleted: a dissent note is kept even after a later approval.
    """

    __tablename__ = "approval"
    __table_args__ = (Index("ix_approval_entry", "entry_kind", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_kind: Mapped[str] = mapped_column(String(10))  # "theme" or "action"
    entry_id: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    side: Mapped[str] = mapped_column(String(12))  # "partnership" or "forum"
    approved: Mapped[bool] = mapped_column(Boolean, default=True)  # False: a dissent without approving
    note: Mapped[str] = mapped_column(Text, default="")  # a dissent note, kept
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User | None] = relationship()
