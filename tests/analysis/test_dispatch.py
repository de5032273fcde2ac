"""Dispatching an alternation on first letters matches exactly where the plain alternation does."""

import re

from analysis.dispatch import dispatching_pattern, first_chars
from analysis.triage import PATTERNS
from tests.analysis.synthetic import comments


def test_first_chars():
    assert first_chars("abc") == {"a"}
    assert first_chars("(?:x|yz)q") == {"x", "y"}
    assert first_chars("a?b") == {"a", "b"}
    assert first_chars(r"\w+") is None
    assert first_chars("a*") is None  # may match the empty string


def test_same_matches_as_the_plain_alternation():
    branches = [p for phrasings in PATTERNS.values() for p in phrasings] + [r"\w+ly good", "x?y"]
    plain = re.compile(r"\b(?:" + "|".join(branches) + ")")
    fast = dispatching_pattern(branches, r"\b")
    texts = [t.lower() for t in comments()[0]] + [
        "he is cutting himself", "she wants to die", "i can't cope anymore", "truly good", "y", "",
    ]
    for text in texts:
        assert bool(fast.search(text)) == bool(plain.search(text)), text
