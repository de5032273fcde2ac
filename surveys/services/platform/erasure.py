"""Erasure on request: find everything held about one person (by their invitation link, email address or phone
number), show what would go, delete it, and record that it was done without keeping what was deleted.

What goes: their invitations and responses with every answer, the comments made from them (raw and redacted text,
with their theme placements), audio messages and their files, messages sent to them or about their words (the
records of safeguarding alerts about their words included; outbox items about them, sent or waiting), follow-up
subscriptions, and from any case about them the contact details and the words (details, summary and response). A
case keeps its reference, dates, stage and outcome, which hold nothing about the person, so complaint timeliness
figures stay true. Staff notes about their case or comments (kept beside the audit log) are deleted. The audit log
records the erasure with counts only.
"""

from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, or_, select

from surveys.form_fields import uk_phone_digits
from surveys.models import (
    AudioMessage,
    Case,
    Comment,
    FollowUp,
    Invitation,
    Notification,
    Response,
    StaffNote,
    User,
    db,
)
from surveys.services.capture.invitations import find_invitation
from surveys.services.platform import audit, outbox
from surveys.services.platform.errors import Invalid

ERASED_SUMMARY = "Personal details erased on request"


@dataclass
class Search:
    """What staff searched by: an invitation link (or its token), an email address, a phone number."""

    link: str = ""
    email: str = ""
    phone: str = ""

    def token(self) -> str:
        """The token at the end of an invitation link, or the text itself if it is only the token."""
        return self.link.strip().rstrip("/").rsplit("/", 1)[-1]

    def check(self) -> None:
        """``Invalid`` when nothing was given, or the phone number is not one."""
        if not (self.link.strip() or self.email.strip() or self.phone.strip()):
            raise Invalid("Enter an invitation link, an email address or a phone number")
        if self.phone.strip() and uk_phone_digits(self.phone) is None:
            raise Invalid("Enter a UK phone number, like 01632 960 001 or 07700 900 982")


@dataclass
class Found:
    """The ids of everything held about the person."""

    invitations: set[int] = field(default_factory=set)
    responses: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    comments: set[int] = field(default_factory=set)
    audio: set[int] = field(default_factory=set)
    messages: set[int] = field(default_factory=set)
    follow_ups: set[int] = field(default_factory=set)
    flagged: int = 0

    def counts(self) -> dict[str, int]:
        """How many of each (what the preview shows and the audit log keeps)."""
        return {"invitations": len(self.invitations), "responses": len(self.responses), "cases": len(self.cases),
                "comments": len(self.comments), "audio_messages": len(self.audio), "messages": len(self.messages),
                "follow_ups": len(self.follow_ups)}

    @property
    def empty(self) -> bool:
        """Whether nothing was found."""
        return not any(self.counts().values())


def find_person(search: Search) -> Found:
    """Everything held about the person the search describes."""
    search.check()
    found = Found()
    email = search.email.strip().lower()
    phone = uk_phone_digits(search.phone) if search.phone.strip() else None
    if search.link.strip():
        invitation = find_invitation(search.token())
        if invitation is not None:
            found.invitations.add(invitation.id)
    found.invitations |= _matching(Invitation, email, phone)
    found.responses |= set(db.session.scalars(select(Response.id).where(
        Response.invitation_id.in_(found.invitations)))) | _matching(Response, email, phone)
    found.cases |= _matching(Case, email, phone) | set(db.session.scalars(select(Case.id).where(
        Case.response_id.in_(found.responses))))
    found.comments = set(db.session.scalars(select(Comment.id).where(or_(
        Comment.response_id.in_(found.responses), Comment.case_id.in_(found.cases)))))
    found.audio = set(db.session.scalars(select(AudioMessage.id).where(AudioMessage.response_id.in_(found.responses))))
    found.messages = _messages(found, email, phone)
    found.follow_ups = set(db.session.scalars(select(FollowUp.id).where(FollowUp.response_id.in_(found.responses))))
    found.flagged = db.session.scalar(select(func.count(Comment.id)).where(
        Comment.id.in_(found.comments), Comment.safeguarding_flag.is_(True))) or 0
    return found


def _matching(model, email: str, phone: str | None) -> set[int]:
    """Ids of rows of ``model`` whose contact email or phone is the person's (phones compared as numbers)."""
    ids: set[int] = set()
    if email:
        ids |= set(db.session.scalars(select(model.id).where(func.lower(model.contact_email) == email)))
    if phone:
        rows = db.session.execute(select(model.id, model.contact_phone).where(
            model.contact_phone.like(f"%{phone[-4:]}")))
        ids |= {row.id for row in rows if row.contact_phone and uk_phone_digits(row.contact_phone) == phone}
    return ids


def _messages(found: Found, email: str, phone: str | None) -> set[int]:
    linked = or_(Notification.invitation_id.in_(found.invitations), Notification.response_id.in_(found.responses),
                 Notification.case_id.in_(found.cases), Notification.comment_id.in_(found.comments))
    ids = set(db.session.scalars(select(Notification.id).where(linked)))
    if email:
        ids |= set(db.session.scalars(select(Notification.id).where(func.lower(Notification.recipient) == email)))
    if phone:
        rows = db.session.execute(select(Notification.id, Notification.recipient).where(
            Notification.recipient.like(f"%{phone[-4:]}")))
        ids |= {row.id for row in rows if uk_phone_digits(row.recipient) == phone}
    return ids


def erase(user: User, search: Search) -> dict[str, int]:
    """Delete everything ``find_person`` finds (audio files too), and record counts only in the audit log.
    Returns the counts. The request (or command) that calls this commits it."""
    found = find_person(search)
    counts = found.counts()
    files = list(db.session.scalars(select(AudioMessage.storage_name).where(AudioMessage.id.in_(found.audio))))
    _delete_notes(found)
    counts["queued_messages"] = outbox.remove_about(
        {"invitations": found.invitations, "responses": found.responses, "comments": found.comments})
    _delete(Notification, found.messages)
    _delete(FollowUp, found.follow_ups)
    _delete(AudioMessage, found.audio)
    _delete(Comment, found.comments)
    _blank_cases(found.cases)
    _delete(Response, found.responses)
    _delete(Invitation, found.invitations)
    db.session.flush()
    counts["audio_files"] = _remove_files(files)
    audit.record(user, "erasure", None, **counts)  # counts only: never who it was or what they said
    db.session.flush()
    return counts


def _delete(model, ids: set[int]) -> None:
    for row in db.session.scalars(select(model).where(model.id.in_(ids))):
        db.session.delete(row)
    db.session.flush()


def _blank_cases(ids: set[int]) -> None:
    for case in db.session.scalars(select(Case).where(Case.id.in_(ids))):
        case.contact_name = case.contact_email = case.contact_phone = None
        case.details, case.summary, case.response_text = "", ERASED_SUMMARY, ""
        case.response_id = None


def _delete_notes(found: Found) -> None:
    """Delete the notes staff wrote about the case or the comments (kept beside the audit log, whose events stay)."""
    about = or_(
        (StaffNote.object_type == "Case") & StaffNote.object_id.in_([str(i) for i in found.cases]),
        (StaffNote.object_type == "Comment") & StaffNote.object_id.in_([str(i) for i in found.comments]))
    db.session.execute(delete(StaffNote).where(about))


def _remove_files(names: list[str]) -> int:
    folder = Path(current_app.config["AUDIO_DIR"])
    removed = 0
    for name in names:
        path = folder / name
        if path.exists():
            path.unlink()
            removed += 1
    return removed
