"""Co-production session mode: reviewed themes one at a time for a meeting with the parent carer forum.

Each theme comes with its counts (through the one suppression rule), up to three quotes that may be shown in
public (``public_quotes``: consented, redacted, never flagged), the actions proposed for it, and what the forum
said about it at earlier meetings. The forum's view is recorded with the meeting's date (publication sign-off
builds on it). Services flush; the request commits.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from surveys.models import FORUM_VIEWS, Action, Comment, CommentTheme, ForumView, Theme, User, db
from surveys.models.actions import action_theme
from surveys.services.platform.errors import Invalid, NotFound
from surveys.services.platform.suppression import Breakdown, Cell, suppress_breakdown, suppress_count
from surveys.services.understand.theme_queries import public_quotes

QUOTES = 3
AUDIENCE_WORDS = {"parent_carer": "Parents and carers", "young_person": "Young people",
                  "practitioner": "Practitioners", None: "Not known"}
FEELINGS = {"negative": "Unhappy", "neutral": "Neither", "positive": "Happy"}


def session_themes() -> list[Theme]:
    """Reviewed themes in the order of a session: the most comments first, then by name."""
    size = (select(func.count(CommentTheme.id)).where(CommentTheme.theme_id == Theme.id)
            .correlate(Theme).scalar_subquery())
    return list(db.session.scalars(select(Theme).where(Theme.status == "reviewed")
                                   .order_by(size.desc(), Theme.label, Theme.id)))


def position_of(themes: list[Theme], theme_id: int) -> int:
    """The 1-based position of a theme in the session; ``NotFound`` when it is not one of them."""
    for position, theme in enumerate(themes, start=1):
        if theme.id == theme_id:
            return position
    raise NotFound("That theme is not in the session: only reviewed themes are discussed with the forum.")


@dataclass(frozen=True)
class Slide:
    """One theme on the screen, with where it sits in the session."""

    theme: Theme
    position: int
    total: int
    comments: Cell
    by_audience: Breakdown
    by_feeling: Breakdown
    quotes: list[str]
    actions: list[Action]
    views: list[ForumView]

    @property
    def previous(self) -> int | None:
        return self.position - 1 if self.position > 1 else None

    @property
    def next(self) -> int | None:
        return self.position + 1 if self.position < self.total else None


def slide(themes: list[Theme], position: int) -> Slide:
    """The theme at ``position`` (from 1); ``NotFound`` outside the session."""
    if not 1 <= position <= len(themes):
        raise NotFound("There is no theme at that place in the session.")
    theme = themes[position - 1]
    audiences, feelings = _counts(theme, Comment.audience), _counts(theme, Comment.sentiment)
    return Slide(
        theme=theme, position=position, total=len(themes), comments=suppress_count(sum(audiences.values())),
        by_audience=suppress_breakdown({AUDIENCE_WORDS.get(k, k): n for k, n in audiences.items()}),
        by_feeling=suppress_breakdown({label: feelings.get(key, 0) for key, label in FEELINGS.items()}),
        quotes=public_quotes(theme, limit=QUOTES), actions=proposed_actions(theme), views=forum_views(theme),
    )


def _counts(theme: Theme, column) -> dict:
    """The theme's comments by one column, flagged ones included (they count, they are never quoted)."""
    query = (select(column, func.count()).join(CommentTheme, CommentTheme.comment_id == Comment.id)
             .where(CommentTheme.theme_id == theme.id).group_by(column).order_by(column))
    return dict(db.session.execute(query).all())


def proposed_actions(theme: Theme) -> list[Action]:
    """The actions linked to a theme, oldest first."""
    query = (select(Action).join(action_theme, action_theme.c.action_id == Action.id)
             .where(action_theme.c.theme_id == theme.id).order_by(Action.id))
    return list(db.session.scalars(query))


def forum_views(theme: Theme) -> list[ForumView]:
    """What the forum said about a theme, the latest meeting first."""
    query = (select(ForumView).where(ForumView.theme_id == theme.id)
             .order_by(ForumView.meeting_on.desc(), ForumView.id.desc()))
    return list(db.session.scalars(query))


def record_view(user: User | None, theme: Theme, view: str, meeting_on: date, note: str = "") -> ForumView:
    """Record the forum's view of a reviewed theme at one meeting; flushes."""
    if theme.status != "reviewed":
        raise Invalid("Only reviewed themes are discussed with the forum.")
    if view not in FORUM_VIEWS:
        raise Invalid("Select whether the forum agrees")
    row = ForumView(theme_id=theme.id, view=view, meeting_on=meeting_on, note=(note or "").strip(),
                    recorded_by_id=user.id if user else None)
    db.session.add(row)
    db.session.flush()
    return row
