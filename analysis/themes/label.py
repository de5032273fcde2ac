"""Key terms and a short readable label for a theme, from what sets its comments apart."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from analysis.glossary import DISPLAY
from analysis.normalise import STOP_WORDS, stem, tokenise
from analysis.themes.features import opinion_stems

PROFILE_TERMS = 30
KEY_TERMS = 8
LABEL_PHRASES = 2
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


def _topic_and_opinion(term_weights: dict[str, float]) -> tuple[list[str], list[str]]:
    """Split a profile into topic terms (bigrams lose their evaluative word) and evaluative words."""
    opinion = opinion_stems()
    topics: list[str] = []
    feelings: list[str] = []
    for term in term_weights:
        parts = term.split()
        topic = " ".join(p for p in parts if p not in opinion)
        target, value = (topics, topic) if topic else (feelings, parts[0])
        if value not in target:
            target.append(value)
    return topics, feelings


def make_label(term_weights: dict[str, float], surface: dict[str, str]) -> str:
    """A short label: what people talk about, then how they describe it ("Staff: friendly, helpful")."""
    topics, feelings = _topic_and_opinion(term_weights)
    topics = [t for i, t in enumerate(topics) if not any(set(t.split()) & set(o.split()) for o in topics[:i])]
    if not topics and not feelings:
        return "Other comments"
    head = ", ".join(readable(t, surface) for t in topics[:LABEL_PHRASES])
    tail = ", ".join(readable(t, surface) for t in feelings[:LABEL_PHRASES])
    label = f"{head}: {tail}" if head and tail else head or tail
    return label[0].upper() + label[1:]
