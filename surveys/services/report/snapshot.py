"""Building a publication's snapshot: the tracker as it would be published now, in the shared contract's shape.

Only approved words go in (``sign_off``), only what the gate admits comes out (``publication_gate.admit``). How
many people raised a theme is counted once per person (a survey response is one person, any other comment one more)
and goes through the one suppression rule. Audiences and localities come from the theme's comments. The easy-read
twin and its reading-age warnings come from ``easy_read``; "changes" are worked out against the previous live
snapshot. Nothing here writes: ``publishing`` saves what this builds.
"""

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import case, distinct, func, select

from surveys.models import AUDIENCES, Comment, CommentTheme, Theme, db
from surveys.services.platform.suppression import suppress_breakdown
from surveys.services.report import easy_read, entries, publication_diff, publication_gate, sign_off

NOT_KNOWN_AUDIENCE = "not_known"
NOT_KNOWN_LOCALITY = "Not known"


@dataclass
class Built:
    """A snapshot, what staff may want to reword in its easy read, and what was held back and why."""

    snapshot: dict
    warnings: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)


def build_snapshot(version: int, previous: dict | None) -> Built:
    """The snapshot of version ``version`` with what is approved and admitted now; ``published_at`` left null."""
    book, known = sign_off.approval_book(), publication_gate.known_words()
    held_back: list[str] = []
    ranked = []
    for theme in publication_gate.publishable_themes():
        words = entries.theme_content(theme, publication_gate.safe_quotes(theme, known))
        if not book.approved("theme", words):
            held_back.append(f"Theme ‘{theme.label}’: waiting for approval.")
            continue
        total, entry = theme_entry(theme, words, _approved_actions(theme, book, held_back))
        ranked.append((-total, theme.label, entry))
    snapshot = {"version": version, "published_at": None, "area": current_app.config["LOCAL_AREA_NAME"],
                "themes": [entry for *_, entry in sorted(ranked, key=lambda item: item[:2])], "changes": []}
    admitted = publication_gate.admit(snapshot, book, known)
    return finish(admitted.snapshot, previous, held_back + admitted.held_back)


def finish(snapshot: dict, previous: dict | None, held_back: list[str]) -> Built:
    """A snapshot with its changes since ``previous``, and the reading-age warnings for its easy read."""
    snapshot = {**snapshot, "changes": publication_diff.changes(previous, snapshot)}
    return Built(snapshot, easy_read.reading_warnings(snapshot["themes"]), held_back)


def _approved_actions(theme: Theme, book: sign_off.ApprovalBook, held_back: list[str]) -> list[dict]:
    """The theme's public actions whose words both sides approved, as entries."""
    actions = publication_gate.publishable_actions(theme)
    latest = entries.latest_updates(actions)
    found = []
    for action in actions:
        words = entries.action_content(action, latest.get(action.id))
        if book.approved("action", words):
            found.append({**words, "easy_read": easy_read.action_twin(words)})
        else:
            held_back.append(f"Action ‘{action.title}’: waiting for approval.")
    return found


def theme_entry(theme: Theme, words: dict, actions: list[dict]) -> tuple[int, dict]:
    """How many people raised the theme, and its entry in the contract's shape (keys in the contract's order)."""
    counts = people_counts(theme)
    total, people = suppressed_people(counts)
    entry = {
        "id": words["id"], "title": words["title"], "summary": words["summary"],
        "easy_read": easy_read.theme_twin(words, theme.what_this_means), "people": people,
        "audiences": sorted({aud for aud, _ in counts if aud}, key=_audience_order),
        "localities": sorted({loc for _, loc in counts if loc}),
        "quotes": words["quotes"], "coproduced": True, "actions": actions,
    }
    return total, entry


def people_counts(theme: Theme) -> dict[tuple[str | None, str | None], int]:
    """People who raised a theme, by (audience, locality): flagged comments count too; they are never quoted."""
    person = case((Comment.response_id.is_not(None), -Comment.response_id), else_=Comment.id)
    query = (select(Comment.audience, Comment.locality, func.count(distinct(person)))
             .join(CommentTheme, CommentTheme.comment_id == Comment.id).where(CommentTheme.theme_id == theme.id)
             .group_by(Comment.audience, Comment.locality))
    return {(audience, locality): count for audience, locality, count in db.session.execute(query)}


def suppressed_people(counts: dict[tuple[str | None, str | None], int]) -> tuple[int, dict]:
    """The raw total (for ordering only) and the "people" of the contract: suppression texts, never small numbers."""
    by_audience: dict[str, int] = {}
    by_locality: dict[str, int] = {}
    for (audience, locality), count in counts.items():
        by_audience[audience or NOT_KNOWN_AUDIENCE] = by_audience.get(audience or NOT_KNOWN_AUDIENCE, 0) + count
        by_locality[locality or NOT_KNOWN_LOCALITY] = by_locality.get(locality or NOT_KNOWN_LOCALITY, 0) + count
    audiences = suppress_breakdown(dict(sorted(by_audience.items(), key=lambda item: _audience_order(item[0]))))
    localities = suppress_breakdown(dict(sorted(by_locality.items())))
    people = {"total": audiences.total.text,
              "by_audience": {label: cell.text for label, cell, _ in audiences.rows},
              "by_locality": {label: cell.text for label, cell, _ in localities.rows}}
    return audiences.total.count, people


def _audience_order(audience: str) -> tuple[int, str]:
    keys = list(AUDIENCES)
    return (keys.index(audience) if audience in keys else len(keys), audience)
