"""SEND glossary: fold the many spellings of one service term into a single token."""

from __future__ import annotations

import re

from analysis.dispatch import dispatching_pattern

# Each canonical token is one word so that TF-IDF treats "EHC plan" and "EHCP" as the same term.
# Patterns run on lower-cased text, except _ACRONYM_ONLY, which need capitals to avoid common words.
_VARIANTS: dict[str, list[str]] = {
    "ehcp": [
        r"education,? health,? (?:and|&) care (?:plan|plans)",
        r"e\.?h\.?c\.? ?plans?", r"ehcps?", r"ehc'?s",
    ],
    "ehc_assessment": [
        r"education,? health,? (?:and|&) care needs assessments?",
        r"ehc(?:p)? needs assessments?", r"ehcnas?", r"statutory assessments?",
    ],
    "senco": [r"sen\.?co'?s?", r"sendco'?s?", r"special educational needs co-?ordinators?"],
    "camhs": [r"c\.?a\.?m\.?h\.?s'?", r"child(?:ren'?s)? and adolescent mental health services?"],
    "salt": [r"speech (?:and|&) language (?:therapy|therapists?|team|service)", r"s\.?a\.?l\.?t\.?"],
    "occupational_therapy": [r"occupational therap(?:y|ist|ists)"],
    "educational_psychologist": [r"educational psychologists?", r"ed psych"],
    "annual_review": [r"annual reviews?", r"yearly reviews?"],
    "sendiass": [r"send ?iass", r"sendias", r"iass"],
    "sen_support": [r"sen support"],
    "phase_transfer": [r"phase transfers?", r"phase transitions?"],
}

_ACRONYM_ONLY: dict[str, list[str]] = {
    "salt": [r"SLT", r"SaLT"],
    "occupational_therapy": [r"OT", r"OTs"],
    "educational_psychologist": [r"EPs?"],
}


def _compile(variants: dict[str, list[str]], flags: int) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation with a named group per canonical token, so folding is a single pass."""
    groups, tokens = [], {}
    for i, (token, patterns) in enumerate(variants.items()):
        tokens[f"g{i}"] = token
        groups.append(f"(?P<g{i}>" + "|".join(patterns) + ")")
    return re.compile(r"\b(?:" + "|".join(groups) + r")(?![\w-])", flags), tokens


_ANY_CASE, _ANY_CASE_TOKENS = _compile(_VARIANTS, 0)
_CAPS, _CAPS_TOKENS = _compile(_ACRONYM_ONLY, 0)
CANONICAL_TERMS = frozenset(_VARIANTS) | frozenset(_ACRONYM_ONLY)


# Most comments hold no glossary term: a capture-free pattern dispatched on first letters finds
# that out cheaply before the substitution runs.
_ANY_CASE_PRESENT = dispatching_pattern([p for ps in _VARIANTS.values() for p in ps], r"\b")
_CAPS_PRESENT = dispatching_pattern([p for ps in _ACRONYM_ONLY.values() for p in ps], r"\b")


def fold_glossary(text: str) -> str:
    """Lower-case text and replace SEND glossary variants by one token each ("EHC plan" -> "ehcp")."""
    if _CAPS_PRESENT.search(text):
        text = _CAPS.sub(lambda m: _CAPS_TOKENS[m.lastgroup or ""], text)
    text = text.lower()
    if _ANY_CASE_PRESENT.search(text):
        text = _ANY_CASE.sub(lambda m: _ANY_CASE_TOKENS[m.lastgroup or ""], text)
    return text

# How canonical tokens read in theme labels.
DISPLAY = {
    "ehcp": "EHC plan", "ehc_assessment": "EHC needs assessment", "senco": "SENCO", "camhs": "CAMHS",
    "salt": "speech and language therapy", "occupational_therapy": "occupational therapy",
    "educational_psychologist": "educational psychologist", "annual_review": "annual review",
    "sendiass": "SENDIASS", "sen_support": "SEN support", "phase_transfer": "phase transfer",
}
