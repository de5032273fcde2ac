"""Read a comment the way a safeguarding lead would before the triage rules match: text-speak and misspellings
spelt out, and phrases that only look like risk in their context taken out.

- ``spell_out``: "wanna" -> "want to", "no1" -> "no one", "dont" -> "don't", and a misspelt word that is not
  English ("kil", "sucide", "dissapear") -> the risk word one letter away (wordfreq says which words are English).
- ``BENIGN`` / ``IDIOMS``: training and policies, "never felt unsafe", ordinary medical care (injections, blood
  tests, tube feeds), and idioms and hyperbole judged by who or what they happen to ("this paperwork is killing
  me", "I could murder a coffee", "the battery died", "dying to tell") -- never "he is killing me".
- ``analysis.triage_readings``: benign readings of risk words by what they happen to and how they are framed.
- ``drop_resolved``: a sentence about a concern that was reported and dealt with ("the case was closed") is set
  aside, unless it says the harm goes on ("again", "still").
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.clean import clean_text
from analysis.dispatch import dispatching_pattern
from analysis.triage_readings import MARK, set_aside

TEXT_SPEAK = {
    "wanna": "want to", "wana": "want to", "gonna": "going to", "gunna": "going to", "gotta": "got to",
    "cos": "because", "coz": "because", "cuz": "because", "bc": "because", "im": "i'm", "ive": "i've",
    "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't",
    "wasnt": "wasn't", "wouldnt": "wouldn't", "couldnt": "couldn't", "no1": "no one", "noone": "no one",
    "some1": "someone", "any1": "anyone", "every1": "everyone", "u": "you", "ur": "your", "r": "are",
    "y": "why", "wiv": "with", "wid": "with", "nite": "night", "2nite": "tonight", "2day": "today",
    "sed": "said", "sez": "says", "luv": "love", "pls": "please", "plz": "please", "tbh": "", "idk":
    "i don't know", "ffs": "", "lol": "", "omg": "", "mum's": "mum's", "dunno": "don't know", "gimme": "give me",
    "lemme": "let me", "ya": "you", "yr": "your", "bf": "boyfriend", "gf": "girlfriend", "kms": "kill myself",
    "unalive": "kill", "unalived": "killed", "unaliving": "killing", "od": "overdose",
    "od'd": "overdosed", "ded": "dead", "bcos": "because", "becos": "because", "hav": "have",
    "wen": "when", "wat": "what", "wot": "what", "dat": "that", "tho": "though",
    "evry1": "everyone", "evryone": "everyone", "wud": "would", "wld": "would", "jus": "just",
    "shud": "should", "cud": "could", "4eva": "for ever", "4ever": "for ever", "sumtimes": "sometimes",
}
# Words a misspelling is mapped back to, when it is one letter away and not an English word itself.
RISK_WORDS = """
kill killed killing kills myself himself herself themselves yourself suicide suicidal die died dying dead
death disappear disappeared hurt hurts hurting harm harming cut cutting cuts bleed bleeding blood overdose
tablets pills hit hits hitting punched punches kicked kicks slapped slaps touched touches touching
scared frightened terrified abuse abused abusing hate hates bothered anymore alive burden hopeless
worthless useless hanging hang strangled choked belt starving hungry alone nobody someone everyone
everything anything sleep wake living life point deserve disappear tired done cares gone because better
""".split()
_WORD = re.compile(r"[a-z0-9']+")
_SPOKEN = frozenset(TEXT_SPEAK)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=1)
def _nearby_risk_words() -> dict[str, str]:
    """Each risk word and every string one deletion from it, mapped to the risk word (symmetric deletion)."""
    index: dict[str, str] = {}
    for word in sorted(RISK_WORDS, key=len):
        for variant in (word, *_deletions(word)):
            index.setdefault(variant, word)
    return index


def _correct(word: str) -> str:
    """The risk word a misspelt word stands for, or the word itself."""
    if len(word) < 3 or word in _nearby_risk_words() and _nearby_risk_words()[word] == word:
        return word
    from analysis.redaction.lexicon import zipf

    if zipf(word) >= 2.5:
        return word  # an English word in its own right
    index = _nearby_risk_words()
    for variant in (word, *_deletions(word), *(word[:i] + word[i + 1] + word[i] + word[i + 2:]
                                                 for i in range(len(word) - 1))):
        if variant in index and abs(len(index[variant]) - len(word)) <= 1:
            return index[variant]
    return word


@lru_cache(maxsize=65536)
def _respell(word: str) -> str:
    if word in TEXT_SPEAK:
        return TEXT_SPEAK[word]
    if len(word) < 3 or not word.isalpha():
        return word
    return _correct(word)


def spell_out(text: str) -> str:
    """Lower-case clean text with text-speak written out and misspellings of risk words corrected."""
    from analysis.redaction.lexicon import common_english

    lowered = clean_text(text).lower()
    words = set(_WORD.findall(lowered))
    candidates = (words & _SPOKEN) | (words - common_english(2.5))  # set operations: most comments have none
    changes = {word: new for word in candidates if (new := _respell(word)) != word}
    if not changes:
        return lowered
    return _WORD.sub(lambda m: changes.get(m.group(), m.group()), lowered)


# Clearly benign uses, removed before matching: training, policies, named roles, "never felt unsafe",
# ordinary medical care, "hit and miss".
BENIGN_PHRASES = [
    r"safeguarding (?:training|policy|policies|lead|leads|team|officer|procedures?|course|update|level \d)",
    r"(?:no|without|never had any) (?:safeguarding )?(?:concerns?|issues?)\b(?! about)",
    r"(?:never|not|isn't|wasn't|don't|didn't|doesn't)(?: \w+){0,2} (?:unsafe|neglected)\b",
    r"(?:is|are|was|were) never (?:left )?(?:alone|on (?:his|her|their) own|unsupervised)\b",
    r"blood (?:tests?|pressure|sugars?|samples?|results?|forms?|counts?|taken)\b",
    r"(?:injections?|jabs?|vaccinations?|immunisations?)\b",
    r"(?:tube|peg|gastrostomy|button) ?(?:feeds?|feeding|fed)\b",
    r"fed (?:by|through|via) (?:a |his |her )?(?:tube|peg|gastrostomy|button)\b",
    r"hit and miss\b", r"dead end\b", r"die[- ]hard\b",
]
# One pattern dispatched on first letters (analysis.dispatch): it runs on every comment.
BENIGN = dispatching_pattern(BENIGN_PHRASES, r"\b")
# Things, not people: "the paperwork is killing me" is hyperbole, "he is killing me" is not.
_THING = (
    r"(?:this|that|it|the \w+|my (?:feet|back|head|legs|knees|neck|nerves)|(?:the |this )?(?:paperwork|wait|waiting|"
    r"forms?|process|stress|traffic|heat|noise|commute|school run|admin|system|waiting list|uncertainty))"
)
IDIOMS = re.compile(
    rf"\b{_THING} (?:is|are|was|were|has been|have been|'s|is really|is honestly) (?:\w+ )?killing (?:me|us)\b"
    r"|\b(?:could|would) (?:murder|kill) (?:a|an|for|some)\b|\bkill(?:ing)? (?:time|two birds)\b"
    r"|\bdying (?:to|for) (?:tell|see|go|know|get|try|meet|show|a |an |some)"
    r"|\b(?:nearly |almost |could have |could've )?died (?:laughing|of (?:embarrassment|shame|laughter))"
    r"|\bto die for\b|\bdead (?:set|tired|easy|proud|chuffed|good|funny|keen|excited|serious|on time|right)\b"
    r"|\b(?:battery|batteries|phone|boiler|car|laptop|tablet|ipad|computer|printer|engine|plant|plants|tv|"
    r"fridge|heating|washing machine) (?:has |had |just |finally )?(?:died|dead|dying)\b"
    r"|\bkiller (?:app|question|heels)\b|\bscared (?:of|stiff of) (?:spiders|dogs|needles|heights|"
    r"the dentist|injections|loud noises|hand dryers)\b|\bbored to death\b|\bworried sick\b",
)
_IDIOM_WORDS = re.compile(r"kill|murder|dy|die|dead|scared|bored|worried")  # a quick test before IDIOMS
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
RESOLVED = re.compile(
    r"\b(?:dealt with|resolved|sorted (?:out)?|case (?:was |has been )?closed|closed the case|no further action|"
    r"(?:was|were|has been|have been|got) (?:reported|referred) and|handled (?:well|properly|quickly)|"
    r"in the past|years ago|all fine now|fine now|much better now)\b"
)
ONGOING = re.compile(
    r"\b(?:again|still|now (?:he|she|they)|keeps?|anymore|any more|continu\w*|worse|but (?:now|then))\b"
)


def drop_resolved(text: str) -> str:
    """Set aside sentences about a concern that was dealt with, unless they say it goes on."""
    if not RESOLVED.search(text):
        return text
    return " ".join(s for s in _SENTENCE.split(text) if not RESOLVED.search(s) or ONGOING.search(s))


def prepare(text: str, readings: bool = True) -> str:
    """The text the triage rules judge: spelt out, with benign and resolved phrasing set aside (marked); without
    ``readings``, the benign readings of analysis.triage_readings are not applied (they cost more)."""
    return finish(spelt(text), readings)


def spelt(text: str) -> str:
    """The first steps of ``prepare``: spelt out, resolved concerns and clearly benign phrases set aside."""
    return BENIGN.sub(f" {MARK} ", drop_resolved(spell_out(text)))


def finish(kept: str, readings: bool = True) -> str:
    """The last steps of ``prepare`` on ``spelt`` text: benign readings (optionally), then idioms set aside."""
    kept = set_aside(kept) if readings else kept
    return IDIOMS.sub(f" {MARK} ", kept) if _IDIOM_WORDS.search(kept) else kept


# Clause boundaries: punctuation inside a sentence, dashes, and the words that join one clause to the next.
# Spaces are matched as " ", never as \s, which would also take the mark itself (an ASCII separator).
_CLAUSE = re.compile(
    r" *[.!?;,:]+ +| *[,;:] *| +(?:-+|\u2013|\u2014) +"
    r"| +(?=(?:but|and then|then|because|cos|coz|so|when|whenever|while|although|though|except|until|unless|"
    r"after|before)\b)"
)


def model_view(prepared: str) -> str:
    """What the learned model reads: the prepared text without the clauses a benign reading was taken from, whose
    leftover words ("he ... in pe and then he's exhausted") would read like risk out of context. Only that clause
    is skipped: another clause of the same sentence ("..., but my uncle makes me keep secrets") is still read."""
    if MARK not in prepared:
        return prepared
    return " ".join(c for c in _CLAUSE.split(prepared) if c and MARK not in c)
