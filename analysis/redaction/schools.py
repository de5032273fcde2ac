"""Find school names revealed by a pattern: distinctive words before "Primary School", "Academy"..."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from analysis.redaction.lexicon import zipf
from analysis.redaction.names import COMMON_ZIPF, find_known
from analysis.redaction.structured import Found
from analysis.redaction.tokens import Token, tokens
from analysis.redaction.wordlists import common_words, school_descriptors

SCHOOL_NOUNS = frozenset("school academy college nursery pru preschool pre-school infants juniors".split())
# Also a name on its own: "Oakfield Primary", "Kings High".
SCHOOL_ENDINGS = frozenset("primary high grammar".split())
# Words that may sit between a school's name and its noun: "Oakfield C of E Primary School".
SCHOOL_TYPES = frozenset(
    "primary secondary infant infants junior juniors high grammar middle upper lower nursery special "
    "community free c of e ce rc catholic church england methodist foundation voluntary aided".split()
)
SAINTS = frozenset("st st. saint sts".split())
CONNECTORS = frozenset("of and & de la le".split())
MAX_NAME_WORDS = 4


def _distinctive(token: Token) -> bool:
    word = token.lower
    if word in SAINTS:
        return True
    if word in SCHOOL_NOUNS:
        return False
    if word in school_descriptors() or len(word) < 3:
        return False
    return token.capitalised or (word not in common_words() and zipf(word) < COMMON_ZIPF)


def _name_start(toks: list[Token], end: int) -> int | None:
    """Index of the first word of the school name that ends just before toks[end], or None."""
    start = end
    while start > 0 and end - start < MAX_NAME_WORDS:
        previous = toks[start - 1]
        if previous.gap_before.strip() not in ("", ".") and start < end:
            break
        if _distinctive(previous) or (previous.lower in CONNECTORS and start - 2 >= 0
                                      and toks[start - 2].capitalised and start < end
                                      and toks[start].capitalised):
            start -= 1
        else:
            break
    while start < end and toks[start].lower in CONNECTORS:
        start += 1
    return start if start < end else None


def _suffix_end(toks: list[Token], i: int) -> int | None:
    """If a school noun or ending is at or after toks[i] (through descriptors), its index."""
    j = i
    while j < len(toks) and j - i < 6:
        word = toks[j].lower
        if word in SCHOOL_NOUNS:
            return j
        if word not in SCHOOL_TYPES:
            break
        j += 1
    if toks[i].lower in SCHOOL_ENDINGS and toks[i].capitalised:
        return i
    return None


def find_schools(text: str, toks: list[Token] | None = None,
                 words: set[str] | None = None) -> Iterator[Found]:
    """Yield (start, end, "school") for school names spotted by their pattern."""
    if words is not None and words.isdisjoint(SCHOOL_NOUNS | SCHOOL_ENDINGS):
        return
    toks = tokens(text) if toks is None else toks
    i = 0
    while i < len(toks):
        if toks[i].lower in SCHOOL_NOUNS or toks[i].lower in SCHOOL_TYPES:
            end = _suffix_end(toks, i)
            start = _name_start(toks, i) if end is not None else None
            if start is not None and end is not None:
                yield toks[start].start, toks[end].end, "school"
                i = end + 1
                continue
        i += 1


@lru_cache(maxsize=64)
def _short_forms(schools: tuple[str, ...]) -> tuple[str, ...]:
    """Known school names, and each without its generic ending ("Oakfield Primary School" -> "Oakfield")."""
    out = set()
    for school in schools:
        out.add(school)
        words = re.findall(r"[\w'\-.&]+", school)
        while words and (words[-1].lower() in SCHOOL_NOUNS or words[-1].lower() in school_descriptors()):
            words.pop()
        if words and any(len(w) >= 4 and w.lower() not in common_words() for w in words):
            out.add(" ".join(words))
    return tuple(sorted(out))


def find_known_schools(text: str, schools: Iterable[str]) -> Iterator[Found]:
    """Yield (start, end, "school") for known school names, whole or without the generic ending."""
    yield from find_known(text, _short_forms(tuple(sorted(set(schools)))), "school", parts=False)
