"""Writing the audit log: append-only, with the request id that ties an event to its log lines.

``record`` is the one way in. No code path changes or removes an event: ``refuse_changes`` stops the ORM from
flushing an update or a delete of one (and on PostgreSQL a trigger from migration 0013 refuses them in the
database). Details hold ids, names of fields and counts, never what a person wrote.
"""

from flask import g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from surveys.models import AuditEvent, User, db


class AuditLogIsAppendOnly(RuntimeError):
    """Something tried to change or delete an audit event."""


def record(user: User | None, action: str, obj=None, **detail) -> AuditEvent:
    """Add an audit event for ``action`` on ``obj`` to the current transaction."""
    event_ = AuditEvent(
        user_id=user.id if user is not None and getattr(user, "is_authenticated", True) else None,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "id", "") or "") if obj is not None else "",
        detail=detail,
        request_id=current_request_id(),
    )
    db.session.add(event_)
    return event_


def current_request_id() -> str:
    """The id of the request being served (``surveys.request_log``), or "" in a command or a job."""
    return g.get("request_id", "") if has_request_context() else ""


@event.listens_for(Session, "before_flush")
def refuse_changes(session: Session, flush_context, instances) -> None:
    """Refuse to flush an update or a delete of an audit event."""
    changed = [obj for obj in (*session.dirty, *session.deleted) if isinstance(obj, AuditEvent)]
    if any(obj in session.deleted or session.is_modified(obj) for obj in changed):
        raise AuditLogIsAppendOnly("The audit log is append-only: events are never changed or deleted.")
