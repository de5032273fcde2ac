"""Staff accounts and their roles."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
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
    # Part of every session's id (``get_id``): raising it ends every copy of every session cookie at once.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # TOTP two-factor: the shared secret (base32), when it was confirmed, and the last time step used (no replay).
    totp_secret: Mapped[str | None] = mapped_column(String(255))  # sealed: sealing.py
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # A one-time "set your password" link (invitation or reset): only its SHA-256 is kept.
    set_password_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    set_password_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner: Mapped[Partner | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in for inactive accounts
        return self.active

    @property
    def role_name(self) -> str:
        """The role as people say it."""
        return ROLES.get(self.role, self.role)

    def get_id(self) -> str:
        """The id kept in the session: the user and their session generation (Flask-Login's alternative token)."""
        return f"{self.id}:{self.session_generation}"

    def end_sessions(self) -> None:
        """End every session of this user, wherever its cookie was copied (sign-out, new password, deactivation)."""
        self.session_generation = (self.session_generation or 0) + 1

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_confirmed_at is not None

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
