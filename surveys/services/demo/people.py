"""The demo local area's organisations and staff accounts."""

from dataclasses import dataclass

from sqlalchemy import select

from surveys.models import Partner, User, db
from surveys.services.platform.passwords import hash_password

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published in the README; refused in production

COUNCIL_SEND = "Exampleshire County Council SEND Service"
SOCIAL_CARE = "Exampleshire Children's Social Care"
NORTH_ICB = "North Exampleshire ICB"
SOUTH_ICB = "South Exampleshire ICB"
RIVERSIDE = "Riverside Community Primary School"
HILLCREST = "Hillcrest Academy"
OAKFIELD = "Oakfield Special School"
WESTFORD_HIGH = "Westford High School"
FORUM = "Exampleshire Parent Carer Forum"
SENDIASS = "Exampleshire SENDIASS"

PARTNERS = (
    (COUNCIL_SEND, "council"),
    (SOCIAL_CARE, "council"),
    (NORTH_ICB, "icb"),
    (SOUTH_ICB, "icb"),
    (RIVERSIDE, "school"),
    (HILLCREST, "school"),
    (OAKFIELD, "school"),
    (WESTFORD_HIGH, "school"),
    (FORUM, "parent_carer_forum"),
    (SENDIASS, "other"),
)
SCHOOLS = (RIVERSIDE, HILLCREST, OAKFIELD, WESTFORD_HIGH)


@dataclass(frozen=True)
class StaffLogin:
    """One demo account, as the README lists it."""

    email: str
    name: str
    role: str
    partner: str | None = None


ADMIN_EMAIL = "admin@demo.yousaid.local"
COMPLAINTS_OFFICER = "complaints@demo.yousaid.local"
COPRODUCTION = "coproduction@demo.yousaid.local"
FORUM_REP = "forum@demo.yousaid.local"
COUNCIL_LEAD = "council.lead@demo.yousaid.local"
ICB_LEAD = "icb.lead@demo.yousaid.local"

STAFF = (
    StaffLogin(ADMIN_EMAIL, "Sam Okafor", "admin"),
    StaffLogin(COPRODUCTION, "Priya Sharma", "coproduction_lead"),
    StaffLogin(FORUM_REP, "Helen Bradley", "pcf_rep", FORUM),
    StaffLogin("analyst@demo.yousaid.local", "Tom Whitfield", "analyst"),
    StaffLogin(COUNCIL_LEAD, "Gareth Lloyd", "partner_lead", COUNCIL_SEND),
    StaffLogin(ICB_LEAD, "Dr Funmi Adeyemi", "partner_lead", NORTH_ICB),
    StaffLogin(COMPLAINTS_OFFICER, "Lucy Chen", "complaints_officer"),
    StaffLogin("safeguarding@demo.yousaid.local", "Mark Davies", "safeguarding_lead"),
    StaffLogin("viewer@demo.yousaid.local", "Ruth Ellis", "viewer"),
)


def demo_data_present() -> bool:
    """True when the demo administrator exists: the marker that seed-demo has already run."""
    return db.session.scalar(select(User.id).where(User.email == ADMIN_EMAIL)) is not None


def make_partners() -> dict[str, Partner]:
    """The partnership's organisations by name, reusing any that already exist."""
    names = [name for name, _ in PARTNERS]
    existing = {p.name: p for p in db.session.scalars(select(Partner).where(Partner.name.in_(names)))}
    partners = {name: existing.get(name) or Partner(name=name, kind=kind) for name, kind in PARTNERS}
    db.session.add_all(partners.values())
    return partners


def make_staff(partners: dict[str, Partner]) -> dict[str, User]:
    """The demo staff accounts by email; the password is hashed once and shared."""
    emails = [login.email for login in STAFF]
    existing = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
    password_hash = hash_password(DEMO_PASSWORD)
    users = {
        login.email: existing.get(login.email) or User(
            email=login.email, name=login.name, password_hash=password_hash, role=login.role,
            partner=partners[login.partner] if login.partner else None,
        )
        for login in STAFF
    }
    db.session.add_all(users.values())
    return users
