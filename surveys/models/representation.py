"""Baseline figures for the local area, to compare with who answered (who is not being heard)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

BASELINE_DIMENSIONS = {
    "need_type": "Primary need",
    "age_band": "Age band",
    "locality": "Locality",
    "ethnicity": "Ethnic group",
    "sex": "Sex",
}
SUPPORT_LEVELS = {"ehc_plan": "EHC plan", "sen_support": "SEN support"}


class BaselineFigure(db.Model):
    """How many children and young people in the area are in one group (for example, North locality, EHC plan)."""

    __tablename__ = "baseline_figure"
    __table_args__ = (UniqueConstraint("dimension", "category", "support"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(100))
    support: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
