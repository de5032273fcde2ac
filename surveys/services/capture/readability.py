"""Readability of easy-read wording: plain functions, texts in, findings out.

Reading age is the Flesch-Kincaid grade from ``textstat`` plus 5 (a US school grade starts at
age 5 to 6 in English terms). Syllables come from the CMU pronouncing dictionary and Pyphen's
hyphenation patterns, both shipped inside their packages, so nothing is downloaded at run time.
Readability formulas are rough on very short lines; they are a prompt for a person to look
again, never a reason to refuse wording.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import textstat

EASY_READ_AGES = (7, 9)  # easy read should suit a reading age of 7 to 9
LONG_SENTENCE_WORDS = 15
GRADE_TO_AGE = 5
YOUNGEST_AGE = 5
OLDEST_AGE = 18  # formulas stop meaning much for adult text; "18 or over" says enough
HARD_WORD_SYLLABLES = 3
SHORT_LINE_WORDS = 8  # below this, the formulas judge a line by its syllables alone, which misleads

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Finding:
    """One sentence that may be hard for an easy-read audience, and where it is."""

    where: str
    text: str
    reading_age: int
    words: int
    hard_words: tuple[str, ...] = field(default=())

    @property
    def too_hard(self) -> bool:
        """True when the sentence needs a reading age above the easy-read range."""
        return self.reading_age > EASY_READ_AGES[1]

    @property
    def too_long(self) -> bool:
        """True when the sentence has more words than easy read allows."""
        return self.words > LONG_SENTENCE_WORDS

    @property
    def messages(self) -> list[str]:
        """What to tell staff about this sentence, in plain words."""
        low, high = EASY_READ_AGES
        messages = []
        if self.too_hard:
            age = f"{self.reading_age} or over" if self.reading_age >= OLDEST_AGE else str(self.reading_age)
            messages.append(
                f"This line needs a reading age of about {age}. Easy read should suit a reading age of {low} to {high}."
            )
        if self.too_long:
            messages.append(
                f"This sentence has {self.words} words. Easy-read sentences should have "
                f"{LONG_SENTENCE_WORDS} words or fewer."
            )
        if self.hard_words:
            messages.append("Words that may be hard: " + ", ".join(self.hard_words) + ".")
        return messages


def sentences(text: str) -> list[str]:
    """The sentences and separate lines of a text, blanks dropped."""
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]


def word_count(sentence: str) -> int:
    """Words in a sentence, ignoring punctuation and symbols."""
    return textstat.lexicon_count(sentence)


def reading_age(text: str) -> int:
    """The reading age a text needs, from 5 to 18 (18 means 18 or over).

    A short line of familiar words ("Another adult", "Female") is easy whatever its syllables, so
    it is never put above the easy-read range unless it has a long, uncommon word.
    """
    words = word_count(text)
    if words == 0:
        return YOUNGEST_AGE
    age = max(YOUNGEST_AGE, min(OLDEST_AGE, round(textstat.flesch_kincaid_grade(text)) + GRADE_TO_AGE))
    if words < SHORT_LINE_WORDS and not hard_words(text):
        return min(age, EASY_READ_AGES[1])
    return age


def hard_words(sentence: str) -> tuple[str, ...]:
    """Long, uncommon words in a sentence, in the order they appear."""
    found = textstat.difficult_words_list(sentence, HARD_WORD_SYLLABLES)
    order = {word: sentence.lower().find(word) for word in found}
    return tuple(sorted(found, key=order.get))


def check_sentence(where: str, sentence: str) -> Finding | None:
    """A finding for one sentence when it is too hard or too long for easy read, else None."""
    finding = Finding(where=where, text=sentence, reading_age=reading_age(sentence), words=word_count(sentence))
    if not (finding.too_hard or finding.too_long):
        return None
    return replace(finding, hard_words=hard_words(sentence))


def check_easy_read(texts: Iterable[tuple[str, str]]) -> list[Finding]:
    """Check ``(where, text)`` pairs sentence by sentence; the hardest and longest come first."""
    findings = []
    for where, text in texts:
        for sentence in sentences(text):
            finding = check_sentence(where, sentence)
            if finding is not None:
                findings.append(finding)
    return sorted(findings, key=lambda f: (f.reading_age, f.words), reverse=True)
