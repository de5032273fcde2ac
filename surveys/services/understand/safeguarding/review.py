"""Reviewing flagged comments: the queue, one comment with where it came from, and recording what was done."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import defer

from surveys.models import (
    AUDIENCES,
    JOURNEY_STAGES,
    Answer,
    AuditEvent,
    Case,
    Comment,
    Notification,
    Response,
    User,
    db,
    utcnow,
)
from surveys.models.cases import CASE_KINDS
from surveys.services.platform import audit, raw_text
from surveys.services.platform.errors import Invalid, NotFound
from surveys.services.understand.safeguarding.alerts import alert_recipients, alerts_by_comment
from surveys.services.understand.safeguarding.words import how_long, long_time, require_reviewer, risk_words

REVIEW_OUTCOMES = {
    "referred": "Referred to children’s or adult social care, or the multi-agency safeguarding hub (MASH)",
    "already_known": "Already known to children’s or adult social care, or another safeguarding service",
    "no_concern": "Reviewed: no safeguarding concern",
}
# The decision each outcome records on the comment: what the triage model learns from.
OUTCOME_DECISIONS = {"referred": "concern", "already_known": "concern", "no_concern": "no_concern"}
NOTE_MAX = 2000
REVIEWED_SHOWN = 100
SOURCE_NAMES = {
    "survey": "Answer to a survey",
    "case": "Compliment, comment or complaint",
    "import": "Imported record",
    "decision": "Summary of an imported decision",
    "transcript": "Transcript of a young person’s audio message",
    "practitioner_note": "Practitioner’s note",
}


# --- The queue ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    """One flagged comment in the list: never its words."""

    comment: Comment
    risk: str
    source: str
    received: str
    waiting: str
    alert: str  # sent, failed or none
    outcome: str | None = None
    reviewed: str = ""
    reviewed_by: str = ""


@dataclass(frozen=True)
class Queue:
    """Flagged comments awaiting review (oldest first), then those reviewed (latest first)."""

    awaiting: list[QueueItem]
    reviewed: list[QueueItem]
    reviewed_total: int
    recipients: list[str]

    @property
    def failed_alerts(self) -> int:
        """Comments awaiting review whose alerts all failed."""
        return sum(item.alert == "failed" for item in self.awaiting)


def _alert_state(alerts: list[Notification]) -> str:
    """sent; written (only to the file outbox, which reaches no one); failed; or none yet."""
    sent = [alert for alert in alerts if alert.status == "sent"]
    if any(alert.notifier != "outbox" for alert in sent):
        return "sent"
    if sent:
        return "written"
    return "failed" if alerts else "none"


def latest_outcomes(comment_ids: Iterable[int]) -> dict[int, str]:
    """The outcome of the latest review of each comment."""
    keys = [str(comment_id) for comment_id in comment_ids]
    if not keys:
        return {}
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "safeguarding_review", AuditEvent.object_type == "Comment",
               AuditEvent.object_id.in_(keys))
        .order_by(AuditEvent.id)
    )
    return {int(event.object_id): (event.detail or {}).get("outcome", "") for event in events}


def flagged_queue(user: User, now: datetime | None = None) -> Queue:
    """Everything the safeguarding list shows. The words of the comments are not even loaded."""
    require_reviewer(user)
    now = now or utcnow()
    flagged = select(Comment).options(defer(Comment.raw_text), defer(Comment.redacted_text)).where(
        Comment.safeguarding_flag.is_(True)
    )
    awaiting = list(db.session.scalars(
        flagged.where(Comment.safeguarding_reviewed_at.is_(None)).order_by(Comment.received_at, Comment.id)
    ))
    reviewed = db.session.execute(
        flagged.add_columns(User.email)
        .outerjoin(User, User.id == Comment.safeguarding_reviewed_by_id)
        .where(Comment.safeguarding_reviewed_at.is_not(None))
        .order_by(Comment.safeguarding_reviewed_at.desc(), Comment.id.desc())
        .limit(REVIEWED_SHOWN)
    ).all()
    reviewed_total = db.session.scalar(
        select(func.count(Comment.id))
        .where(Comment.safeguarding_flag.is_(True), Comment.safeguarding_reviewed_at.is_not(None))
    )
    alerts = alerts_by_comment(comment_ids=[comment.id for comment in awaiting])
    outcomes = latest_outcomes(comment.id for comment, _ in reviewed)

    def item(comment: Comment, **extra) -> QueueItem:
        return QueueItem(
            comment=comment, risk=risk_words(comment.safeguarding_reason),
            source=SOURCE_NAMES.get(comment.source, comment.source), received=long_time(comment.received_at),
            waiting=how_long(now - comment.received_at), alert=_alert_state(alerts.get(comment.id, [])), **extra,
        )

    return Queue(
        awaiting=[item(comment) for comment in awaiting],
        reviewed=[item(comment, outcome=outcomes.get(comment.id), reviewed=long_time(comment.safeguarding_reviewed_at),
                       reviewed_by=email or "Unknown") for comment, email in reviewed],
        reviewed_total=reviewed_total or 0,
        recipients=alert_recipients(),
    )


# --- One flagged comment ----------------------------------------------------------------------------------


def open_flag(user: User, comment_id: int) -> Comment:
    """A flagged comment for review: Forbidden unless the user reviews safeguarding, NotFound unless it is flagged."""
    require_reviewer(user)
    comment = db.session.get(Comment, comment_id)
    if comment is None or not comment.safeguarding_flag:
        raise NotFound()
    return comment


@dataclass(frozen=True)
class ReviewRecord:
    """One review recorded for a comment."""

    at: str
    who: str
    outcome: str
    note: str


@dataclass(frozen=True)
class FlagDetails:
    """Everything the review page shows about one flagged comment, its words included."""

    comment: Comment
    risk: str
    received: str
    waiting: str
    source: str
    origin: list[tuple[str, str]]
    case: Case | None
    contact: list[tuple[str, str]]
    contact_note: str
    alerts: list[Notification]
    reviews: list[ReviewRecord]


def _origin(comment: Comment, response: Response | None, case: Case | None) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if response is not None:
        rows.append(("Survey", response.version.survey.title))
        rows.append(("Answered", long_time(response.submitted_at) if response.submitted_at else "Not finished"))
        rows.append(("Invited", "Yes, by a personal invitation" if response.invitation_id else "No, by an open link"))
    if comment.answer_id is not None:
        answer = db.session.get(Answer, comment.answer_id)
        if answer is not None:
            rows.append(("Question", answer.question.prompt))
    if case is not None:
        rows.append(("Type of case", CASE_KINDS.get(case.kind, case.kind)))
    rows.append(("Partner", comment.partner.name if comment.partner else "Not known"))
    for label, value in (
        ("Locality", comment.locality),
        ("Journey stage", JOURNEY_STAGES.get(comment.journey_stage or "", comment.journey_stage)),
        ("Who it is from", AUDIENCES.get(comment.audience or "", comment.audience)),
        ("Need", comment.need_type),
    ):
        if value:
            rows.append((label, value))
    return rows


def _contact(response: Response | None, case: Case | None) -> tuple[list[tuple[str, str]], str]:
    """Contact details the person gave and agreed we may use, and a sentence when there are none."""
    if case is not None:
        rows = [(key, value) for key, value in (("Name", case.contact_name), ("Email", case.contact_email),
                                                ("Phone", case.contact_phone)) if value]
        return rows, "" if rows else "They did not give contact details."
    if response is not None:
        if not response.consent_contact:
            return [], "They did not agree to be contacted, so we do not keep their contact details."
        rows = [(key, value) for key, value in (("Email", response.contact_email), ("Phone", response.contact_phone))
                if value]
        return rows, "" if rows else "They agreed to be contacted but did not give contact details."
    return [], "There are no contact details for this comment."


def review_history(comment: Comment) -> list[ReviewRecord]:
    """Every review recorded for the comment, oldest first."""
    query = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.action == "safeguarding_review", AuditEvent.object_type == "Comment",
               AuditEvent.object_id == str(comment.id))
        .order_by(AuditEvent.id)
    )
    found = db.session.execute(query).all()
    notes = audit.note_texts((event.detail or {}).get("note_id") for event, _ in found)
    return [
        ReviewRecord(at=long_time(event.created_at), who=email or "Unknown",
                     outcome=REVIEW_OUTCOMES.get((event.detail or {}).get("outcome"), "Not known"),
                     note=notes.get((event.detail or {}).get("note_id"), ""))
        for event, email in found
    ]


def flag_details(comment: Comment, now: datetime | None = None) -> FlagDetails:
    """The review page's contents. Call ``record_raw_text_view`` whenever it is shown."""
    response = db.session.get(Response, comment.response_id) if comment.response_id else None
    case = db.session.get(Case, comment.case_id) if comment.case_id else None
    contact, contact_note = _contact(response, case)
    return FlagDetails(
        comment=comment, risk=risk_words(comment.safeguarding_reason), received=long_time(comment.received_at),
        waiting=how_long((now or utcnow()) - comment.received_at),
        source=SOURCE_NAMES.get(comment.source, comment.source), origin=_origin(comment, response, case), case=case,
        contact=contact, contact_note=contact_note, reviews=review_history(comment),
        alerts=alerts_by_comment(comment_ids=[comment.id]).get(comment.id, []),
    )


def record_raw_text_view(user: User, comment: Comment) -> AuditEvent:
    """Reading what the person wrote goes in the audit log, committed with the page that shows it."""
    require_reviewer(user)
    event = raw_text.record_raw_text_view(user, comment, "safeguarding_review")
    db.session.flush()
    return event


def record_review(user: User, comment: Comment, outcome: str, note: str = "") -> AuditEvent:
    """Record who reviewed a flagged comment, when, and what they did; ``Invalid`` for a bad outcome or note.

    The flag stays: after "no_concern" the comment may be used in analysis, but it is never published automatically.
    A comment may be reviewed again (for example when more is learned); every review is kept in the audit log, and
    the latest decision ("concern" or "no_concern") is kept on the comment for the triage model to learn from.
    """
    require_reviewer(user)
    if not comment.safeguarding_flag:
        raise Invalid("Only a flagged comment has a safeguarding review")
    if outcome not in REVIEW_OUTCOMES:
        raise Invalid("Select what you did about this comment")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Invalid(f"The note must be {NOTE_MAX:,} characters or fewer")
    comment.safeguarding_reviewed_at = utcnow()
    comment.safeguarding_reviewed_by_id = user.id
    comment.safeguarding_decision = OUTCOME_DECISIONS[outcome]
    note_id = audit.keep_note("safeguarding_review", comment, note)  # the note is kept beside the log, not in it
    event = audit.record(user, "safeguarding_review", comment, outcome=outcome, note_id=note_id)
    db.session.flush()
    return event
