"""Writing the audit log."""

from surveys.models import AuditEvent, User, db


def record(user: User | None, action: str, obj=None, **detail) -> AuditEvent:
    """Add an audit event for ``action`` on ``obj`` to the current transaction."""
    event = AuditEvent(
        user_id=user.id if user is not None else None,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "id", "") or "") if obj is not None else "",
        detail=detail,
    )
    db.session.add(event)
    return event
