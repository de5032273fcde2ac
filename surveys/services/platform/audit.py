"""Writing the audit log: append-only, with the request id that ties an event to its log lines.

``record`` is the one way in. No code path changes or removes an event: ``refuse_changes`` stops the ORM from
flushing an update or a delete of one (and on PostgreSQL a trigger from migration 0013 refuses them in the
database). Details hold ids, names of fields and counts, never what a person wrote: staff's free text (a review
note, an earlier response to a case) goes in ``staff_note`` (``keep_note``), which the event names by id.
"""

from flask import g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from surveys.models import AuditEvent, StaffNote, User, db


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


def keep_note(kind: str, obj, text: str) -> int | None:
    """Keep staff's free text about ``obj`` outside the log; the id to put in an event's detail (None for none)."""
    text = (text or "").strip()
    if not text:
        return None
    note = StaffNote(kind=kind, object_type=type(obj).__name__, object_id=str(obj.id), text=text)
    db.session.add(note)
    db.session.flush()
    return note.id


def note_texts(ids) -> dict[int, str]:
    """The text of each kept note by id (a note removed by retention or erasure is missing)."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return dict(db.session.execute(db.select(StaffNote.id, StaffNote.text).where(StaffNote.id.in_(wanted))).all())


def current_request_id() -> str:
    """The id of the request being served (``surveys.request_log``), or "" in a command or a job."""
    return g.get("request_id", "") if has_request_context() else ""


@event.listens_for(Session, "before_flush")
def refuse_changes(session: Session, flush_context, instances) -> None:
    """Refuse to flush an update or a delete of an audit event."""
    changed = [obj for obj in (*session.dirty, *session.deleted) if isinstance(obj, AuditEvent)]
    if any(obj in session.deleted or session.is_modified(obj) for obj in changed):
        raise AuditLogIsAppendOnly("The audit log is append-only: events are never changed or deleted.")
