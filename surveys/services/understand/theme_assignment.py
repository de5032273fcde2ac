"""Placing one new comment in a reviewed theme just after it arrives, with a confidence, by the last trained model.

The assigner learns only from what people placed or confirmed: comments a person moved into a theme, and comments
that were in a reviewed theme when a person reviewed it (placed no later than the theme's ``reviewed_at``). It never
learns from its own placements, so it cannot drift towards its own guesses.

Training never happens in a web request. A theme decision (``theme_decisions``) or a theme re-run queues one
``retrain_assigner`` item in the outbox (several decisions in a row share one, see ``RETRAIN_DELAY``); the worker
trains (``retrain``) and keeps the model in its process. Comments are placed by the worker too
(``surveys.services.understand.comments.analyse_queued``) with the model its process trained last; a worker that has
not trained since the newest retrain finished trains once, in the background, before placing. Comments it is unsure
of are assigned with low confidence and appear in the review queue.
"""

from __future__ import annotations

from datetime import timedelta
from threading import Lock
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from analysis.themes.assign import REVIEW_BELOW
from surveys.models import Comment, CommentTheme, OutboxItem, Theme, db
from surveys.services.platform import outbox

if TYPE_CHECKING:
    from analysis.themes import Assigner

RETRAIN_KIND = "retrain_assigner"
RETRAIN_DELAY = timedelta(seconds=10)  # decisions made within this share one retrain
_lock = Lock()
_NOT_TRAINED = object()
_cache: dict = {"version": _NOT_TRAINED, "assigner": None}


def queue_retrain() -> OutboxItem:
    """Ask the worker to train the assigner again soon (in the current transaction; coalesced)."""
    return outbox.enqueue_once(RETRAIN_KIND, delay=RETRAIN_DELAY)


def confirmed_by_people():
    """Links a person made, or that were in the theme when a person reviewed it."""
    return or_(CommentTheme.source == "manual", CommentTheme.assigned_at <= Theme.reviewed_at)


def training_rows() -> list[tuple[str, int]]:
    """(redacted text, theme id) for every confirmed, unflagged comment in a reviewed theme."""
    return [tuple(row) for row in db.session.execute(
        select(Comment.redacted_text, CommentTheme.theme_id)
        .join(CommentTheme, CommentTheme.comment_id == Comment.id)
        .join(Theme, Theme.id == CommentTheme.theme_id)
        .where(Theme.status == "reviewed", Comment.safeguarding_flag.is_(False), Comment.redacted_text != "",
               confirmed_by_people())
        .order_by(CommentTheme.id)
    )]


def train() -> Assigner | None:
    """An assigner trained on the confirmed comments now, or None when there are none."""
    from analysis.themes import Assigner  # scikit-learn: loaded by the worker, not by every web process

    rows = training_rows()
    return Assigner().fit([text for text, _ in rows], [str(theme_id) for _, theme_id in rows]) if rows else None


def model_version() -> int | None:
    """The newest finished retrain: a process whose model is older trains again before placing a comment."""
    return db.session.scalar(select(func.max(OutboxItem.id))
                             .where(OutboxItem.kind == RETRAIN_KIND, OutboxItem.status == "done"))


def retrain(version: int) -> Assigner | None:
    """The worker's retrain: train now and keep the model as ``version`` (the outbox item's id)."""
    assigner = train()
    with _lock:
        _cache.update(version=version, assigner=assigner)
    return assigner


def current_assigner() -> Assigner | None:
    """The model this process trained last, trained first if a newer retrain finished elsewhere (worker only)."""
    version = model_version()
    with _lock:
        if _cache["version"] == version:
            return _cache["assigner"]
    return retrain(version)


def forget_model() -> None:
    """Drop this process's model (a test's database is emptied between tests, ids and all)."""
    with _lock:
        _cache.update(version=_NOT_TRAINED, assigner=None)


def assign_comment(comment: Comment) -> CommentTheme | None:
    """Add the model's theme for one analysed comment to the session (needs its id)."""
    if not comment.redacted_text:
        return None
    assigner = current_assigner()
    if assigner is None:
        return None
    assignment = assigner.assign(comment.redacted_text)
    if assignment.theme_id is None:
        return None
    link = CommentTheme(comment_id=comment.id, theme_id=int(assignment.theme_id), source="model",
                        confidence=float(assignment.confidence))
    db.session.add(link)
    return link


def review_queue(limit: int = 200) -> list[Comment]:
    """Comments no theme explains well: unthemed, or placed by the model with low confidence."""
    themed = select(CommentTheme.comment_id)
    unsure = select(CommentTheme.comment_id).where(CommentTheme.source == "model",
                                                   CommentTheme.confidence < REVIEW_BELOW)
    query = (select(Comment).where(Comment.analysed_at.is_not(None), Comment.safeguarding_flag.is_(False))
             .where(Comment.id.not_in(themed) | Comment.id.in_(unsure))
             .order_by(Comment.received_at.desc()).limit(limit))
    return list(db.session.scalars(query))
