"""Staff decisions on flagged comments teach the triage model: retrained in the background, never on a request.

Every review records "concern" or "no_concern" on the comment (``review.record_review``). ``retrain_triage_model``
(the nightly job ``surveys.jobs.retrain_triage_model``) trains the learned second opinion again on its written
corpus and everyday negatives plus every decided comment's own words, and saves it where triage loads it from
(``analysis.triage_model.model_path``); every process picks the new file up on its next triage. It does nothing
when no decision was made since the model file was written. The phrase rules are never changed by it.
"""

from datetime import UTC, datetime

from sqlalchemy import func, select

from surveys.models import Comment, db


def decisions() -> list[tuple[str, bool]]:
    """(the person's own words, whether staff found a concern) for every reviewed flagged comment."""
    rows = db.session.execute(
        select(Comment.raw_text, Comment.safeguarding_decision)
        .where(Comment.safeguarding_decision.is_not(None)).order_by(Comment.id)
    )
    return [(text, decision == "concern") for text, decision in rows if text]


def _latest_decision_at() -> datetime | None:
    latest = db.session.scalar(
        select(func.max(Comment.safeguarding_reviewed_at)).where(Comment.safeguarding_decision.is_not(None))
    )
    return latest.replace(tzinfo=UTC) if latest is not None and latest.tzinfo is None else latest


def retrain_triage_model() -> int:
    """Retrain the triage model with staff decisions when there are new ones; how many decisions it learned from
    (0 when there was nothing new)."""
    from analysis import triage_model

    latest = _latest_decision_at()
    if latest is None:
        return 0
    path = triage_model.model_path()
    if path.exists() and datetime.fromtimestamp(path.stat().st_mtime, UTC) >= latest:
        return 0
    decided = decisions()
    triage_model.build(path, decisions=decided)
    return len(decided)
