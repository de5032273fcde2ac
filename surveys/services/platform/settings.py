"""Local details an administrator sets once: board meeting dates, and the contacts pages point families to.

The respondent pages show a contact only when one is set; without one they say nothing that is not true (they
suggest searching for the service, rather than inventing a number). Forms check the format of each field; this
module keeps the rules that need the database (one meeting a day, known kinds of contact).
"""

from datetime import date

from sqlalchemy import select

from surveys.models import CONTACT_KINDS, BoardMeeting, LocalContact, db
from surveys.services.platform.errors import Conflict, NotFound

CONTACT_FIELDS = ("name", "phone", "email", "web_address")


def board_meetings() -> list[BoardMeeting]:
    """Every board meeting, the latest first."""
    return list(db.session.scalars(select(BoardMeeting).order_by(BoardMeeting.meets_on.desc())))


def add_board_meeting(meets_on: date, note: str = "") -> BoardMeeting:
    """Record a board meeting; ``Conflict`` if there is one on that day already."""
    if db.session.scalar(select(BoardMeeting.id).where(BoardMeeting.meets_on == meets_on)) is not None:
        raise Conflict("There is already a board meeting on that date")
    meeting = BoardMeeting(meets_on=meets_on, note=note or "")
    db.session.add(meeting)
    db.session.flush()
    return meeting


def remove_board_meeting(meeting_id: int) -> BoardMeeting:
    """Forget a board meeting (entered by mistake); ``NotFound`` if there is no such meeting. Returns it."""
    meeting = db.session.get(BoardMeeting, meeting_id)
    if meeting is None:
        raise NotFound()
    db.session.delete(meeting)
    db.session.flush()
    return meeting


def local_contacts() -> dict[str, LocalContact]:
    """The contacts that are set, by kind."""
    return {contact.kind: contact for contact in db.session.scalars(select(LocalContact))}


def local_contact(kind: str) -> LocalContact | None:
    """The contact of this kind, or None when none is set."""
    return db.session.scalar(select(LocalContact).where(LocalContact.kind == kind))


def check_kind(kind: str) -> str:
    """The kind if it is one of ``CONTACT_KINDS``; otherwise ``NotFound``."""
    if kind not in CONTACT_KINDS:
        raise NotFound()
    return kind


def save_contact(kind: str, **values: str) -> LocalContact | None:
    """Set the contact of this kind from ``name``, ``phone``, ``email`` and ``web_address``.

    All of them empty removes the contact (pages then fall back to their general wording). Returns the contact,
    or None when it was removed.
    """
    contact = local_contact(check_kind(kind))
    cleaned = {field: (values.get(field) or "").strip() for field in CONTACT_FIELDS}
    if not any(cleaned.values()):
        if contact is not None:
            db.session.delete(contact)
            db.session.flush()
        return None
    contact = contact or LocalContact(kind=kind)
    for field, value in cleaned.items():
        setattr(contact, field, value)
    db.session.add(contact)
    db.session.flush()
    return contact
