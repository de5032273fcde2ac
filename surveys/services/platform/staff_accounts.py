"""Administering staff accounts: invite, change role and partner, deactivate, reset password or two-factor, unlock.

An invitation or a password reset makes a one-time "set your password" link (only its SHA-256 is stored, it works
for ``SET_PASSWORD_LINK_HOURS`` and once); a reset also makes the old password useless at once. Deactivation,
a reset and a new password end every session of the account. The last active administrator cannot be demoted or
deactivated. Every change is audited with who did it; services flush, the request commits.
"""

import secrets
from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import func, select

from surveys.models import ROLES, Partner, User, db, utcnow
from surveys.services.capture.invitations import hash_token, new_token
from surveys.services.platform import audit
from surveys.services.platform.accounts import PARTNER_SCOPED_ROLES, find_user_by_email, new_password_problem
from surveys.services.platform.errors import Conflict, Invalid, NotFound
from surveys.services.platform.passwords import hash_password, verify_password

MAX_TOKEN_LENGTH = 100
NOT_YOUR_CURRENT = "Enter your current password correctly"


def accounts() -> list[User]:
    """Every staff account, active ones first, by email."""
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.email)))


def account(user_id: int) -> User:
    """One account; ``NotFound`` when there is none."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("There is no such staff account.")
    return user


def invite(by: User, email: str, name: str, role: str, partner_id: int | None) -> tuple[User, str]:
    """Create an account with no usable password; returns it and its one-time set-password link."""
    email = email.strip().lower()
    if find_user_by_email(email):
        raise Conflict(f"There is already an account for {email}.")
    partner = _checked_partner(role, partner_id)
    user = User(email=email, name=name.strip(), role=role, partner=partner, password_hash=_unusable_hash())
    db.session.add(user)
    db.session.flush()
    audit.record(by, "account_invited", user, role=role, partner_id=partner_id)
    return user, _new_link(user)


def change_role(by: User, user: User, role: str, partner_id: int | None) -> None:
    """Give the account a new role and partner; audited with the old and new values."""
    partner = _checked_partner(role, partner_id)
    if user.role == "admin" and role != "admin":
        _keep_an_admin(user)
    old = {"role": user.role, "partner_id": user.partner_id}
    user.role, user.partner = role, partner
    audit.record(by, "role_changed", user, old=old, new={"role": role, "partner_id": partner_id})
    db.session.flush()


def deactivate(by: User, user: User) -> None:
    """A leaver: the account can no longer sign in, and every session it has ends now."""
    if user.role == "admin":
        _keep_an_admin(user)
    user.active = False
    user.end_sessions()
    audit.record(by, "account_deactivated", user)
    db.session.flush()


def reactivate(by: User, user: User) -> None:
    """Let a deactivated account sign in again."""
    user.active = True
    audit.record(by, "account_reactivated", user)
    db.session.flush()


def reset_password(by: User, user: User) -> str:
    """Make the current password useless and end every session; returns a one-time link to set a new one."""
    user.password_hash = _unusable_hash()
    user.end_sessions()
    audit.record(by, "password_reset", user)
    return _new_link(user)


def unlock(by: User, user: User) -> None:
    """End a lockout before its time."""
    user.locked_until = None
    user.failed_sign_ins = 0
    audit.record(by, "account_unlocked", user)
    db.session.flush()


def user_for_link(token: str | None) -> User | None:
    """The active account a set-password link belongs to, while it is unused and in time; None otherwise."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    user = db.session.scalar(select(User).where(User.set_password_hash == hash_token(token)))
    if user is None or not user.active or user.set_password_expires_at is None:
        return None
    return user if user.set_password_expires_at > utcnow() else None


def set_password(user: User, password: str) -> None:
    """Set the password chosen from a link, use the link up and end every other session. ``Invalid`` if refused."""
    problem = new_password_problem(password)
    if problem:
        raise Invalid(problem)
    user.password_hash = hash_password(password)
    user.set_password_hash = None
    user.set_password_expires_at = None
    user.failed_sign_ins, user.locked_until = 0, None
    user.end_sessions()
    audit.record(user, "password_set", user)
    db.session.flush()


def change_own_password(user: User, current: str, new: str) -> None:
    """A signed-in person's new password; ``Invalid`` when the current one is wrong or the new one refused.

    Ends every session of the account (the caller starts a fresh one for the person who changed it). Flushes.
    """
    if not verify_password(user.password_hash, current):
        raise Invalid(NOT_YOUR_CURRENT)
    set_password(user, new)


def active_admins() -> int:
    """How many active administrators there are."""
    return db.session.scalar(select(func.count(User.id)).where(User.role == "admin", User.active.is_(True))) or 0


def _keep_an_admin(user: User) -> None:
    if user.active and active_admins() <= 1:
        raise Conflict("This is the only active administrator: make someone else an administrator first.")


def _checked_partner(role: str, partner_id: int | None) -> Partner | None:
    if role not in ROLES:
        raise Invalid("Select a role")
    partner = db.session.get(Partner, partner_id) if partner_id else None
    if partner_id and partner is None:
        raise Invalid("Select a partner from the list")
    problem = missing_partner(role, partner is not None)
    if problem:
        raise Invalid(problem)
    return partner


def missing_partner(role: str, has_partner: bool) -> str | None:
    """Why ``role`` cannot be given without a partner (a partner lead), or None."""
    if role in PARTNER_SCOPED_ROLES and not has_partner:
        return f"Select the partner this {ROLES[role].lower()} belongs to"
    return None


def _unusable_hash() -> str:
    """A hash of a random secret nobody knows: the account cannot sign in until a password is set from a link."""
    return hash_password(secrets.token_urlsafe(32))


def _new_link(user: User) -> str:
    token = new_token()
    user.set_password_hash = hash_token(token)
    user.set_password_expires_at = utcnow() + timedelta(hours=current_app.config["SET_PASSWORD_LINK_HOURS"])
    db.session.flush()
    # From PUBLIC_BASE_URL, never the request's Host header, which a caller could forge.
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for("staff.set_password", token=token)
