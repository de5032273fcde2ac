"""Word tokens with their positions, for the name and school finders."""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019\-]*")
_LOWER_WORD = re.compile(r"[a-z\u00c0-\u024f]+")
_SENTENCE_MARKS = frozenset('.!?:;"(')


class Token(NamedTuple):
    """A word: its span (possessive "'s" left outside), lower-case form, and layout facts."""

    start: int
    end: int
    lower: str
    capitalised: bool
    starts_sentence: bool
    gap_before: str
    all_caps: bool


def _strip_possessive(word: str) -> str:
    if "'" not in word and "\u2019" not in word:
        return word
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


def words(text: str) -> set[str]:
    """The set of lower-case words in text: a cheap test of whether a finder needs to look closer."""
    return set(_LOWER_WORD.findall(text.lower()))


def tokens(text: str) -> list[Token]:
    """Word tokens of text, in order."""
    out: list[Token] = []
    previous_end = 0
    for m in _WORD.finditer(text):
        start = m.start()
        word = _strip_possessive(m.group().rstrip("-"))
        gap = text[previous_end:start]
        tail = gap.rstrip(" \t")
        starts = not out or "\n" in gap or (tail[-1:] in _SENTENCE_MARKS if tail else False)
        out.append(Token(start, start + len(word), word.lower().replace("\u2019", "'"),
                         word[0].isupper(), starts, gap, len(word) > 1 and word.isupper()))
        previous_end = m.end()
    return out
