"""Redact personal data from feedback: names, emails, phones, postcodes, NHS numbers, dates, schools, addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.redaction import tokens
from analysis.redaction.addresses import find_addresses
from analysis.redaction.lexicon import common_english
from analysis.redaction.names import (
    COMMON_ZIPF,
    MID_SENTENCE_CAPITAL,
    NAME_PARTS,
    find_known,
    find_names,
    name_triggers,
)
from analysis.redaction.schools import SCHOOL_ENDINGS, SCHOOL_NOUNS, find_known_schools, find_schools
from analysis.redaction.structured import Found, find_structured

REPLACEMENTS = {
    "name": "[name]", "email": "[email]", "phone": "[phone]", "postcode": "[postcode]",
    "nhs_number": "[NHS number]", "date": "[date]", "school": "[school]", "address": "[address]",
}
_DIGIT = re.compile(r"\d")
# Every part of the redactor that can be switched off to measure it (bench/bench_redaction.py).
PARTS = NAME_PARTS | {"address"}
# When spans overlap, the longer wins; at equal length, the earlier kind here wins.
_PRIORITY = ("email", "phone", "nhs_number", "postcode", "address", "date", "school", "name")


@dataclass(frozen=True)
class Span:
    """Where an identifier was found in the original text, what kind it is and what replaced it."""

    start: int
    end: int
    kind: str
    replacement: str


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text and the spans (in the original text) that were replaced."""

    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        """The kinds of identifier found."""
        return {span.kind for span in self.spans}


@lru_cache(maxsize=1)
def _word_triggers() -> frozenset[str]:
    return name_triggers() | SCHOOL_NOUNS | SCHOOL_ENDINGS


def _resolve(found: Iterable[Found]) -> list[Found]:
    """Drop spans that overlap a longer (or higher-priority) span; return the rest in text order."""
    ranked = sorted(set(found), key=lambda f: (-(f[1] - f[0]), _PRIORITY.index(f[2]), f[0]))
    kept: list[Found] = []
    for start, end, kind in ranked:
        if end > start and all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, kind))
    return sorted(kept)


def _needs_words(text: str, words: set[str]) -> bool:
    """Whether the word-level finders need to look: a cue or name word, a capital mid-sentence, or any word
    that is not common English (a rare name opening the comment)."""
    # cheapest first: the set tests take a microsecond or two, the pattern several
    if not words.isdisjoint(_word_triggers()) or not words <= common_english(COMMON_ZIPF):
        return True
    return MID_SENTENCE_CAPITAL.search(text) is not None


def redact(text: str, known_names: Iterable[str] = (), known_schools: Iterable[str] = (), *,
           parts: frozenset[str] = PARTS) -> RedactionResult:
    """Replace personal data in text by tokens such as "[name]"; names and schools the database knows
    (staff, respondents, local schools) are always caught, others by pattern, list, context and rarity.
    ``parts`` switches finders off one at a time for the benchmark; leave it as it is otherwise."""
    text = text or ""
    words = tokens.words(text)
    toks = tokens.tokens(text) if _needs_words(text, words) else []
    found = [*find_structured(text), *find_schools(text, toks, words), *find_names(text, toks, words, parts)]
    if "address" in parts and _DIGIT.search(text):
        found += find_addresses(text)
    found += [*find_known(text, known_names, "name"), *find_known_schools(text, known_schools)]
    pieces, spans, cursor = [], [], 0
    for start, end, kind in _resolve(found):
        pieces += [text[cursor:start], REPLACEMENTS[kind]]
        spans.append(Span(start, end, kind, REPLACEMENTS[kind]))
        cursor = end
    pieces.append(text[cursor:])
    return RedactionResult("".join(pieces), spans)
