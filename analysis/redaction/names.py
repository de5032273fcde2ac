"""Find person names: after cues ("my son jack", "Mrs Smith"), from a first-name list, or known."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from analysis.redaction.structured import Found
from analysis.redaction.tokens import Token, tokens
from analysis.redaction.wordlists import ambiguous_names, common_words, first_names

TITLES = frozenset("mr mrs ms miss mx dr prof professor sir dame".split())
# Words after which the next capitalised word, or a listed first name, is a person.
CUES = frozenset(
    """
    son daughter child kid boy girl grandson granddaughter grandchild nephew niece brother sister
    husband wife partner stepson stepdaughter twin twins baby toddler teenager friend mum mummy dad
    daddy mother father mom grandma grandad grandmother grandfather nan nana nanna granny grandpa
    teacher senco sendco ta assistant caseworker keyworker worker therapist officer coordinator
    co-ordinator paediatrician consultant nurse manager head headteacher headmaster headmistress
    principal called named name psychologist practitioner advisor adviser tutor mentor carer
    """.split()
)
_CUE_PHRASES = re.compile(
    r"(?:spoke|speak|speaking|talked|talking|spoken|thanks?|thank you|grateful)\s+(?:to\s+)?$", re.IGNORECASE
)
_CUE_PHRASE_ENDS = frozenset(
    "to you thanks thank grateful spoke speak speaking talked talking spoken".split()
)
# Never a name without a title or capital letter, whatever cue precedes: modal verbs and months.
NEVER_BARE = frozenset(
    """
    will may might can could should would must shall did does has had was is june april august
    mark grant rich frank drew rob sue chase win page bill ward pat ray reed wade hunter noble jan
    kit don dean christian sunny summer autumn winter hope joy faith
    """.split()
)


def _is_common(token: Token) -> bool:
    return token.lower in common_words() or len(token.lower) < 2


def _listed(token: Token) -> bool:
    return token.lower in first_names() or token.lower in ambiguous_names()


def _name_after_cue(token: Token) -> bool:
    if token.capitalised:
        return not _is_common(token) or _listed(token)
    return _listed(token) and token.lower not in NEVER_BARE


def _name_alone(token: Token) -> bool:
    name = token.lower
    if name not in first_names() or name in NEVER_BARE:
        return False
    if name in ambiguous_names():
        return token.capitalised and not token.starts_sentence
    return True


# An unlisted capitalised word is taken as a name when a person-like verb follows it ("Faye was").
PERSON_VERBS = frozenset(
    """
    was is has had hadn't hasn't did didn't does made makes helped helps listened listens explained
    explains said says told tells came comes visited visits phoned rang called calls emailed
    supported supports understood understands cared took takes gave gives went always never really
    """.split()
)


DETERMINERS = frozenset(
    "the a an this that these those our their your his her its my every each any some".split()
)


def _unlisted_name(toks: list[Token], i: int) -> bool:
    tok = toks[i]
    j = i - 1
    while j >= 0 and toks[j].capitalised and not toks[j].starts_sentence:
        j -= 1  # "the Independent Provider was": look past the capitalised run
    if j >= 0 and toks[j].lower in DETERMINERS:
        return False
    if not tok.capitalised or tok.starts_sentence or _is_common(tok) or len(tok.lower) < 3 \
            or i + 1 >= len(toks) or "'" in tok.lower or tok.all_caps:
        return False
    return toks[i + 1].lower in PERSON_VERBS and toks[i + 1].gap_before == " "


def _surname(token: Token) -> bool:
    return token.capitalised and not _is_common(token) and not token.starts_sentence


def _is_cue(toks: list[Token], i: int, text: str) -> bool:
    if i == 0:
        return False
    previous = toks[i - 1]
    if previous.lower in TITLES or (previous.lower in CUES and "." not in toks[i].gap_before):
        return True
    if previous.lower not in _CUE_PHRASE_ENDS:
        return False
    return bool(_CUE_PHRASES.search(text[max(0, toks[i].start - 20):toks[i].start]))


def _extend(toks: list[Token], i: int) -> int:
    """Index of the last token of the name starting at i (a first name may take a surname)."""
    last = i
    while last + 1 < len(toks) and last - i < 2 and _surname(toks[last + 1]) \
            and toks[last + 1].gap_before.strip() in ("", "-"):
        last += 1
    return last


@lru_cache(maxsize=1)
def name_triggers() -> frozenset[str]:
    cue_words = {"spoke", "speak", "speaking", "talked", "talking", "spoken", "thank", "thanks", "grateful"}
    return first_names() | ambiguous_names() | TITLES | CUES | cue_words


# A capital letter inside a sentence ("... and Roger was"): the unlisted-name rule may apply.
MID_SENTENCE_CAPITAL = re.compile(r"[a-z,;)]\s+[A-Z][a-z]")


def find_names(text: str, toks: list[Token] | None = None, words: set[str] | None = None) -> Iterator[Found]:
    """Yield (start, end, "name") for each person name spotted by cue, list or capitalised pair."""
    if words is not None and words.isdisjoint(name_triggers()) and not MID_SENTENCE_CAPITAL.search(text):
        return
    toks = tokens(text) if toks is None else toks
    i = 0
    while i < len(toks):
        tok = toks[i]
        after_title = i > 0 and toks[i - 1].lower in TITLES
        by_cue = _is_cue(toks, i, text) and _name_after_cue(tok)
        if (after_title and tok.lower not in common_words()) or by_cue or _name_alone(tok) \
                or _unlisted_name(toks, i):
            last = _extend(toks, i)
            yield tok.start, toks[last].end, "name"
            i = last + 1
            # "Michelle and Priti": a capitalised word joined to a name is a name too.
            while i + 1 < len(toks) and toks[i].lower in ("and", "&") and _surname(toks[i + 1]):
                last = _extend(toks, i + 1)
                yield toks[i + 1].start, toks[last].end, "name"
                i = last + 1
        else:
            i += 1


@lru_cache(maxsize=64)
def _known_pattern(names: tuple[str, ...], parts: bool) -> re.Pattern[str] | None:
    variants: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if len(name) < 2:
            continue
        variants.add(name)
        for part in re.findall(r"[\w'\-]+", name) if parts else ():
            if len(part) >= 3 and part.lower() not in TITLES and part.lower() not in common_words():
                variants.add(part)
    if not variants:
        return None
    longest_first = sorted(variants, key=len, reverse=True)
    alternatives = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in longest_first)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def find_known(text: str, names: Iterable[str], kind: str, parts: bool = True) -> Iterator[Found]:
    """Yield (start, end, kind) for each known name in text, whole or (with parts) any distinctive part."""
    pattern = _known_pattern(tuple(sorted(set(names))), parts)
    if pattern is not None:
        for m in pattern.finditer(text):
            yield m.start(), m.end(), kind
