"""Publications: immutable, versioned snapshots of the "you said, we did" tracker."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

PUBLICATION_STATUSES = ("building", "live", "superseded", "failed")


class Publication(db.Model):
    """One published version. Only one is live; a failed build leaves the previous one live."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(16), default="building", index=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "host:pid" of the process building it, so the next run can tell a dead builder's leftovers from a live one.
    built_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
