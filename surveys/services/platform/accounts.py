"""Staff accounts: create, find, sign-in checks."""

from sqlalchemy import func, select

from surveys.models import ROLES, Partner, User, db, utcnow
from surveys.services.platform.passwords import hash_password, needs_rehash, password_problem, verify_password

# Roles that see only their own partner's data.
PARTNER_SCOPED_ROLES = frozenset({"partner_lead"})


class AccountError(ValueError):
    """An account could not be created; the message says why."""


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the active user with this id, or None."""
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None


def find_user_by_email(email: str) -> User | None:
    """The user with this email, compared without case."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The active user if email and password match, else None. Never says which part was wrong."""
    user = find_user_by_email(email) if email else None
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def create_user(email: str, password: str, role: str, partner_name: str | None = None, name: str = "") -> User:
    """Create a staff account, checking the role, the partner and the password."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}. Roles: {', '.join(ROLES)}")
    problem = password_problem(password)
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
