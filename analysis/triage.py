"""Safeguarding triage: flag text suggesting a child or adult may be at risk, for urgent human review.

Recall comes first: a missed disclosure is far worse than a false alarm. Only clearly benign uses
are let through ("safeguarding training was good", "I feel safe", "never felt unsafe"), and phrases judged
benign in their context ("this paperwork is killing me", a concern already dealt with): see analysis.triage_context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis.dispatch import dispatching_pattern
from analysis.triage_context import finish, model_view, prepare, spelt
from analysis.triage_readings import MARK
from analysis.triage_rules import PATTERNS

if TYPE_CHECKING:
    from analysis.triage_model import TriageModel


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
# Words that are as often everyday as harm ("nearly killed me", "dying of boredom", "the drill scared him",
# "hungry by break", "the motorway was busy"); not "police", which only a benign reading may explain (a job, a
# talk). When the only thing the rules found is such a word, the model reads the whole comment: below
# LONE_WORD_MIN_SCORE it is not sent to a person. Without a model, it is (recall first). A named category
# (suicide, sexual abuse, a child hurt by a person) is never second-guessed.
IDIOM_PRONE = re.compile(
    r"(?:die|died|dying|dead|death|kill\w*|scared|afraid|frightened|terrified|missing|secret\w*|locked|hungry|"
    r"starv\w*|danger\w*|jump\w*|wander\w*|drag(?:s|ged|ging)?|grab(?:s|bed|bing)?|hit(?:s|ting)?|knife|knives|"
    r"dual carriageway|main road|motorway|railway line|train tracks?|stranger\w*|alcohol|drunk|dread\w*)"
)
LONE_WORD_MIN_SCORE = 0.3
_POSSIBLE = dispatching_pattern(PATTERNS["possible risk"], r"\b")
MODEL_MIN_WORDS = 4  # a handful of words is too little for the model to judge
# "She feels safe with her keyworker": a plain statement of safety, with no negation anywhere, is not
# sent to the model (the phrase rules still see it).
_SAFE_STATEMENT = re.compile(r"\b(?:feels?|felt|feeling|is|was|are|were|kept|keeps?|stays?|stayed) (?:\w+ )?safe\b")
_NEGATION = re.compile(r"\b(?:not|never|no|nobody|nothing|isn't|wasn't|doesn't|don't|didn't|can't|won't)\b")


def _model_text(cleaned: str) -> str | None:
    """The prepared text the model should judge, or None when there is nothing for it to judge."""
    cleaned = model_view(cleaned)
    if len(cleaned.split()) < MODEL_MIN_WORDS:
        return None
    if _SAFE_STATEMENT.search(cleaned) and not _NEGATION.search(cleaned):
        return None
    return cleaned


def rule_triage(text: str) -> TriageResult:
    """The phrase rules alone: flag with the risk categories they name."""
    return _rules(prepare(text))


def _rules(cleaned: str) -> TriageResult:
    # Lower-cased text matched case-sensitively: several times faster than re.IGNORECASE. Text-speak is spelt
    # out and phrases benign in their context set aside first (analysis.triage_context.prepare).
    if not _DETECT.search(cleaned):
        return TriageResult(False)
    categories = [category for category, pattern in _CATEGORIES.items() if pattern.search(cleaned)]
    return TriageResult(True, ", ".join(categories), categories)


def _lone_idiom_word(cleaned: str, result: TriageResult) -> bool:
    """True when the rules found nothing but idiom-prone words ("killed", "dying", "scared")."""
    if result.categories != ["possible risk"]:
        return False
    return all(IDIOM_PRONE.fullmatch(m.group()) for m in _POSSIBLE.finditer(cleaned))


def triage_many(texts: Sequence[str]) -> list[TriageResult]:
    """Triage many texts: the rules, then the learned model for what the rules let through, and for a lone
    idiom-prone word the rules found. Benign readings (analysis.triage_readings) only ever clear a flag, so they
    are worked out only for the few texts flagged without them: most comments never pay for them."""
    from analysis.triage_model import shipped_model  # scikit-learn loads on first use, not at start-up

    model = shipped_model()
    base = [spelt(text) for text in texts]
    first = [finish(text, readings=False) for text in base]
    results = _judge(first, model)
    read = {i: finish(base[i]) for i, result in enumerate(results) if result.flagged}
    changed = [i for i, text in read.items() if text != first[i]]  # most flagged comments have no benign reading
    for i, result in zip(changed, _judge([read[i] for i in changed], model), strict=True):
        results[i] = result
    return results


def _judge(prepared: list[str], model: TriageModel | None) -> list[TriageResult]:
    """The rules on prepared texts, the model's second opinion on a lone idiom-prone word, and the model on the
    rest."""
    results = [_rules(cleaned) for cleaned in prepared]
    lone = [i for i, result in enumerate(results) if result.flagged and _lone_idiom_word(prepared[i], result)]
    if model is not None and lone:
        scores = model.scores([prepared[i].replace(MARK, " ") for i in lone])
        for i, score in zip(lone, scores, strict=True):
            if score < LONE_WORD_MIN_SCORE:
                results[i] = TriageResult(False)
    judged = {i: _model_text(prepared[i]) for i, result in enumerate(results) if not result.flagged and prepared[i]}
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
