"""Staff accounts: create, find, load for a session (sign-in itself is in ``sign_in``)."""

from flask import current_app
from sqlalchemy import func, select

from surveys.models import ROLES, Partner, User, db
from surveys.services.platform.passwords import hash_password, password_problem

# Roles that see only their own partner's data.
PARTNER_SCOPED_ROLES = frozenset({"partner_lead"})


class AccountError(ValueError):
    """An account could not be created; the message says why."""


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the active user whose ``get_id`` this is ("id:generation"), or None.

    A session made before the user's generation was raised (sign-out, new password, deactivation) finds nobody.
    """
    user_id, _, generation = (session_id or "").partition(":")
    try:
        user = db.session.get(User, int(user_id))
        generation_number = int(generation)
    except (TypeError, ValueError):
        return None
    if user is None or not user.active or user.session_generation != generation_number:
        return None
    return user


def find_user_by_email(email: str) -> User | None:
    """The user with this email, compared without case."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def published_password_refused(password: str) -> bool:
    """True when ``password`` is the demo password printed in the README and demo logins are not allowed here."""
    from surveys.services.demo.people import DEMO_PASSWORD

    return password == DEMO_PASSWORD and not current_app.config.get("DEMO_LOGINS_ALLOWED")


def new_password_problem(password: str) -> str | None:
    """What is wrong with a password someone chose, or None: too short or long, or the published demo password."""
    if published_password_refused(password):
        return "That password is published in yousaid's instructions: choose another"
    return password_problem(password)


def create_user(email: str, password: str, role: str, partner_name: str | None = None, name: str = "") -> User:
    """Create a staff account, checking the role, the partner and the password."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}. Roles: {', '.join(ROLES)}")
    problem = new_password_problem(password)
    if problem:
        raise AccountError(problem)
    if find_user_by_email(email):
        raise AccountError(f"An account for {email} already exists")
    partner = None
    if partner_name:
        partner = db.session.scalar(select(Partner).where(Partner.name == partner_name))
        if partner is None:
            raise AccountError(f"No partner called {partner_name!r}")
    if role in PARTNER_SCOPED_ROLES and partner is None:
        raise AccountError(f"A {ROLES[role].lower()} must belong to a partner: add --partner NAME")
    user = User(email=email, name=name, password_hash=hash_password(password), role=role, partner=partner)
    db.session.add(user)
    db.session.flush()
    return user
