"""Reading the audit log: filtered by who, what and when, newest first, a page at a time (administrators only)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from surveys.models import AuditEvent, User, db
from surveys.services.report.filters import Period

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditPage:
    """One page of events (each with the actor's email or None), and where it sits among all that match."""

    events: list[tuple[AuditEvent, str | None]]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def actions() -> list[str]:
    """Every action the log holds, for the filter."""
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def actors() -> list[tuple[int, str]]:
    """Every member of staff who did something in the log, by email."""
    query = select(User.id, User.email).where(User.id.in_(select(AuditEvent.user_id))).order_by(User.email)
    return [(row.id, row.email) for row in db.session.execute(query)]


def search(*, actor_id: int | None = None, action: str | None = None, period: Period | None = None,
           page: int = 1) -> AuditPage:
    """The events matching every filter given, newest first; ``page`` counts from 1."""
    conditions = []
    if actor_id is not None:
        conditions.append(AuditEvent.user_id == actor_id)
    if action:
        conditions.append(AuditEvent.action == action)
    if period is not None:
        start, after = period.bounds()
        conditions += [AuditEvent.created_at >= start, AuditEvent.created_at < after]
    total = db.session.scalar(select(func.count(AuditEvent.id)).where(*conditions)) or 0
    page = min(max(1, page), max(1, -(-total // PAGE_SIZE)))
    query = (select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.user_id).where(*conditions)
             .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
             .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return AuditPage([(event, email) for event, email in db.session.execute(query)], total, page)
