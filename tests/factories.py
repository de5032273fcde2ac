"""Small factory functions with defaults, for test data."""

from datetime import date
from itertools import count

from surveys.models import Case, Partner, User, db
from surveys.services.passwords import hash_password

PASSWORD = "correct horse battery staple"
_sequence = count(1)
_password_hash = None


def _hash() -> str:
    # Argon2 is slow on purpose; one hash serves every test user.
    global _password_hash
    if _password_hash is None:
        _password_hash = hash_password(PASSWORD)
    return _password_hash


def make_partner(name: str | None = None, kind: str = "council") -> Partner:
    partner = Partner(name=name or f"Partner {next(_sequence)}", kind=kind)
    db.session.add(partner)
    db.session.commit()
    return partner


def make_user(
    role: str = "admin", partner: Partner | None = None, email: str | None = None, active: bool = True
) -> User:
    user = User(
        email=email or f"user{next(_sequence)}@example.org",
        password_hash=_hash(),
        role=role,
        partner=partner,
        active=active,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_case(partner: Partner | None = None, kind: str = "complaint", **fields) -> Case:
    values = {
        "reference": f"YS-T{next(_sequence):05d}",
        "kind": kind,
        "stage": "stage_1",
        "summary": "Late annual review",
        "details": "The annual review was three months late.",
        "received_on": date(2026, 3, 2),
        "due_on": date(2026, 3, 30),
    }
    values.update(fields)
    case = Case(partner=partner, **values)
    db.session.add(case)
    db.session.commit()
    return case
