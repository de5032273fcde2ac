"""Theme labels as phrases people actually wrote: n-grams of the comments' own words, never stems.

Candidates are runs of 1 to 4 words inside one clause (never across punctuation), not starting or ending
with a stop word. Each is scored by how many of the theme's comments use it (coverage) times how much more
often they use it than the corpus does (a class-based TF-IDF), with a bonus for phrases of two or more words
so that "Home to school transport" beats "transport". A label must occur in at least two of the theme's
comments; labels already given to other themes (or sharing their head words) are passed over.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from analysis.glossary import DISPLAY
from analysis.normalise import STOP_WORDS
from analysis.themes.features import opinion_stems

MAX_WORDS = 4
MIN_COMMENTS = 2
MEMBER_SAMPLE = 300
BACKGROUND_SAMPLE = 2_000
OPINION_WEIGHT = 0.35
LENGTH_BONUS = 0.35
WORD_FLOOR = 0.1
SHARED_WORD_PENALTY = 0.5
# A phrase of several words is chosen over the best single word when it scores at least this share of it.
MULTI_WORD_SHARE = 0.05
# Stop words a label may open with: they carry the meaning ("Not listened to", "No communication").
OPENERS = frozenset({"not", "no", "never", "more", "less", "lack"})
# Stop words a label may end with after a verb ("Not being listened to").
CLOSERS = frozenset({"to"})
FALLBACK_LABEL = "Other comments"
# Stop words a label may hold inside it: prepositions, "and", determiners after a preposition, negation.
# Any other (is, has, been, would, ...) makes a clause, not a noun phrase ("Club has been brilliant").
PREPOSITIONS = frozenset("to for of and in on with at from about into after before between by without or".split())
DETERMINERS = frozenset("the a an my our their his her your".split())
INNER = PREPOSITIONS | DETERMINERS | frozenset({"being", "not", "no", "more", "less", "enough"})

_PIECE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019&-]*|[^\sA-Za-z0-9]+")
_WORDISH = re.compile(r"[A-Za-z0-9]")
_SPACE = re.compile(r"\s+")
# Words too vague to open or close a label although no stop list has them.
VAGUE = frozenset("""
    x xx like make made want wanted need needed feel felt know knew think thought say said told ask asked
    going went come came took take given give seen see look looked tried try used use just really very
    """.split())


def normalise_phrase(text: str) -> str:
    """Lower case, curly apostrophes straightened, whitespace runs as one space: how labels are compared."""
    return _SPACE.sub(" ", text.replace("\u2019", "'").lower()).strip()


def occurs_in(phrase: str, text: str) -> bool:
    """Whether phrase occurs word for word in text (case and whitespace aside), at word boundaries."""
    pattern = r"(?<![A-Za-z0-9'])" + re.escape(normalise_phrase(phrase)) + r"(?![A-Za-z0-9])"
    return re.search(pattern, normalise_phrase(text)) is not None


def _runs(text: str) -> Iterable[list[str]]:
    """Runs of words with only whitespace between them (punctuation ends a run)."""
    run: list[str] = []
    for piece in _PIECE.findall(text.replace("\u2019", "'")):
        if _WORDISH.match(piece) and not piece.endswith(("-", "&", "'")):
            run.append(piece)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _is_stop(lower: str) -> bool:
    """A stop word, contractions included ("couldn't" as the stop list's "couldnt")."""
    return lower in STOP_WORDS or ("'" in lower and lower.replace("'", "") in STOP_WORDS)


def _edge_ok(lower: str, first: bool) -> bool:
    """Whether a lower-case word may open (first) or close a label."""
    if lower in VAGUE or lower.isdigit() or len(lower) < 2:
        return False
    if _is_stop(lower):
        return lower in (OPENERS if first else CLOSERS)
    return True


def _may_close(lower: list[str], end: int) -> bool:
    """The word before end may close a label: a content word, or "to" after a past participle ("listened to")."""
    last = lower[end - 1]
    if last in CLOSERS:
        before = lower[end - 2] if end >= 2 else ""
        return before.endswith(("ed", "en")) and not _is_stop(before)
    return _edge_ok(last, first=False)


def _may_be_inside(lower: list[str], i: int) -> bool:
    """Word i may stand inside a label: no verb-like stop word ("Club has been brilliant" is a clause), and a
    determiner only after a preposition ("Waiting for the plan", not "CAMHS the support")."""
    word = lower[i]
    if _is_stop(word) and word not in INNER:
        return False
    return word not in DETERMINERS or lower[i - 1] in PREPOSITIONS


def _run_candidates(run: list[str], found: dict[str, str]) -> None:
    lower = [w.lower() for w in run]
    opens = [_edge_ok(w, first=True) for w in lower]
    closes = [_may_close(lower, end) for end in range(1, len(run) + 1)]
    for start in range(len(run)):
        if not opens[start]:
            continue
        for end in range(start + 1, min(len(run), start + MAX_WORDS) + 1):
            if end - start > 2 and not _may_be_inside(lower, end - 2):
                break  # the word now inside makes every longer phrase from here a clause too
            if closes[end - 1] and not (end == start + 1 and lower[start] in OPENERS):
                written = " ".join(run[start:end])
                found.setdefault(" ".join(lower[start:end]), written)


def candidates(text: str) -> dict[str, str]:
    """Every candidate phrase in one text: normalised form -> form as written."""
    found: dict[str, str] = {}
    for run in _runs(text):
        _run_candidates(run, found)
    return found


class PhraseCounts:
    """Document frequencies of candidate phrases in a sample of texts, with their commonest written form."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.n = max(1, len(texts))
        self.df: Counter[str] = Counter()
        self.written: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            found = candidates(text)
            self.df.update(found.keys())
            for key, form in found.items():
                self.written[key][form] += 1

    def form(self, key: str) -> str:
        """The commonest written form, first letter capitalised (acronyms and glossary forms kept)."""
        forms = self.written[key].most_common()
        written = max(forms, key=lambda pair: (all(_plain_case(w) for w in pair[0].split()), pair[1]))[0]
        written = " ".join(w if _plain_case(w) else w.lower() for w in written.split())
        written = " ".join(_display(w) for w in written.split())
        return written[:1].upper() + written[1:]


def _plain_case(word: str) -> bool:
    """lower, UPPER or Title case: not "vIsIt" or "servIce"."""
    return word.islower() or word.isupper() or word.istitle() or not word.isalpha()


def _display(word: str) -> str:
    """A lower-case word in its usual capitals ("camhs" -> "CAMHS"); only capitals ever change."""
    shown = DISPLAY.get(word, word) if word.islower() else word
    return shown if shown.lower() == word.lower() else word


def _sample(items: Sequence[str], size: int, seed: int) -> list[str]:
    if len(items) <= size:
        return list(items)
    picks = np.random.default_rng(seed).choice(len(items), size, replace=False)
    return [items[i] for i in sorted(picks)]


def _content_words(key: str) -> set[str]:
    return {w for w in key.split() if not _is_stop(w)}


def _is_opinion(key: str, opinion: frozenset[str]) -> bool:
    from analysis.normalise import stem

    return all(stem(w.replace("'", "")) in opinion for w in _content_words(key))


def _distinctiveness(df: int, members: PhraseCounts, background: PhraseCounts, key: str) -> float:
    """Class-based TF-IDF of a phrase: its share of the theme's comments times the log of how much more
    often the theme uses it than the corpus does."""
    coverage = df / members.n
    rate = (background.df.get(key, 0) + 1) / (background.n + 1)
    return coverage * math.log1p(coverage / rate)


def score_phrases(members: PhraseCounts, background: PhraseCounts) -> list[tuple[float, str]]:
    """(score, normalised phrase) for phrases in at least two members, best first.

    A phrase scores its own distinctiveness times how distinctive its content words are for the theme
    (so a phrase made of the theme's key words beats a phrase that is merely repeated).
    """
    opinion = opinion_stems()
    words = {key: _distinctiveness(df, members, background, key) for key, df in members.df.items() if " " not in key}
    top = max(words.values(), default=0.0) or 1.0
    scored = []
    for key, df in members.df.items():
        if df < MIN_COMMENTS:
            continue
        content = [w for w in key.split() if not _is_stop(w)] or key.split()
        key_words = sum(words.get(w, 0.0) for w in content) / len(content) / top
        score = _distinctiveness(df, members, background, key) * (WORD_FLOOR + key_words)
        score *= 1 + LENGTH_BONUS * (min(len(key.split()), 3) - 1)
        if _is_opinion(key, opinion):
            score *= OPINION_WEIGHT
        scored.append((score, key))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return scored


def pick_label(scored: list[tuple[float, str]], members: PhraseCounts, taken: list[str]) -> str | None:
    """The best phrase not already a label, preferring one that shares no head words with other labels."""
    taken_words = set().union(*(_content_words(t) for t in taken)) if taken else set()
    best: dict[bool, tuple[float, str | None]] = {True: (-1.0, None), False: (-1.0, None)}
    for score, key in scored[:300]:
        if key in taken:
            continue
        if _content_words(key) & taken_words:
            score *= SHARED_WORD_PENALTY
        several = " " in key
        if score > best[several][0]:
            best[several] = (score, key)
    (multi_score, multi), (single_score, single) = best[True], best[False]
    chosen = multi if multi and multi_score >= MULTI_WORD_SHARE * single_score else single or multi
    return members.form(chosen) if chosen else None


def label_groups(groups: Sequence[Sequence[str]], corpus: Sequence[str], taken: Sequence[str] = (),
                 seed: int = 0) -> list[str]:
    """One distinct phrase label per group of texts (largest group chooses first).

    taken are labels other themes already have; a group with no phrase in two of its comments is
    called "Other comments".
    """
    background = PhraseCounts(_sample(corpus, BACKGROUND_SAMPLE, seed))
    used = [normalise_phrase(t) for t in taken]
    labels: list[str] = [FALLBACK_LABEL] * len(groups)
    for g in sorted(range(len(groups)), key=lambda i: -len(groups[i])):
        members = PhraseCounts(_sample(groups[g], MEMBER_SAMPLE, seed))
        label = pick_label(score_phrases(members, background), members, used)
        if label:
            labels[g] = label
            used.append(normalise_phrase(label))
    return labels


def supported(label: str, texts: Iterable[str], at_least: int = MIN_COMMENTS) -> bool:
    """Whether label occurs word for word in at least at_least of texts (the label rule's check)."""
    found = 0
    for text in texts:
        found += occurs_in(label, text)
        if found >= at_least:
            return True
    return False
