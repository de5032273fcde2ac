"""Staff accounts and their roles."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.partners import Partner

ROLES = {
    "admin": "Administrator",
    "coproduction_lead": "Co-production lead",
    "pcf_rep": "Parent carer forum representative",
    "analyst": "Analyst",
    "partner_lead": "Partner lead",
    "complaints_officer": "Complaints officer",
    "safeguarding_lead": "Safeguarding lead",
    "viewer": "Viewer",
}


class User(UserMixin, db.Model):
    """A member of staff who signs in to the workspace."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner: Mapped[Partner | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in for inactive accounts
        return self.active

    @property
    def role_name(self) -> str:
        """The role as people say it."""
        return ROLES.get(self.role, self.role)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
