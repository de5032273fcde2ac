"""Spot empty and "nothing to add" answers, which form their own group in any feedback survey."""

from __future__ import annotations

import re

# Words that make up answers such as "No, nothing really", "N/A", "Can't think of anything".
_NULL_WORDS = frozenset(
    """
    nothing no none nil na n/a nope not really at all anything cant can't cannot think of i that
    else comment comments to add say applicable thing absolutely sure idea this time present moment
    the currently can couldnt couldn't be improved improve a honestly just nah
    """.split()
)
_STRONG = frozenset("nothing none nil na n/a nope anything nah".split())
_CLAUSE = re.compile(r"[,.!;:\-\n()]+")
_WORD = re.compile(r"[a-z/']+")
_HAS_LETTER = re.compile(r"[a-z]")
MAX_WORDS = 12


def is_short_answer(text: str) -> bool:
    """True for empty answers and short ones that open with "nothing"/"no"/"n/a" and the like."""
    lowered = (text or "").lower().replace("\u2019", "'").strip()
    if not _HAS_LETTER.search(lowered):
        return True
    words = _WORD.findall(lowered)
    if len(words) > MAX_WORDS:
        return False
    first = _WORD.findall(_CLAUSE.split(lowered, maxsplit=1)[0])
    lead = []
    for word in first:
        if word not in _NULL_WORDS:
            break
        lead.append(word)
    if not lead:
        return False
    return len(lead) == len(first) or bool(_STRONG.intersection(lead))
