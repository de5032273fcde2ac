"""Safeguarding triage: flag text suggesting a child or adult may be at risk, for urgent human review.

Recall comes first: a missed disclosure is far worse than a false alarm. Only clearly benign uses
are let through ("safeguarding training was good", "I feel safe", "never felt unsafe").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.clean import clean_text
from analysis.dispatch import dispatching_pattern
from analysis.triage_rules import BENIGN, PATTERNS


@dataclass(frozen=True)
class TriageResult:
    """Whether a text needs urgent safeguarding review, and why (the categories matched)."""

    flagged: bool
    reason: str = ""
    categories: list[str] = field(default_factory=list)


# Detection runs on every comment, so it is one pattern without capture groups, dispatched on first
# letters; only a comment that matches is checked category by category (most serious first).
_DETECT = dispatching_pattern([p for phrasings in PATTERNS.values() for p in phrasings], r"\b")
_CATEGORIES = {category: dispatching_pattern(phrasings, r"\b") for category, phrasings in PATTERNS.items()}


MODEL_REASON = "possible risk (reads like a disclosure)"
MODEL_MIN_WORDS = 4  # a handful of words is too little for the model to judge
# "She feels safe with her keyworker": a plain statement of safety, with no negation anywhere, is not
# sent to the model (the phrase rules still see it).
_SAFE_STATEMENT = re.compile(r"\b(?:feels?|felt|feeling|is|was|are|were|kept|keeps?|stays?|stayed) (?:\w+ )?safe\b")
_NEGATION = re.compile(r"\b(?:not|never|no|nobody|nothing|isn't|wasn't|doesn't|don't|didn't|can't|won't)\b")


def _model_text(text: str) -> str | None:
    """The text the model should judge, or None when there is nothing for it to judge."""
    cleaned = BENIGN.sub(" ", clean_text(text).lower())
    if len(cleaned.split()) < MODEL_MIN_WORDS:
        return None
    if _SAFE_STATEMENT.search(cleaned) and not _NEGATION.search(cleaned):
        return None
    return cleaned


def rule_triage(text: str) -> TriageResult:
    """The phrase rules alone: flag with the risk categories they name."""
    # Lower-cased text matched case-sensitively: several times faster than re.IGNORECASE.
    cleaned = BENIGN.sub(" ", clean_text(text).lower())
    if not _DETECT.search(cleaned):
        return TriageResult(False)
    categories = [category for category, pattern in _CATEGORIES.items() if pattern.search(cleaned)]
    return TriageResult(True, ", ".join(categories), categories)


def triage_many(texts: Sequence[str]) -> list[TriageResult]:
    """Triage many texts: the rules, then the learned model for what the rules let through."""
    results = [rule_triage(text) for text in texts]
    from analysis.triage_model import shipped_model  # scikit-learn loads on first use, not at start-up

    model = shipped_model()
    judged = {i: _model_text(texts[i]) for i, result in enumerate(results) if not result.flagged and texts[i]}
    unflagged = [i for i, text in judged.items() if text]
    if model is not None and unflagged:
        scores = model.scores([judged[i] for i in unflagged])
        for i, score in zip(unflagged, scores, strict=True):
            if score >= model.threshold:
                results[i] = TriageResult(True, MODEL_REASON, ["possible risk"])
    return results


def triage(text: str) -> TriageResult:
    """Flag text for urgent safeguarding review; reason names the risk categories found."""
    return triage_many([text])[0]
