"""Comments: every piece of free text becomes one, and is analysed just after it arrives, by the worker.

``add_comment`` stores the words and queues their analysis in the same transaction (the outbox), so a submission
returns at once and its words are never lost. The worker (``analyse_queued``) then redacts personal data, triages
for safeguarding, scores sentiment and emotion, places the comment in a reviewed theme and queues the safeguarding
alerts, all in one transaction: a failure is rolled back and tried again. Until then the comment has no
``analysed_at`` and pages show that it is being checked instead of any words.
The raw words are kept (restricted); everyone else sees the redacted text.
"""

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select

from analysis.redaction import redact
from analysis.sentiment import score_sentiment
from analysis.triage import triage
from surveys.models import Answer, Case, Comment, Partner, Response, User, db, utcnow
from surveys.services.platform import outbox
from surveys.services.understand.safeguarding import queue_alerts
from surveys.services.understand.theme_assignment import assign_comment


def add_comment(
    raw_text: str | None,
    source: str,
    *,
    response: Response | None = None,
    answer: Answer | None = None,
    case: Case | None = None,
    partner_id: int | None = None,
    audience: str | None = None,
    journey_stage: str | None = None,
    locality: str | None = None,
    need_type: str | None = None,
    consent_quote: bool = False,
    received_at: datetime | None = None,
) -> Comment | None:
    """Add a comment to the current transaction and queue its analysis; None when the text is blank."""
    text = (raw_text or "").strip()
    if not text:
        return None
    if any(obj is not None and obj.id is None for obj in (response, answer, case)):
        db.session.flush()  # the comment points at their ids
    comment = Comment(
        source=source,
        raw_text=text,
        response_id=response.id if response is not None else None,
        answer_id=answer.id if answer is not None else None,
        case_id=case.id if case is not None else None,
        partner_id=partner_id,
        audience=audience,
        journey_stage=journey_stage,
        locality=locality,
        need_type=need_type,
        consent_quote=consent_quote,
        received_at=received_at or utcnow(),
    )
    db.session.add(comment)
    db.session.flush()
    outbox.enqueue("analyse_comment", {"comment_id": comment.id})
    return comment


def analyse_queued(comment_id: int) -> Comment | None:
    """The worker's analysis of one new comment: analyse, place in a theme, queue alerts (flushed).

    A comment already analysed (by ``analyse_pending``, or an earlier attempt that committed) is left as it is.
    """
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.analysed_at is not None:
        return comment
    analyse_comment(comment)
    db.session.flush()
    assign_comment(comment)
    queue_alerts(comment)
    return comment


def known_identifiers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names the database knows and redaction must catch: staff, and schools among the partners."""
    staff = tuple(name for name in db.session.scalars(select(User.name).where(User.name != "")) if name)
    schools = tuple(db.session.scalars(select(Partner.name).where(Partner.kind == "school")))
    return staff, schools


def redacted(text: str | None, *names: str | None) -> str:
    """``text`` with personal data redacted, also catching ``names`` (a case's contact name, say): for words that
    are shown to roles that may not read raw text but have no comment of their own (a case's summary)."""
    if not text:
        return ""
    staff, schools = known_identifiers()
    return redact(text, staff + tuple(name for name in names if name), schools).text


def analyse_comment(comment: Comment, known: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> Comment:
    """Redact, triage and score one comment in place."""
    redaction = redact(comment.raw_text, *(known or known_identifiers()))
    comment.redacted_text = redaction.text
    comment.redaction_spans = [asdict(span) for span in redaction.spans]
    flag = triage(comment.raw_text)
    comment.safeguarding_flag = flag.flagged
    comment.safeguarding_reason = flag.reason[:200]
    sentiment = score_sentiment(comment.raw_text)
    comment.sentiment = sentiment.label
    comment.sentiment_score = sentiment.compound
    comment.emotions = dict(sentiment.emotions)
    comment.analysed_at = utcnow()
    return comment


def analyse_pending(batch_size: int = 500) -> int:
    """Analyse every comment not yet analysed (for example after an import); returns how many."""
    done = 0
    while True:
        batch = db.session.scalars(
            select(Comment).where(Comment.analysed_at.is_(None)).order_by(Comment.id).limit(batch_size)
        ).all()
        if not batch:
            return done
        known = known_identifiers()
        for comment in batch:
            analyse_comment(comment, known)
            queue_alerts(comment)
        db.session.flush()
        done += len(batch)
