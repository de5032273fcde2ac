"""Reports kept as they were made: board reports before each board meeting and the annual report."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow

REPORT_KINDS = {"board": "Board report", "annual": "Annual report"}


class Report(db.Model):
    """A report as it was on the day it was made, never changed afterwards.

    ``for_date`` is the board meeting's date (board) or the first day of the year (annual); ``made_by`` is empty
    when the scheduler made it. ``html`` is the report's content as shown on the page; ``pdf`` the same as a PDF.
    """

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    for_date: Mapped[date] = mapped_column(Date, index=True)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    html: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)

    made_by = relationship("User")

    @property
    def kind_name(self) -> str:
        """"Board report" or "Annual report"."""
        return REPORT_KINDS.get(self.kind, self.kind)
