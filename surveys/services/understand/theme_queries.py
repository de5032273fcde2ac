"""Reading themes for the staff pages and for publishing: sizes, members, placements and quotes.

Only redacted text is ever shown, and comments flagged as a possible safeguarding concern are never listed or
quoted: every query here starts from ``_in_theme``, which leaves them out unless asked to count them. Nothing
here writes; decisions about themes are ``theme_decisions``.

Quotes are chosen in one place, ``representative_comments``: the engine's picks first, then comments with consent
to quote, then the ones the model is surest of. Staff see the best of them (``staff_quotes``); the public only
those that are publishable, for a reviewed public theme (``public_quotes``).
"""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select, case, func, select

from surveys.models import Comment, CommentTheme, Theme, db
from surveys.services.platform.errors import NotFound

OPEN_STATUSES = ("proposed", "reviewed")
PER_PAGE = 50
QUOTES = 5


@dataclass(frozen=True)
class Member:
    """A comment in a theme, and how it got there."""

    comment: Comment
    source: str
    confidence: float


@dataclass(frozen=True)
class MemberPage:
    """One page of a theme's comments."""

    members: list[Member]
    total: int
    page: int
    pages: int

    @property
    def first(self) -> int:
        """The number of the first comment on this page, counting from 1."""
        return (self.page - 1) * PER_PAGE + 1


# --- Finding one ---------------------------------------------------------------------------------------------


def get_theme(theme_id: int) -> Theme:
    """The theme with this id; ``NotFound`` if there is none."""
    theme = db.session.get(Theme, theme_id)
    if theme is None:
        raise NotFound()
    return theme


def find_theme(theme_id: int | None) -> Theme | None:
    """The theme with this id, or None (a form's choice, already checked against the open themes)."""
    return db.session.get(Theme, theme_id) if theme_id is not None else None


def themes_by_id(theme_ids) -> dict[int, Theme]:
    """The themes with these ids, by id."""
    ids = {theme_id for theme_id in theme_ids if theme_id}
    if not ids:
        return {}
    return {theme.id: theme for theme in db.session.scalars(select(Theme).where(Theme.id.in_(ids)))}


def theme_member(theme: Theme, comment_id: int) -> Comment:
    """A comment of this theme that may be shown here (not flagged); ``NotFound`` for anything else."""
    comment = db.session.scalar(_in_theme(theme).where(Comment.id == comment_id))
    if comment is None:
        raise NotFound()
    return comment


def queue_comment(comment_id: int) -> Comment:
    """An analysed, unflagged comment, as the review queue shows; ``NotFound`` for anything else."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.safeguarding_flag or comment.analysed_at is None:
        raise NotFound()
    return comment


# --- Lists -------------------------------------------------------------------------------------------------------


def theme_sizes(statuses) -> list[tuple[Theme, int]]:
    """Themes with these statuses and how many comments each has, the largest first."""
    sizes = (select(CommentTheme.theme_id, func.count(CommentTheme.id).label("size"))
             .group_by(CommentTheme.theme_id).subquery())
    size = func.coalesce(sizes.c.size, 0)
    query = (select(Theme, size).outerjoin(sizes, sizes.c.theme_id == Theme.id)
             .where(Theme.status.in_(statuses)).order_by(size.desc(), Theme.label, Theme.id))
    return [(theme, count) for theme, count in db.session.execute(query)]


def open_themes(exclude: Theme | None = None) -> list[Theme]:
    """Themes a comment can go to or another theme be merged into, by name."""
    query = select(Theme).where(Theme.status.in_(OPEN_STATUSES)).order_by(Theme.label, Theme.id)
    if exclude is not None:
        query = query.where(Theme.id != exclude.id)
    return list(db.session.scalars(query))


def _in_theme(theme: Theme, flagged: bool = False) -> Select:
    """The theme's comments that are not flagged for safeguarding (or only those that are)."""
    return (select(Comment).join(CommentTheme, CommentTheme.comment_id == Comment.id)
            .where(CommentTheme.theme_id == theme.id, Comment.safeguarding_flag.is_(flagged)))


def count_members(theme: Theme, flagged: bool = False) -> int:
    """Comments in the theme, not flagged (or only flagged) for safeguarding."""
    return db.session.scalar(select(func.count()).select_from(_in_theme(theme, flagged).subquery()))


def member_page(theme: Theme, page: int) -> MemberPage:
    """One page of the theme's unflagged comments: those placed by people first, then the model's surest."""
    total = count_members(theme)
    pages = max(1, ceil(total / PER_PAGE))
    page = min(max(page, 1), pages)
    people_first = case((CommentTheme.source == "manual", 0), else_=1)
    query = (_in_theme(theme).add_columns(CommentTheme.source, CommentTheme.confidence)
             .order_by(people_first, CommentTheme.confidence.desc(), Comment.id)
             .limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    members = [Member(*row) for row in db.session.execute(query)]
    return MemberPage(members, total, page, pages)


def placements(comments: list[Comment]) -> dict[int, tuple[Theme, float]]:
    """Where each comment is now (the theme the model is surest of), by comment id."""
    query = (select(CommentTheme.comment_id, Theme, CommentTheme.confidence)
             .join(Theme, Theme.id == CommentTheme.theme_id)
             .where(CommentTheme.comment_id.in_([comment.id for comment in comments]))
             .order_by(CommentTheme.confidence))
    return {comment_id: (theme, confidence) for comment_id, theme, confidence in db.session.execute(query)}


# --- Quotes ------------------------------------------------------------------------------------------------------


def representative_comments(theme: Theme, limit: int, *, publishable: bool = False) -> list[Comment]:
    """The comments that best show what a theme is about: the engine's picks, then consented, then surest.

    Never flagged ones, and only analysed comments with redacted text. With ``publishable``, only those that may
    be quoted in public (``Comment.publishable``). The text is read from the comment now, so a new flag, a
    withdrawn consent or a corrected redaction applies at once.
    """
    quotable = _in_theme(theme).where(Comment.analysed_at.is_not(None), Comment.redacted_text != "")
    if publishable:
        quotable = quotable.where(Comment.consent_quote.is_(True))
    chosen = _engine_picks(theme)
    picked = {c.id: c for c in db.session.scalars(quotable.where(Comment.id.in_(chosen)))} if chosen else {}
    ranked = db.session.scalars(quotable.order_by(Comment.consent_quote.desc(), CommentTheme.confidence.desc(),
                                                  Comment.id).limit(limit))
    ordered = [picked[i] for i in chosen if i in picked] + list(ranked)
    return list({c.id: c for c in ordered}.values())[:limit]


def _engine_picks(theme: Theme) -> list[int]:
    """The comment ids the theme engine chose as quotes, in its order."""
    quoted = [q.get("comment") for q in (theme.signature or {}).get("quotes", []) if isinstance(q, dict)]
    return [key for key in quoted if isinstance(key, int)]


def staff_quotes(theme: Theme) -> list[Comment]:
    """Quotes for the staff theme page: redacted, never flagged, with or without consent (the page says which)."""
    return representative_comments(theme, QUOTES)


def public_quotes(theme: Theme, limit: int = 3) -> list[str]:
    """Quotes that may appear in public for a theme: redacted, consented, never flagged; none unless it is public.

    Only a reviewed theme marked public is quoted. Two comments with the same words are quoted once.
    """
    if theme.status != "reviewed" or not theme.public:
        return []
    # A few spare, so that comments with the same words do not leave the list short.
    comments = representative_comments(theme, limit * 3, publishable=True)
    texts = list(dict.fromkeys(comment.redacted_text for comment in comments if comment.publishable))
    return texts[:limit]
