"""Placing one new comment in a reviewed theme the moment it arrives, with a confidence.

The assigner learns from comments in reviewed themes (people's moves count most, since they are part
of the training data). It is trained once per process and again whenever the reviewed data changes.
Comments it is unsure of are assigned with low confidence and appear in the review queue.
"""

from threading import Lock

from sqlalchemy import func, select

from analysis.themes import Assigner
from analysis.themes.assign import REVIEW_BELOW
from surveys.models import Comment, CommentTheme, Theme, ThemeDecision, db

_lock = Lock()
_cache: dict = {"key": None, "assigner": None, "themes": {}}


def _training_key() -> tuple:
    """Changes whenever the reviewed themes or their comments change."""
    links = db.session.execute(
        select(func.count(CommentTheme.id), func.max(CommentTheme.id))
        .join(Theme, Theme.id == CommentTheme.theme_id).where(Theme.status == "reviewed")
    ).one()
    decision = db.session.scalar(select(func.max(ThemeDecision.id)))
    return (*links, decision)


def current_assigner() -> Assigner | None:
    """An assigner trained on the reviewed themes, or None when nothing is reviewed yet."""
    key = _training_key()
    with _lock:
        if _cache["key"] == key:
            return _cache["assigner"]
        rows = db.session.execute(
            select(Comment.redacted_text, CommentTheme.theme_id)
            .join(CommentTheme, CommentTheme.comment_id == Comment.id)
            .join(Theme, Theme.id == CommentTheme.theme_id)
            .where(Theme.status == "reviewed", Comment.safeguarding_flag.is_(False))
        ).all()
        assigner = Assigner().fit([r[0] for r in rows], [str(r[1]) for r in rows]) if rows else None
        _cache.update(key=key, assigner=assigner)
        return assigner


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
