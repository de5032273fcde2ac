"""Key terms for a theme, from what sets its comments apart (labels are in ``phrases``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from analysis.glossary import DISPLAY
from analysis.normalise import STOP_WORDS, stem, tokenise

PROFILE_TERMS = 30
KEY_TERMS = 8
SURFACE_SAMPLE = 150


def distinctive_terms(weighted: sparse.csr_matrix, members: np.ndarray, overall: np.ndarray,
                      terms: np.ndarray, top: int = PROFILE_TERMS) -> dict[str, float]:
    """Terms frequent in the members and rarer elsewhere, weighted in (0, 1], best first."""
    if len(members) == 0:
        return {}
    inside = np.asarray(weighted[members].mean(axis=0)).ravel()
    score = inside * np.log1p(inside / (overall + 1e-6))
    best = [i for i in np.argsort(-score)[:top] if score[i] > 0]
    if not best:
        return {}
    return {str(terms[i]): round(float(score[i] / score[best[0]]), 4) for i in best}


def surface_forms(texts: Sequence[str]) -> dict[str, str]:
    """Most common written form of each stem in texts ("wait" -> "waiting")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts[:SURFACE_SAMPLE]:
        for word in tokenise(text):
            if word not in STOP_WORDS:
                counts[stem(word)][word] += 1
    return {s: DISPLAY.get(c.most_common(1)[0][0], c.most_common(1)[0][0]) for s, c in counts.items()}


def readable(term: str, surface: dict[str, str]) -> str:
    """A stemmed term or bigram written as people wrote it."""
    return " ".join(surface.get(part, DISPLAY.get(part, part)) for part in term.split())


def key_phrases(term_weights: dict[str, float], surface: dict[str, str], top: int = KEY_TERMS) -> list[str]:
    """Readable key phrases, dropping a word already inside a chosen phrase."""
    chosen: list[str] = []
    for term in term_weights:
        if any(set(term.split()) <= set(c.split()) for c in chosen):
            continue
        chosen = [c for c in chosen if not set(c.split()) < set(term.split())] + [term]
        if len(chosen) == top:
            break
    return [readable(t, surface) for t in chosen]
