"""Local details an administrator sets once: board meeting dates and the contacts pages point families to."""

from datetime import date, datetime

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

CONTACT_KINDS = {
    "sendiass": "SEND information, advice and support service (SENDIASS)",
    "mediation": "Mediation service",
    "complaints": "Complaints team",
    "local_offer": "Local Offer website",
}


class BoardMeeting(db.Model):
    """A date the SEND partnership board meets; actions with no update since the last one are slipping."""

    __tablename__ = "board_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    meets_on: Mapped[date] = mapped_column(Date, unique=True)
    note: Mapped[str] = mapped_column(String(200), default="")


class LocalContact(db.Model):
    """A service families are pointed to (advice, mediation, complaints, the Local Offer), set by an admin."""

    __tablename__ = "local_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    web_address: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
