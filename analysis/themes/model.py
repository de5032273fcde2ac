"""Plain data for themes: what a run returns and what the app stores and passes back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SHORT_ANSWER_KIND = "short_answer"


@dataclass
class Quote:
    """A representative comment, redacted; publishable only with the respondent's consent."""

    comment: int | str
    text: str
    consent: bool = False

    @property
    def publishable(self) -> bool:
        """Quotes are only ever built from redacted, unflagged text; consent decides publication."""
        return self.consent


@dataclass
class Theme:
    """A theme: stable id, readable label, key terms, size, quotes, and the content that identifies it.

    term_weights (stemmed term -> weight) and radius are what a later run matches against, so the app
    stores them as JSON. reviewed themes keep their label and are never dissolved by a re-run.
    from_codebook: named after a codebook theme whose phrases seeded it (not a phrase the comments used).
    """

    id: str
    label: str
    key_terms: list[str] = field(default_factory=list)
    size: int = 0
    quotes: list[Quote] = field(default_factory=list)
    term_weights: dict[str, float] = field(default_factory=dict)
    sentiment: float = 0.0
    radius: float = 0.3
    kind: str = "topic"
    reviewed: bool = False
    examples: list[str] = field(default_factory=list)
    is_new: bool = True
    from_codebook: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (quotes as dicts)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Theme:
        """Rebuild a theme stored with to_dict (unknown keys are ignored)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["quotes"] = [q if isinstance(q, Quote) else Quote(**q) for q in known.get("quotes", [])]
        return cls(**known)


@dataclass
class Decisions:
    """The co-production lead's decisions, stored by the app and honoured by every run.

    pinned: comment key -> theme id (a comment moved by hand; also how a split is expressed).
    merged: old theme id -> theme id it was merged into. rejected: theme ids never to propose again.
    Renames and reviews travel on the Theme objects themselves (label, reviewed, examples).
    """

    pinned: dict[int | str, str] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)


@dataclass
class Assignment:
    """Which theme a comment belongs to (None: unthemed), how confident, and whether a human should look."""

    theme_id: str | None
    confidence: float
    needs_review: bool = False
    pinned: bool = False


@dataclass
class ThemeRun:
    """Result of discover_themes: the themes and one assignment per input comment, in order."""

    themes: list[Theme]
    assignments: list[Assignment]

    def theme(self, theme_id: str | None) -> Theme | None:
        """The theme with this id, or None."""
        return next((t for t in self.themes if t.id == theme_id), None)
