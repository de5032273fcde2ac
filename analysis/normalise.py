"""Unicode clean-up, glossary folding, tokenising, stop words and stemming for feedback text."""

from __future__ import annotations

import re
import unicodedata

from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

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
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | SEND_STOP_WORDS

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u200b": "", "\ufeff": "",
})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z][a-z0-9_]*(?:'[a-z]+)?|\d+")
_STEMMER = SnowballStemmer("english")


def clean_text(text: str | None) -> str:
    """Return text with Unicode normalised (NFKC, straight quotes), controls removed, spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).translate(_TRANSLATE)
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def tokenise(text: str) -> list[str]:
    """Lower-cased word tokens of cleaned, glossary-folded text (apostrophes dropped: "don't" -> "dont")."""
    folded = fold_glossary(clean_text(text))
    return [t.replace("'", "") for t in _TOKEN.findall(folded)]


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Snowball stem of one lower-case word; glossary tokens (with underscores) are kept whole."""
    found = _STEMS.get(word)
    if found is None:
        found = word if "_" in word else _STEMMER.stem(word)
        if len(_STEMS) < 500_000:
            _STEMS[word] = found
    return found


def content_tokens(text: str) -> list[str]:
    """Stemmed tokens without stop words or numbers: the terms themes are built from."""
    return [stem(t) for t in tokenise(text) if t not in STOP_WORDS and len(t) > 1 and not t[0].isdigit()]
