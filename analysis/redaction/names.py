"""Find person names: after cues ("my son jack", "Mrs Smith", "i am chidi", "Efua's mum"), from name lists of
many origins, from capitalised words rare in English, or known.

The finder is built from parts that can be switched off one at a time to measure each (bench/bench_redaction.py):
``lexicon`` (given names and surnames of many origins, analysis.redaction.lexicon), ``context`` (self
introductions, possessives before family words, "Name:") and ``rarity`` (a capitalised word rare as an English
word, in a person's place: not after "in", "at" or "from", not before another capitalised word such as "Centre").
The small curated lists, titles and cue words ("my son X") are always on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from analysis.redaction.lexicon import given_names, surnames, zipf
from analysis.redaction.structured import Found
from analysis.redaction.tokens import Token, tokens
from analysis.redaction.wordlists import ambiguous_names, common_words, first_names, service_words

NAME_PARTS = frozenset({"lexicon", "context", "rarity"})
# A listed name at least this common as an English word ("Grace", "Will", "Bristol") needs context to count.
COMMON_ZIPF = 3.6
# A capitalised word rarer than this in English ("Hodan", "Kowalczyk") is a name when in a person's place.
RARE_ZIPF = 2.6
# Before a place, not a person: "in Keighley", "from Dewsbury".
PLACE_BEFORE = frozenset("in at near from around outside into towards via to of".split())
# "i am X", "i'm X", "my name is X", "called X": X is the writer or someone they name.
SELF_INTRODUCTIONS = frozenset("i'm im am named called is".split())
# "Efua's mum", "Grace's teacher": a possessive before these words is a person's.
PERSON_OF = frozenset(
    """
    mum mummy mam mom mother dad daddy father nan nana nanny gran granny grandma grandad grandpa brother
    sister son daughter sibling siblings twin auntie aunt uncle cousin family carer carers friend friends
    teacher teachers class key keyworker worker social ta senco ehcp plan review diagnosis needs school
    room bedroom behaviour speech therapist appointment appointments place placement birthday medication
    """.split()
)

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
    """A word that is never a name alone: stop, sentiment and service words, single letters."""
    return token.lower in common_words() or len(token.lower) < 2


def _listed(token: Token) -> bool:
    return token.lower in first_names() or token.lower in ambiguous_names()


def _in_lexicon(word: str, parts: frozenset[str]) -> bool:
    return "lexicon" in parts and (word in given_names() or word in surnames())


def _name_after_cue(token: Token, parts: frozenset[str] = NAME_PARTS) -> bool:
    if token.capitalised:
        return not _is_common(token) or _listed(token) \
            or (_in_lexicon(token.lower, parts) and token.lower not in service_words())
    if token.lower in NEVER_BARE or token.lower in common_words():
        return False
    return _listed(token) or (_in_lexicon(token.lower, parts) and zipf(token.lower) < COMMON_ZIPF)


def _piece_is_name(piece: str, parts: frozenset[str], hyphenated: bool) -> bool:
    if len(piece) < 2 or piece in common_words() or piece in NEVER_BARE:
        return False
    if _in_lexicon(piece, parts) and (hyphenated or zipf(piece) < COMMON_ZIPF):
        return True
    return "rarity" in parts and zipf(piece) < RARE_ZIPF


# Rare words shaped like medicine, conditions and therapies ("Aripiprazole", "Tendonitis", "Podiatry").
TERM_ENDINGS = (
    "itis", "ology", "iatry", "gram", "graphy", "azole", "amine", "idone", "scopy", "ectomy", "osis", "aemia",
    "emia", "otomy", "therapy", "ates", "ine", "ium", "ics", "ists", "ism",
)


def _odd_capitals(text: str, token: Token) -> bool:
    """More capitals than a name has ("HCAs", "ImedIate"); "McDonagh", "Asante-Mensah" are fine."""
    word = text[token.start:token.end]
    allowed = 1 + word.count("-") + word.count("'") + (word[:2] == "Mc") + (word[:3] == "Mac")
    return sum(map(str.isupper, word)) > allowed


_DISTINCT: dict[tuple, bool] = {}


def _distinct_name(token: Token, parts: frozenset[str], text: str = "") -> bool:
    """A capitalised word that reads as a name by itself: listed and not a common English word, or rare in
    English; a hyphenated word when every part does ("Asante-Mensah", "Smith-Jones"). Remembered per word."""
    key = (text[token.start:token.end], token.lower, token.capitalised, token.all_caps, parts)
    found = _DISTINCT.get(key)
    if found is None:
        found = _read_as_name(token, parts, text)
        if len(_DISTINCT) < 200_000:
            _DISTINCT[key] = found
    return found


def _read_as_name(token: Token, parts: frozenset[str], text: str) -> bool:
    if not token.capitalised or token.all_caps or "'" in token.lower or _odd_capitals(text, token):
        return False
    if _only_rare(token, parts) and token.lower.endswith(TERM_ENDINGS):
        return False
    pieces = [piece for piece in token.lower.split("-") if piece]
    return bool(pieces) and all(_piece_is_name(piece, parts, len(pieces) > 1) for piece in pieces)


def _only_rare(token: Token, parts: frozenset[str]) -> bool:
    """True when the word is taken for a name only because it is rare (not because a list names it)."""
    return not any(_in_lexicon(piece, parts) for piece in token.lower.split("-") if piece)


def _possessive(token: Token, text: str) -> bool:
    return text[token.end:token.end + 1] in ("'", "\u2019")


def _in_a_person_place(toks: list[Token], i: int, text: str, parts: frozenset[str]) -> bool:
    """Whether a name-like capitalised word stands where a person would: not a place ("in Keighley"), not the
    first word of a service or place name ("Bingham Health Centre"), not after a determiner."""
    tok = toks[i]
    previous = toks[i - 1] if i > 0 and not tok.starts_sentence else None
    if previous is not None and (previous.lower in PLACE_BEFORE or previous.lower in DETERMINERS):
        return False
    following = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].gap_before.strip() in ("", "-") else None
    if following is not None and following.capitalised and not following.starts_sentence \
            and (_is_common(following) or zipf(following.lower) >= COMMON_ZIPF) \
            and not _in_lexicon(following.lower, parts):
        return False
    if tok.starts_sentence and _only_rare(tok, parts):
        # A rare word opening a sentence needs more: a person's verb, a possessive or another name after "and"
        # ("Hodan has", "Efua's", "Eilidh and Callum").
        joined = following is not None and following.lower == "and" and i + 2 < len(toks) \
            and toks[i + 2].capitalised
        return _possessive(tok, text) or joined or (following is not None and following.lower in PERSON_VERBS)
    return True


def _opens_with_person(toks: list[Token], i: int) -> bool:
    """A listed given name opening a sentence, then a person's verb: "Grace was excluded"."""
    tok = toks[i]
    return tok.starts_sentence and tok.capitalised and tok.lower not in NEVER_BARE \
        and (tok.lower in first_names() or tok.lower in ambiguous_names()) \
        and i + 1 < len(toks) and toks[i + 1].lower in PERSON_VERBS


def _by_context(toks: list[Token], i: int, text: str, parts: frozenset[str]) -> bool:
    """Context that says a person: "i am chidi", "my name is X", "Grace's mum"."""
    if "context" not in parts:
        return False
    tok = toks[i]
    previous = toks[i - 1].lower if i > 0 else ""
    if previous in SELF_INTRODUCTIONS and "." not in tok.gap_before:
        before = toks[i - 2].lower if i > 1 else ""
        introduced = previous in ("i'm", "im", "named", "called") or (previous == "am" and before == "i") \
            or (previous == "is" and before == "name")
        if introduced:
            if tok.capitalised:
                return not _is_common(tok) or _listed(tok) or _in_lexicon(tok.lower, parts)
            return _lower_case_name(tok, parts)
    if tok.capitalised and _possessive(tok, text) and i + 1 < len(toks) and toks[i + 1].lower in PERSON_OF:
        return not _is_common(tok) and (_listed(tok) or _in_lexicon(tok.lower, parts) or zipf(tok.lower) < RARE_ZIPF)
    return False


def _lower_case_name(token: Token, parts: frozenset[str]) -> bool:
    """A lower-case word after "i am": a name when listed, or rare and not shaped like an adjective."""
    word = token.lower
    if word in common_words() or word in NEVER_BARE or len(word) < 3:
        return False
    if _listed(token) or (_in_lexicon(word, parts) and zipf(word) < COMMON_ZIPF):
        return True
    return "rarity" in parts and zipf(word) < 2.3 and not word.endswith(("ed", "ing", "ful", "less", "ous", "ive"))


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
    return token.capitalised and not _is_common(token) and not token.starts_sentence and not token.all_caps


def _is_cue(toks: list[Token], i: int, text: str) -> bool:
    """Whether the word before toks[i] is a title, a cue word ("son", "teacher") or a cue phrase ("spoke to")."""
    if i == 0:
        return False
    previous = toks[i - 1]
    if previous.lower in TITLES or (previous.lower in CUES and "." not in toks[i].gap_before
                                    and not _possessive(previous, text)):
        return True
    if previous.lower not in _CUE_PHRASE_ENDS:
        return False
    return bool(_CUE_PHRASES.search(text[max(0, toks[i].start - 20):toks[i].start]))


def _extend(toks: list[Token], i: int, text: str = "") -> int:
    """Index of the last token of the name starting at i (a first name may take a surname)."""
    last = i
    while last + 1 < len(toks) and last - i < 2 and _surname(toks[last + 1]) \
            and toks[last + 1].gap_before.strip() in ("", "-") and not _possessive(toks[last], text):
        last += 1
    return last


@lru_cache(maxsize=1)
def name_triggers() -> frozenset[str]:
    cue_words = {"spoke", "speak", "speaking", "talked", "talking", "spoken", "thank", "thanks", "grateful"}
    return first_names() | ambiguous_names() | TITLES | CUES | cue_words


# A capital letter inside a sentence ("... and Roger was"), a hyphenated capitalised name ("Smith-Jones"), or a
# capitalised word opening a sentence before a person's verb ("Grace was"): the name rules may apply.
MID_SENTENCE_CAPITAL = re.compile(
    r"[a-z,;)]\s+[A-Z][a-z]|[A-Z][a-z]+-[A-Z]|(?:^|[.!?]\s+)[A-Z][a-z]+ (?:"
    + "|".join(sorted(PERSON_VERBS)) + r")\b"
)


@lru_cache(maxsize=1)
def _before_lower_case_names() -> frozenset[str]:
    """Words after which a lower-case word may be a name ("my son jack", "i am chidi", "spoke to sam")."""
    return TITLES | CUES | SELF_INTRODUCTIONS | _CUE_PHRASE_ENDS


def _is_name(toks: list[Token], i: int, text: str, parts: frozenset[str]) -> bool:
    tok = toks[i]
    if not tok.capitalised and tok.lower not in first_names() \
            and (i == 0 or toks[i - 1].lower not in _before_lower_case_names()):
        return False  # fast path: most words are lower-case words in no name list, after no cue
    if i > 0 and toks[i - 1].lower in TITLES and tok.lower not in common_words():
        return True
    if (_is_cue(toks, i, text) and _name_after_cue(tok, parts)) or _name_alone(tok) or _unlisted_name(toks, i) \
            or _opens_with_person(toks, i):
        return True
    if _by_context(toks, i, text, parts):
        return True
    return _distinct_name(tok, parts, text) and _in_a_person_place(toks, i, text, parts)


def find_names(text: str, toks: list[Token] | None = None, words: set[str] | None = None,
               parts: frozenset[str] = NAME_PARTS) -> Iterator[Found]:
    """Yield (start, end, "name") for each person name spotted by cue, list, context or rarity."""
    toks = tokens(text) if toks is None else toks
    listed, cues = first_names(), _before_lower_case_names()
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.capitalised and tok.lower not in listed and (i == 0 or toks[i - 1].lower not in cues):
            i += 1  # _is_name's fast path, without the call: most words are lower case, unlisted, after no cue
        elif _is_name(toks, i, text, parts):
            last = _extend(toks, i, text)
            yield tok.start, toks[last].end, "name"
            i = last + 1
            # "Michelle and Priti": a capitalised word joined to a name is a name too.
            while i + 1 < len(toks) and toks[i].lower in ("and", "&") and _surname(toks[i + 1]):
                last = _extend(toks, i + 1, text)
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
