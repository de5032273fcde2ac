"""Themes in the database: run the theme engine, keep ids stable, and never undo a person's decision.

The engine (``analysis.themes``) works on plain data. Here each stored theme is turned into the
engine's form (its ``signature`` holds the engine's id and term weights), the co-production lead's
decisions (comments moved by hand, merges, rejections) are passed in, and the run's results are
written back: existing themes keep their ids and, once reviewed, their labels; new themes arrive as
"proposed"; comments placed by hand are never moved by the model. Only redacted text is clustered.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select

from analysis.themes import Decisions, discover_themes
from analysis.themes import Theme as EngineTheme
from analysis.themes.codebook import CodebookEntry
from surveys.models import Action, Comment, CommentTheme, ForumView, Theme, ThemeDecision, action_theme, db, utcnow
from surveys.services.understand.theme_assignment import queue_retrain


@dataclass(frozen=True)
class ThemeSummary:
    """One line of the summary table printed after a run."""

    id: int
    label: str
    status: str
    size: int
    key_terms: list[str]
    new: bool


def engine_id(theme: Theme) -> str:
    """The engine's id for a stored theme: kept in its signature, or made from the database id."""
    return (theme.signature or {}).get("id") or f"db{theme.id}"


EXAMPLES_PER_THEME = 300


def to_engine(theme: Theme) -> EngineTheme:
    """A stored theme in the engine's form, with the person's label and review status winning.

    Reviewed themes (and themes with no engine profile yet) are located by the comments now in them,
    so what people moved, merged or split shapes where the theme sits.
    """
    data = dict(theme.signature or {})
    data.update(id=engine_id(theme), label=theme.label, key_terms=list(theme.key_terms or []),
                reviewed=theme.status == "reviewed")
    if theme.status == "reviewed" or not data.get("term_weights"):
        data["examples"] = member_texts(theme, EXAMPLES_PER_THEME)
    return EngineTheme.from_dict(data)


def member_texts(theme: Theme, limit: int) -> list[str]:
    """Redacted texts of comments in a theme, those placed by people first."""
    query = (select(Comment.redacted_text).join(CommentTheme, CommentTheme.comment_id == Comment.id)
             .where(CommentTheme.theme_id == theme.id, Comment.safeguarding_flag.is_(False))
             .order_by((CommentTheme.source == "manual").desc(), CommentTheme.confidence.desc()).limit(limit))
    return [text for text in db.session.scalars(query) if text]


def stored_decisions(themes: list[Theme]) -> Decisions:
    """The decisions people made, as the engine takes them."""
    by_id = {theme.id: theme for theme in themes}
    manual = db.session.execute(
        select(CommentTheme.comment_id, CommentTheme.theme_id).where(CommentTheme.source == "manual")
    ).all()
    return Decisions(
        pinned={comment_id: engine_id(by_id[theme_id]) for comment_id, theme_id in manual if theme_id in by_id},
        merged={engine_id(t): engine_id(by_id[t.merged_into_id]) for t in themes
                if t.status == "merged" and t.merged_into_id in by_id},
        rejected={engine_id(t) for t in themes if t.status == "rejected"},
    )


def run_themes(k: int | None = None, progress: Callable[[str], None] | None = None,
               codebook: Sequence[CodebookEntry] = (), regroup: bool = False) -> list[ThemeSummary]:
    """Theme every analysed comment; returns a summary of the themes that have comments.

    codebook seeds the engine with expected themes. regroup (a re-run asked for with a number of themes)
    clusters the comments of unreviewed themes again; proposed themes left with no comments, that nobody
    has decided anything about, are then removed.
    """
    say = progress or (lambda _message: None)
    comments = db.session.execute(
        select(Comment.id, Comment.redacted_text, Comment.consent_quote, Comment.safeguarding_flag)
        .where(Comment.analysed_at.is_not(None)).order_by(Comment.id)
    ).all()
    stored = list(db.session.scalars(select(Theme).order_by(Theme.id)))
    say(f"{len(comments)} comments, {len(stored)} themes already known")
    run = discover_themes(
        [row.redacted_text for row in comments], k=k,
        existing_themes=[to_engine(t) for t in stored if t.status in ("proposed", "reviewed")],
        decisions=stored_decisions(stored), consent=[row.consent_quote for row in comments],
        keys=[row.id for row in comments], flagged=[row.safeguarding_flag for row in comments], progress=say,
        codebook=codebook, regroup=regroup,
    )
    say("saving")
    rows = _save_themes(run.themes, stored)
    _save_assignments([row.id for row in comments], run.assignments, rows)
    db.session.flush()
    if regroup:
        _drop_untouched_empty_proposals()
    sizes: dict[str, int] = {}
    for assignment in run.assignments:
        if assignment.theme_id:
            sizes[assignment.theme_id] = sizes.get(assignment.theme_id, 0) + 1
    return [ThemeSummary(rows[t.id].id, rows[t.id].label, rows[t.id].status, sizes.get(t.id, 0),
                         list(rows[t.id].key_terms or []), t.is_new)
            for t in run.themes if t.id in rows and sizes.get(t.id)]


def _save_themes(found: list[EngineTheme], stored: list[Theme]) -> dict[str, Theme]:
    """Update known themes and add new ones as proposed; returns rows by engine id."""
    rows = {engine_id(theme): theme for theme in stored}
    for theme in found:
        row = rows.get(theme.id)
        if row is None:
            row = Theme(label=theme.label or "Unnamed theme", status="proposed")
            db.session.add(row)
            rows[theme.id] = row
        elif row.status not in ("proposed", "reviewed"):
            continue
        if row.status != "reviewed" and theme.label:
            row.label = theme.label[:200]  # a person's label is never replaced
        if theme.key_terms:
            row.key_terms = list(theme.key_terms)
        signature = theme.to_dict()
        signature["quotes"] = [q for q in signature.get("quotes", []) if q.get("consent")]
        row.signature = signature
    db.session.flush()
    return rows


def _save_assignments(comment_ids: list[int], assignments, rows: dict[str, Theme]) -> None:
    """Replace the model's assignments; assignments people made stay as they are.

    A comment that stays in the same theme keeps its ``assigned_at``, so a placement a person confirmed by reviewing
    the theme stays confirmed (the theme assigner learns from those, see ``theme_assignment``).
    """
    manual = set(db.session.scalars(select(CommentTheme.comment_id).where(CommentTheme.source == "manual")))
    since = {(link.comment_id, link.theme_id): link.assigned_at for link in db.session.execute(
        select(CommentTheme.comment_id, CommentTheme.theme_id, CommentTheme.assigned_at)
        .where(CommentTheme.source == "model"))}
    db.session.execute(delete(CommentTheme).where(CommentTheme.source == "model"))
    now = utcnow()
    new = []
    for comment_id, assignment in zip(comment_ids, assignments, strict=True):
        row = rows.get(assignment.theme_id) if assignment.theme_id else None
        if row is None or comment_id in manual or row.status not in ("proposed", "reviewed"):
            continue
        new.append({"comment_id": comment_id, "theme_id": row.id, "source": "model",
                    "confidence": float(assignment.confidence), "assigned_at": since.get((comment_id, row.id), now)})
    if new:
        db.session.execute(CommentTheme.__table__.insert(), new)
    queue_retrain()


def _drop_untouched_empty_proposals() -> None:
    """Remove proposed themes with no comments that no decision, action or forum view refers to."""
    referred = (select(ThemeDecision.theme_id).union(select(action_theme.c.theme_id), select(ForumView.theme_id),
                select(CommentTheme.theme_id),
                select(Action.impact_theme_id).where(Action.impact_theme_id.is_not(None))))
    db.session.execute(delete(Theme).where(Theme.status == "proposed", Theme.id.not_in(referred),
                                           Theme.merged_into_id.is_(None),
                                           ~Theme.id.in_(select(Theme.merged_into_id).where(
                                               Theme.merged_into_id.is_not(None)).scalar_subquery())))
