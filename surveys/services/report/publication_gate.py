"""The one gate every publication passes through: nothing unreviewed, unredacted, unconsented, unapproved or
flagged for safeguarding is ever published.

What may be published at all: reviewed themes marked public (``publishable_themes``) and the public actions linked
to them (``publishable_actions``). Quotes come only from ``theme_queries.public_quotes`` (consented, analysed,
redacted, never flagged), and each passes the redaction check again now (``safe_quotes``): a quote that redaction
would still change (a name learnt since, a corrected rule) is dropped rather than published.

``admit`` is the last step of every build, a rollback's copy included: it reads each entry of a snapshot against
the database as it is now and keeps only what may be published now, so a theme made private, a consent withdrawn
or a comment flagged since an earlier version is never published again. It says what it held back and why.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from analysis.redaction import redact
from surveys.models import Action, Theme, db
from surveys.models.actions import action_theme
from surveys.services.understand.comments import known_identifiers
from surveys.services.understand.theme_queries import public_quotes

QUOTES = 3


def publishable_themes() -> list[Theme]:
    """Reviewed themes marked public, by name (the snapshot orders them by how many raised them)."""
    query = select(Theme).where(Theme.status == "reviewed", Theme.public.is_(True)).order_by(Theme.label, Theme.id)
    return list(db.session.scalars(query))


def publishable_actions(theme: Theme) -> list[Action]:
    """The public actions linked to a theme, oldest first."""
    query = (select(Action).join(action_theme, action_theme.c.action_id == Action.id)
             .where(action_theme.c.theme_id == theme.id, Action.public.is_(True))
             .options(selectinload(Action.partner)).order_by(Action.id))
    return list(db.session.scalars(query))


def may_be_published(kind: str, thing: Theme | Action) -> bool:
    """A reviewed public theme, or a public action linked to at least one of them."""
    if kind == "theme":
        return thing.status == "reviewed" and bool(thing.public)
    return bool(thing.public) and any(may_be_published("theme", theme) for theme in thing.themes)


def known_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names redaction must catch (staff, schools), read once per build."""
    return known_identifiers()


def is_redacted(text: str, known: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """True when redacting the text again changes nothing: no personal data is left in it."""
    return redact(text, *known).text == text


def safe_quotes(theme: Theme, known=None) -> list[str]:
    """Up to three public quotes of a theme that pass the redaction check again now."""
    known = known if known is not None else known_words()
    return [quote for quote in public_quotes(theme, limit=QUOTES) if is_redacted(quote, known)]


@dataclass
class Admitted:
    """A snapshot with only what may be published now, and what was held back, in plain sentences."""

    snapshot: dict
    held_back: list[str] = field(default_factory=list)


def admit(snapshot: dict, book, known=None) -> Admitted:
    """The snapshot with every entry checked against the database now; ``book`` is the sign-off's ApprovalBook."""
    known = known if known is not None else known_words()
    result = Admitted({**snapshot, "themes": []})
    links = public_action_links()
    for entry in snapshot.get("themes", []):
        theme = db.session.get(Theme, entry.get("id"))
        reason = _theme_refusal(theme, entry, book)
        if reason:
            result.held_back.append(f"Theme ‘{entry.get('title', '')}’: {reason}")
            continue
        result.snapshot["themes"].append(_admit_theme(theme, entry, (book, known, links), result.held_back))
    return result


def public_action_links() -> set[tuple[int, int]]:
    """(action id, theme id) for every public action and each theme it is linked to."""
    query = (select(action_theme.c.action_id, action_theme.c.theme_id)
             .join(Action, Action.id == action_theme.c.action_id).where(Action.public.is_(True)))
    return {(action_id, theme_id) for action_id, theme_id in db.session.execute(query)}


def _theme_refusal(theme: Theme | None, entry: dict, book) -> str:
    if theme is None:
        return "it no longer exists."
    if not may_be_published("theme", theme):
        return "it is not a reviewed public theme."
    return "" if book.approved("theme", entry) else "both sides have not approved these words."


def _admit_theme(theme: Theme, entry: dict, checks: tuple, held_back: list[str]) -> dict:
    """The theme's entry with only the quotes and actions that may be published now."""
    book, known, links = checks
    allowed = set(safe_quotes(theme, known))
    quotes = [quote for quote in entry.get("quotes", []) if quote in allowed]
    if len(quotes) < len(entry.get("quotes", [])):
        held_back.append(f"Theme ‘{entry['title']}’: a quote that may no longer be published was left out.")
    actions = []
    for item in entry.get("actions", []):
        reason = _action_refusal((item.get("id"), theme.id) in links, item, book)
        if reason:
            held_back.append(f"Action ‘{item.get('title', '')}’: {reason}")
        else:
            actions.append(item)
    return {**entry, "quotes": quotes, "actions": actions}


def _action_refusal(public_here: bool, item: dict, book) -> str:
    if not public_here:
        return "it is not a public action of this theme."
    return "" if book.approved("action", item) else "both sides have not approved these words."
