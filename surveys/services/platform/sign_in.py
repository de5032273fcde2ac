"""Signing in: the password check with lockout, the published demo password refused in production, and the audit.

After ``LOCKOUT_AFTER_FAILURES`` failed attempts in a row (from any address: the count is on the account, not the
caller) the account is locked for ``LOCKOUT_MINUTES``; an administrator can unlock it sooner. The failure count is
raised with one ``UPDATE ... SET failed_sign_ins = failed_sign_ins + 1`` so attempts in parallel each count.
Every attempt is audited: ``sign_in`` (success), ``sign_in_failed`` with the reason, never the email typed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import update

from surveys.models import User, db, utcnow
from surveys.services.platform import audit
from surveys.services.platform.accounts import find_user_by_email, published_password_refused
from surveys.services.platform.passwords import hash_password, needs_rehash, verify_password

FAILED = "failed"
LOCKED = "locked"
DEMO_REFUSED = "published_password"
SIGNED_IN = "signed_in"


@dataclass(frozen=True)
class Attempt:
    """What came of a sign-in attempt: ``outcome`` is one of the constants above; ``user`` only when it passed."""

    outcome: str
    user: User | None = None
    locked_until: datetime | None = None

    @property
    def passed(self) -> bool:
        return self.outcome == SIGNED_IN


def check_password(email: str, password: str) -> Attempt:
    """Check an email and password, counting failures and locking the account after too many. Flushes."""
    user = find_user_by_email(email) if email else None
    matches = verify_password(user.password_hash if user else None, password)
    if user is None:
        audit.record(None, "sign_in_failed", reason="unknown_account")
        return Attempt(FAILED)
    if is_locked(user):
        audit.record(user, "sign_in_failed", user, reason="locked")
        return Attempt(LOCKED, locked_until=user.locked_until)
    if not matches or not user.active:
        return count_failure(user, "wrong_password" if not matches else "deactivated")
    if published_password_refused(password):
        audit.record(user, "sign_in_failed", user, reason="published_password")
        return Attempt(DEMO_REFUSED)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return Attempt(SIGNED_IN, user)


def count_failure(user: User, reason: str) -> Attempt:
    """Add one failure to the account (a wrong password or two-factor code); lock it at the limit."""
    db.session.execute(update(User).where(User.id == user.id)
                       .values(failed_sign_ins=User.failed_sign_ins + 1)
                       .execution_options(synchronize_session=False))
    db.session.refresh(user, ["failed_sign_ins"])
    audit.record(user, "sign_in_failed", user, reason=reason, failures=user.failed_sign_ins)
    if user.failed_sign_ins < current_app.config["LOCKOUT_AFTER_FAILURES"]:
        return Attempt(FAILED)
    user.locked_until = utcnow() + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
    user.failed_sign_ins = 0
    audit.record(None, "account_locked", user, minutes=current_app.config["LOCKOUT_MINUTES"])
    db.session.flush()
    return Attempt(LOCKED, locked_until=user.locked_until)


def is_locked(user: User) -> bool:
    """True while the account is locked."""
    return user.locked_until is not None and user.locked_until > utcnow()


def signed_in(user: User, *, two_factor: bool) -> None:
    """Note a completed sign-in: failures forgotten, the time kept, the audit written. Flushes."""
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    audit.record(user, "sign_in", user, two_factor=two_factor)
    db.session.flush()


def signed_out(user: User) -> None:
    """End every copy of the user's session (a copied cookie stops working) and audit it. Flushes."""
    user.end_sessions()
    audit.record(user, "sign_out", user)
    db.session.flush()
