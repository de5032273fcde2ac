"""Word lists shipped in analysis/data, loaded once: first names, common words, school descriptors."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _read_words(name: str) -> frozenset[str]:
    text = resources.files("analysis").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.lower().split())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names (lower case)."""
    return _read_words("first_names.txt")


@lru_cache(maxsize=1)
def ambiguous_names() -> frozenset[str]:
    """First names that are also ordinary words ("will", "may", "grace")."""
    return _read_words("ambiguous_names.txt")


@lru_cache(maxsize=1)
def vader_words() -> frozenset[str]:
    """Words in the VADER sentiment lexicon: evaluative words are never names in feedback."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return frozenset(w for w in SentimentIntensityAnalyzer().lexicon if w.isalpha())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words that are not names when capitalised: stop words, sentiment words, service vocabulary."""
    return _read_words("function_words.txt") | vader_words() | _read_words("common_words.txt")


@lru_cache(maxsize=1)
def service_words() -> frozenset[str]:
    """Function words and the service vocabulary alone (no sentiment words): never a name after a cue."""
    return _read_words("function_words.txt") | _read_words("common_words.txt")


@lru_cache(maxsize=1)
def school_descriptors() -> frozenset[str]:
    """Words that describe a kind of school rather than name one."""
    return _read_words("school_descriptors.txt") | _read_words("function_words.txt")
