"""The co-production lead's decisions about themes. Each is stored, audited, and honoured by every re-run."""

from sqlalchemy import delete, select

from surveys.models import Comment, CommentTheme, Theme, ThemeDecision, User, db, utcnow
from surveys.services.platform import audit
from surveys.services.understand.theme_assignment import queue_retrain


class DecisionError(ValueError):
    """A decision that cannot be made; the message says why."""


def _record(kind: str, theme: Theme, user: User | None, **detail) -> None:
    """Keep the decision, audit it, and ask the worker to retrain the theme assigner (never in this request)."""
    db.session.add(ThemeDecision(kind=kind, theme_id=theme.id, detail=detail, user_id=user.id if user else None))
    audit.record(user, f"theme_{kind}", theme, **detail)
    queue_retrain()


def _active(theme: Theme) -> None:
    if theme.status not in ("proposed", "reviewed"):
        raise DecisionError("This theme has been rejected or merged, so it cannot be changed")


def _label(text: str) -> str:
    label = " ".join((text or "").split())
    if not label:
        raise DecisionError("Enter a name for the theme")
    if len(label) > 200:
        raise DecisionError("Theme name must be 200 characters or fewer")
    return label


def rename(theme: Theme, label: str, user: User | None) -> None:
    """Give a theme the name people will read."""
    _active(theme)
    old, theme.label = theme.label, _label(label)
    _record("rename", theme, user, old=old, new=theme.label)
    db.session.flush()


def mark_reviewed(theme: Theme, user: User | None) -> None:
    """The forum and the lead have looked at it: it keeps its name and may be published."""
    if theme.status not in ("proposed", "reviewed"):
        raise DecisionError("Only a proposed theme can be marked as reviewed")
    theme.status, theme.public = "reviewed", True
    theme.reviewed_at, theme.reviewed_by_id = utcnow(), user.id if user else None
    _record("review", theme, user)
    db.session.flush()


def reject(theme: Theme, user: User | None) -> None:
    """Not a real theme: its comments are freed and it is never proposed again."""
    _active(theme)
    theme.status, theme.public = "rejected", False
    db.session.execute(delete(CommentTheme).where(CommentTheme.theme_id == theme.id))
    _record("reject", theme, user)
    db.session.flush()


def merge(theme: Theme, into: Theme, user: User | None) -> None:
    """Fold one theme into another; every comment moves with it."""
    _active(theme)
    if theme.id == into.id:
        raise DecisionError("Choose a different theme to merge into")
    if into.status not in ("proposed", "reviewed"):
        raise DecisionError("You can only merge into a proposed or reviewed theme")
    already = set(db.session.scalars(select(CommentTheme.comment_id).where(CommentTheme.theme_id == into.id)))
    for link in db.session.scalars(select(CommentTheme).where(CommentTheme.theme_id == theme.id)).all():
        if link.comment_id in already:
            db.session.delete(link)
        else:
            link.theme_id = into.id
    theme.status, theme.merged_into_id, theme.public = "merged", into.id, False
    _record("merge", theme, user, into=into.id)
    db.session.flush()


def move_comment(comment: Comment, to: Theme, user: User | None) -> None:
    """Put a comment in the theme a person says it belongs to; the model will not move it back."""
    if to.status not in ("proposed", "reviewed"):
        raise DecisionError("You can only move a comment to a proposed or reviewed theme")
    db.session.execute(delete(CommentTheme).where(CommentTheme.comment_id == comment.id))
    db.session.add(CommentTheme(comment_id=comment.id, theme_id=to.id, source="manual", confidence=1.0))
    _record("move", to, user, comment=comment.id)
    db.session.flush()


def split(theme: Theme, comment_ids: list[int], label: str, user: User | None) -> Theme:
    """Make a new theme from some of a theme's comments, placed there by hand."""
    _active(theme)
    members = set(db.session.scalars(select(CommentTheme.comment_id).where(CommentTheme.theme_id == theme.id)))
    chosen = [cid for cid in dict.fromkeys(comment_ids) if cid in members]
    if not chosen:
        raise DecisionError("Select the comments that belong in the new theme")
    new = Theme(label=_label(label), status="reviewed", public=True, reviewed_at=utcnow(),
                reviewed_by_id=user.id if user else None)
    db.session.add(new)
    db.session.flush()
    db.session.execute(delete(CommentTheme).where(CommentTheme.comment_id.in_(chosen)))
    db.session.add_all(CommentTheme(comment_id=cid, theme_id=new.id, source="manual", confidence=1.0)
                       for cid in chosen)
    _record("split", theme, user, new_theme=new.id, comments=chosen)
    db.session.flush()
    return new
