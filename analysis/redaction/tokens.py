"""Word tokens with their positions, for the name and school finders."""

from __future__ import annotations

import re
from typing import NamedTuple

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


_LETTER = "A-Za-z\u00c0-\u024f"
# A word and the text between it and the previous word: successive matches follow each other exactly, since the
# gap takes every character up to the next letter and a word ends before the first character it cannot contain.
_GAP_AND_WORD = re.compile(f"([^{_LETTER}]*)([{_LETTER}][{_LETTER}'\u2019\\-]*)")
_new_token = tuple.__new__
# Per distinct word: its length once "-" and a possessive are cut, lower-case form, capitalised, all capitals.
_WORD_FACTS: dict[str, tuple[int, str, bool, bool]] = {}


def _word_facts(word: str) -> tuple[int, str, bool, bool]:
    facts = _WORD_FACTS.get(word)
    if facts is None:
        cut = _strip_possessive(word.rstrip("-"))
        facts = (len(cut), cut.lower().replace("\u2019", "'"), cut[0].isupper(), len(cut) > 1 and cut.isupper())
        if len(_WORD_FACTS) < 500_000:
            _WORD_FACTS[word] = facts
    return facts


def tokens(text: str) -> list[Token]:
    """Word tokens of text, in order."""
    out: list[Token] = []
    end = 0
    for gap, word in _GAP_AND_WORD.findall(text):
        start = end + len(gap)
        end = start + len(word)
        length, lower, capitalised, all_caps = _word_facts(word)
        if gap == " ":
            starts = not out
        else:
            tail = gap.rstrip(" \t")
            starts = not out or "\n" in gap or (tail[-1:] in _SENTENCE_MARKS if tail else False)
        out.append(_new_token(Token, (start, start + length, lower, capitalised, starts, gap, all_caps)))
    return out
