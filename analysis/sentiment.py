"""Sentiment (VADER, lexicon shipped in vaderSentiment) and emotion families per comment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from analysis.clean import clean_text
from analysis.vader import FastSentimentIntensityAnalyzer

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05
EMOTIONS = ("sadness", "hopelessness", "anger", "frustration", "fear", "relief", "gratitude")
NEGATIVE_EMOTIONS = ("sadness", "hopelessness", "anger", "frustration", "fear")
POSITIVE_EMOTIONS = ("relief", "gratitude")
# Idioms VADER does not know ("at the end of my tether") move its score by this much per intensity.
EMOTION_WEIGHT = 0.6
# "not"/"never" one or two words before a cue cancels it ("not angry", "never felt safe").
_NEGATORS = frozenset("not never no isnt wasnt dont didnt doesnt arent werent without hardly".split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

_INTENSITY = [round(1 - 0.5**n, 3) for n in range(11)]
# A cue is a tuple of words; a word ending in "*" matches any word with that prefix.
Cue = tuple[str, ...]


@dataclass(frozen=True)
class SentimentResult:
    """Polarity label, compound score in [-1, 1] (VADER nudged by emotion cues), emotions in [0, 1]."""

    label: str
    compound: float
    emotions: dict[str, float] = field(default_factory=dict)


def _words(text: str) -> list[str]:
    return [w.replace("'", "") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=1)
def _emotion_cues() -> dict[str, list[tuple[str, Cue]]]:
    """Cues indexed by their first word, or by their first word's prefix for wildcard cues."""
    index: dict[str, list[tuple[str, Cue]]] = {}
    text = resources.files("analysis").joinpath("data/emotions.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            emotion, pattern = line.split("\t", 1)
            cue = tuple(_words(pattern.replace("*", "xstarx")))
            cue = tuple(w.replace("xstarx", "*") for w in cue)
            index.setdefault(cue[0].rstrip("*"), []).append((emotion, cue))
    return index


def _word_matches(word: str, cue_word: str) -> bool:
    return word.startswith(cue_word[:-1]) if cue_word.endswith("*") else word == cue_word


def _cue_at(words: list[str], i: int, cue: Cue) -> bool:
    if i + len(cue) > len(words):
        return False
    return all(_word_matches(words[i + j], c) for j, c in enumerate(cue))


@lru_cache(maxsize=100_000)
def _candidates(word: str) -> tuple[tuple[str, Cue], ...]:
    index = _emotion_cues()
    found = list(index.get(word, ()))
    for cut in range(3, len(word)):
        for emotion, cue in index.get(word[:cut], ()):
            if cue[0].endswith("*"):
                found.append((emotion, cue))
    return tuple(found)


@lru_cache(maxsize=1)
def _analyzer() -> FastSentimentIntensityAnalyzer:
    return FastSentimentIntensityAnalyzer()


def score_emotions(text: str) -> dict[str, float]:
    """Intensity per emotion family: 0 when absent, 0.5 for one cue, rising towards 1 with more cues."""
    return _score_emotions(clean_text(text))


def _score_emotions(cleaned: str) -> dict[str, float]:
    words = _words(cleaned)
    hits = dict.fromkeys(EMOTIONS, 0)
    for i, word in enumerate(words):
        cues = _candidates(word)
        if not cues or _NEGATORS.intersection(words[max(0, i - 2):i]):
            continue
        for emotion, cue in cues:
            if _cue_at(words, i, cue):
                hits[emotion] += 1
    return {e: _INTENSITY[min(n, 10)] for e, n in hits.items()}


def polarity_label(compound: float) -> str:
    """Map a VADER compound score to "negative", "neutral" or "positive" (VADER's usual cut-offs)."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def score_sentiment(text: str) -> SentimentResult:
    """Sentiment label, compound score and emotion intensities of one comment."""
    cleaned = clean_text(text)
    if not cleaned:
        return SentimentResult("neutral", 0.0, dict.fromkeys(EMOTIONS, 0.0))
    emotions = _score_emotions(cleaned)
    compound = _analyzer().polarity_scores(cleaned)["compound"] + EMOTION_WEIGHT * (
        sum(emotions[e] for e in POSITIVE_EMOTIONS) - sum(emotions[e] for e in NEGATIVE_EMOTIONS)
    )
    compound = max(-1.0, min(1.0, compound))
    return SentimentResult(polarity_label(compound), round(compound, 4), emotions)
