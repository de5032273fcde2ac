"""Stable theme identity: match themes across runs by content, and give new ones stable ids."""

from __future__ import annotations

import hashlib
import math

import numpy as np
from scipy.optimize import linear_sum_assignment

MATCH_AT = 0.5


def profile_similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two term profiles (independent of any one run's vocabulary)."""
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def match_profiles(new: list[dict[str, float]], old: list[dict[str, float]],
                   threshold: float = MATCH_AT) -> dict[int, int]:
    """One-to-one matches new index -> old index with similarity at least threshold (best total first)."""
    if not new or not old:
        return {}
    sims = np.array([[profile_similarity(n, o) for o in old] for n in new])
    rows, cols = linear_sum_assignment(-sims)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if sims[r, c] >= threshold}


def new_theme_id(term_weights: dict[str, float], taken: set[str]) -> str:
    """A deterministic id from the theme's top terms, unique among taken ids."""
    seed = "|".join(list(term_weights)[:5]) or "empty"
    base = "t-" + hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()[:8]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
