"""Unicode clean-up, glossary folding, tokenising, stop words and stemming for feedback text."""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.clean import clean_text
from analysis.glossary import fold_glossary

# Words that are everywhere in SEND and public-service feedback and so name no theme.
SEND_STOP_WORDS = frozenset(
    """
    send sen child children childs son sons daughter daughters kid kids parent parents carer carers
    mum mums dad dads family families young person people really just also would could get got
    getting thing things lot lots bit way ve ll don didn doesn isn wasn aren weren won wouldn
    couldn shouldn im ive dont cant didnt doesnt isnt wasnt wont us x xx xxx xxxx eg ie etc ok okay
    name redacted
    """.split()
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and the SEND list (scikit-learn imported on first use, not at start-up)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | SEND_STOP_WORDS


def __getattr__(name: str) -> frozenset[str]:
    """``STOP_WORDS``, built when first asked for."""
    if name == "STOP_WORDS":
        return stop_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["clean_text", "content_tokens", "stem", "stop_words", "tokenise"]  # and STOP_WORDS, built on first use

_TOKEN = re.compile(r"[a-z][a-z0-9_]*(?:'[a-z]+)?|\d+")


def tokenise(text: str) -> list[str]:
    """Lower-cased word tokens of cleaned, glossary-folded text (apostrophes dropped: "don't" -> "dont")."""
    folded = fold_glossary(clean_text(text))
    return [t.replace("'", "") for t in _TOKEN.findall(folded)]


_STEMS: dict[str, str] = {}


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - nltk takes seconds to import, so only when first needed
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def stem(word: str) -> str:
    """Snowball stem of one lower-case word; glossary tokens (with underscores) are kept whole."""
    found = _STEMS.get(word)
    if found is None:
        found = word if "_" in word else _stemmer().stem(word)
        if len(_STEMS) < 500_000:
            _STEMS[word] = found
    return found


def content_tokens(text: str) -> list[str]:
    """Stemmed tokens without stop words or numbers: the terms themes are built from."""
    return [stem(t) for t in tokenise(text) if t not in stop_words() and len(t) > 1 and not t[0].isdigit()]
