"""Representative quotes: comments nearest a theme's centre, redacted, never safeguarding-flagged."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from analysis.themes.model import Quote

QUOTES_PER_THEME = 3
CANDIDATES = 40


def pick_quotes(members: np.ndarray, closeness: np.ndarray, keys: Sequence[int | str],
                consent: Sequence[bool], safe_text: Callable[[int], str | None],
                n: int = QUOTES_PER_THEME) -> list[Quote]:
    """Up to n quotes from the members closest to the centre, consented ones first.

    safe_text(i) returns the redacted text of comment i, or None when it must never be quoted
    (flagged for safeguarding, or empty).
    """
    nearest = members[np.argsort(-closeness)][:CANDIDATES]
    ordered = sorted(nearest, key=lambda i: not consent[i])  # stable: closeness order within each group
    quotes: list[Quote] = []
    seen: set[str] = set()
    for i in ordered:
        text = safe_text(int(i))
        if text and text.lower() not in seen:
            seen.add(text.lower())
            quotes.append(Quote(keys[i], text, bool(consent[i])))
        if len(quotes) == n:
            break
    return quotes
