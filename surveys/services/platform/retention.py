"""Retention: how long each class of personal data is kept (rules set by an administrator), and the job that
removes what is past its time.

Classes (``RETENTION_CLASSES``) and what removing them means:
- ``raw_text``: a comment's raw words are replaced by its redacted text (flagged comments only once reviewed);
  a free-text answer by its comment's redacted text; answers never sent are deleted; an answered case's details,
  summary and response become redacted text; an audio transcript is emptied (its comment keeps the redacted
  words). Counted from when it was received (a case: from its response).
- ``contact_details``: email addresses and phone numbers on sent responses, on invitations past their expiry, and
  the name, email and phone of answered cases.
- ``audio``: audio messages (their files go in the same run).
- ``audit_notes``: free-text notes kept beside the audit log (safeguarding review notes, a case's earlier response).

The job works in batches, each committed on its own (``each``), and every step's condition excludes what was
already done, so it may be killed at any point and run again: it carries on where it stopped, and a second run
removes nothing more. It reports counts, and records them (counts only) in the audit log.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from surveys.models import (
    RETENTION_CLASSES,
    Answer,
    AudioMessage,
    Case,
    Comment,
    Invitation,
    Response,
    RetentionRule,
    StaffNote,
    User,
    db,
    utcnow,
)
from surveys.services.platform import audit
from surveys.services.platform.errors import Invalid

BATCH = 500
MAX_KEEP_DAYS = 36500
Each = Callable[[], AbstractContextManager]


# --- The rules ----------------------------------------------------------------------------------------------


def retention_days() -> dict[str, int | None]:
    """Days each class is kept, by class; None where no limit is set (it is then kept until deleted by hand)."""
    set_days = {rule.data_class: rule.keep_days for rule in db.session.scalars(select(RetentionRule))}
    return {data_class: set_days.get(data_class) for data_class in RETENTION_CLASSES}


def set_retention(user: User, days: dict[str, int | None]) -> dict[str, int | None]:
    """Save the days for each class (None: no limit); ``Invalid`` for an unknown class or a bad number. Audited."""
    for data_class, keep in days.items():
        if data_class not in RETENTION_CLASSES:
            raise Invalid(f"Unknown kind of data {data_class!r}")
        if keep is not None and not 1 <= keep <= MAX_KEEP_DAYS:
            raise Invalid(f"Days must be a whole number from 1 to {MAX_KEEP_DAYS}")
    rules = {rule.data_class: rule for rule in db.session.scalars(select(RetentionRule))}
    for data_class, keep in days.items():
        rule = rules.get(data_class) or RetentionRule(data_class=data_class)
        rule.keep_days, rule.updated_by_id = keep, user.id
        db.session.add(rule)
    audit.record(user, "retention_rules_set", None, **days)
    db.session.flush()
    return retention_days()


# --- The job ----------------------------------------------------------------------------------------------


def apply_retention(now: datetime, *, each: Each = nullcontext, batch: int = BATCH) -> dict[str, int]:
    """Remove what the rules say is past its time, batch by batch (each inside ``each()``). Counts by class."""
    removed: dict[str, int] = {}
    for data_class, keep in retention_days().items():
        if keep is None:
            continue
        cutoff = now - timedelta(days=keep)
        removed[data_class] = sum(_run(step, cutoff, now, each, batch) for step in STEPS[data_class])
    if any(removed.values()):
        with each():
            audit.record(None, "retention_applied", None, **removed)
    return removed


def _run(step, cutoff: datetime, now: datetime, each: Each, batch: int) -> int:
    """Run one step to the end: batches of candidate ids after the last one seen, each batch committed."""
    total, after = 0, 0
    while True:
        with each():
            ids = step.candidates(cutoff, now, after, batch)
            if ids:
                total += step.remove(ids)
        if len(ids) < batch:
            return total
        after = ids[-1]


def _ids(query, column, after: int, batch: int) -> list[int]:
    return list(db.session.scalars(query.where(column > after).order_by(column).limit(batch)))


class Step(ABC):
    """One kind of row to clean: which ids are due (after ``after``), and what removing does to them."""

    @abstractmethod
    def candidates(self, cutoff: datetime, now: datetime, after: int, batch: int) -> list[int]:
        """Up to ``batch`` ids past ``after`` whose time ran out before ``cutoff``, in id order."""

    @abstractmethod
    def remove(self, ids: list[int]) -> int:
        """Remove (or blank) those rows; how many were changed."""


class CommentWords(Step):
    """Raw words of comments become their redacted text (a flagged comment only after its review)."""

    def candidates(self, cutoff, now, after, batch):
        query = select(Comment.id).where(
            Comment.received_at < cutoff, Comment.analysed_at.is_not(None), Comment.raw_text != Comment.redacted_text,
            or_(Comment.safeguarding_flag.is_(False), Comment.safeguarding_reviewed_at.is_not(None)))
        return _ids(query, Comment.id, after, batch)

    def remove(self, ids):
        return db.session.execute(update(Comment).where(Comment.id.in_(ids)).values(
            raw_text=Comment.redacted_text, redaction_spans=[]).execution_options(synchronize_session=False)).rowcount


class AnswerWords(Step):
    """Free-text answers become the redacted text of the comment made from them."""

    def candidates(self, cutoff, now, after, batch):
        query = (select(Answer.id).join(Response, Response.id == Answer.response_id)
                 .join(Comment, Comment.answer_id == Answer.id)
                 .where(Response.submitted_at < cutoff, Comment.analysed_at.is_not(None),
                        Answer.value_text != Comment.redacted_text))
        return _ids(query, Answer.id, after, batch)

    def remove(self, ids):
        rows = db.session.execute(select(Answer, Comment.redacted_text).join(Comment, Comment.answer_id == Answer.id)
                                  .where(Answer.id.in_(ids)))
        for answer, redacted_text in rows:
            answer.value_text = redacted_text
        db.session.flush()
        return len(ids)


class UnsentAnswers(Step):
    """Answers started before the cut-off and never sent: the whole response goes (its audio with it)."""

    def candidates(self, cutoff, now, after, batch):
        query = select(Response.id).where(Response.status == "in_progress", Response.started_at < cutoff)
        return _ids(query, Response.id, after, batch)

    def remove(self, ids):
        for response in db.session.scalars(select(Response).where(Response.id.in_(ids))):
            db.session.delete(response)
        db.session.flush()
        return len(ids)


class CaseWords(Step):
    """An answered case's details, summary and response become redacted text."""

    def candidates(self, cutoff, now, after, batch):
        query = select(Case.id).where(Case.responded_on < cutoff.date(), Case.raw_text_removed_at.is_(None))
        return _ids(query, Case.id, after, batch)

    def remove(self, ids):
        from surveys.services.understand.comments import redacted

        for case in db.session.scalars(select(Case).where(Case.id.in_(ids))):
            comment = db.session.scalar(select(Comment.redacted_text).where(Comment.case_id == case.id)
                                        .order_by(Comment.id).limit(1))
            case.details = comment if comment is not None else redacted(case.details, case.contact_name)
            case.summary = redacted(case.summary, case.contact_name)[:200]
            case.response_text = redacted(case.response_text, case.contact_name)
            case.raw_text_removed_at = utcnow()
        db.session.flush()
        return len(ids)


class TranscriptWords(Step):
    """Typed transcripts of audio messages are emptied (the comment made from each keeps the redacted words)."""

    def candidates(self, cutoff, now, after, batch):
        query = select(AudioMessage.id).where(AudioMessage.created_at < cutoff, AudioMessage.transcript != "")
        return _ids(query, AudioMessage.id, after, batch)

    def remove(self, ids):
        return db.session.execute(update(AudioMessage).where(AudioMessage.id.in_(ids)).values(transcript="")
                                  .execution_options(synchronize_session=False)).rowcount


class ResponseContacts(Step):
    """Contact details given with answers sent before the cut-off."""

    def candidates(self, cutoff, now, after, batch):
        query = select(Response.id).where(
            Response.submitted_at < cutoff,
            or_(Response.contact_email.is_not(None), Response.contact_phone.is_not(None)))
        return _ids(query, Response.id, after, batch)

    def remove(self, ids):
        return db.session.execute(update(Response).where(Response.id.in_(ids)).values(
            contact_email=None, contact_phone=None).execution_options(synchronize_session=False)).rowcount


class InvitationContacts(Step):
    """Where invitations were sent, once they were made before the cut-off and have expired."""

    def candidates(self, cutoff, now, after, batch):
        query = select(Invitation.id).where(
            Invitation.created_at < cutoff, Invitation.expires_at < now,
            or_(Invitation.contact_email.is_not(None), Invitation.contact_phone.is_not(None)))
        return _ids(query, Invitation.id, after, batch)

    def remove(self, ids):
        return db.session.execute(update(Invitation).where(Invitation.id.in_(ids)).values(
            contact_email=None, contact_phone=None).execution_options(synchronize_session=False)).rowcount


class CaseContacts(Step):
    """The name, email and phone of cases answered before the cut-off."""

    def candidates(self, cutoff, now, after, batch):
        query = select(Case.id).where(
            Case.responded_on < cutoff.date(),
            or_(Case.contact_name.is_not(None), Case.contact_email.is_not(None), Case.contact_phone.is_not(None)))
        return _ids(query, Case.id, after, batch)

    def remove(self, ids):
        return db.session.execute(update(Case).where(Case.id.in_(ids)).values(
            contact_name=None, contact_email=None, contact_phone=None)
            .execution_options(synchronize_session=False)).rowcount


class AudioMessages(Step):
    """Audio messages received before the cut-off (their files are removed after the rows are committed)."""

    def candidates(self, cutoff, now, after, batch):
        return _ids(select(AudioMessage.id).where(AudioMessage.created_at < cutoff), AudioMessage.id, after, batch)

    def remove(self, ids):
        for message in db.session.scalars(select(AudioMessage).where(AudioMessage.id.in_(ids))):
            db.session.delete(message)
        db.session.flush()
        return len(ids)


class AuditNotes(Step):
    """Notes staff wrote beside the audit log (``StaffNote``: safeguarding review notes, a case's earlier response)
    before the cut-off. The audit event that points at a note stays (who, what, when); it is never changed."""

    def candidates(self, cutoff, now, after, batch):
        return _ids(select(StaffNote.id).where(StaffNote.created_at < cutoff), StaffNote.id, after, batch)

    def remove(self, ids):
        db.session.execute(delete(StaffNote).where(StaffNote.id.in_(ids)))
        db.session.flush()
        return len(ids)


STEPS: dict[str, tuple[Step, ...]] = {
    "raw_text": (CommentWords(), AnswerWords(), UnsentAnswers(), CaseWords(), TranscriptWords()),
    "contact_details": (ResponseContacts(), InvitationContacts(), CaseContacts()),
    "audio": (AudioMessages(),),
    "audit_notes": (AuditNotes(),),
}


# What removing each class means, in the words of the privacy notice: only what the steps above really do.
MEANINGS = {
    "raw_text": "after that we keep only the version with names and other personal details taken out, and delete "
                "answers that were never sent. Words that "
                "worried us about someone's safety are kept until a trained member of staff has reviewed them, and "
                "the words of a complaint until it has been answered",
    "contact_details": "after that we delete the email address and phone number you gave with your answers, those "
                       "we sent your invitation to (once the link has expired), and the name, email address and "
                       "phone number on a complaint (once it has been answered)",
    "audio": "after that we delete the recording. A typed version, with personal details taken out, may be kept",
    "audit_notes": "after that we delete the notes staff wrote in our record of who did what",
}


def describe(days: dict[str, int | None]) -> list[dict[str, str | int | None]]:
    """Each class with the rule the job applies, for the privacy notice and the settings page."""
    return [{"data_class": data_class, "label": label, "days": days.get(data_class),
             "meaning": MEANINGS[data_class]} for data_class, label in RETENTION_CLASSES.items()]
