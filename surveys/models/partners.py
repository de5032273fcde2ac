"""Partners of the local area partnership: council services, NHS ICBs, schools, the parent carer forum."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

PARTNER_KINDS = ("council", "icb", "school", "parent_carer_forum", "other")


class Partner(db.Model):
    """An organisation that receives feedback and owns actions."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="other")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Partner {self.name}>"
