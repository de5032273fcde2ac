"""The fast VADER gives exactly the original's scores."""

import random

from vaderSentiment.vaderSentiment import SPECIAL_CASES, SentimentIntensityAnalyzer

from analysis.vader import FastSentimentIntensityAnalyzer
from tests.analysis.synthetic import comments

TRICKY = [
    "", "I'm not happy 😀 at all", "never so good", "without doubt great", "kind of bad", "NOT GOOD at ALL",
    "not bad but not good!!!", "😡😡", "no no good", "the least good", "at least good", "very kind of them",
    "it sort of was nice", "he is the shit", "Isn't it great??", "good :) but :( sad", "hardly helpful",
]


def test_same_scores_as_vader():
    rng = random.Random(0)
    texts = TRICKY + comments(per_topic=20)[0]
    idioms = sorted(SPECIAL_CASES)
    texts += [f"{a} {rng.choice(idioms)} {b}" for a, b in zip(texts, reversed(texts), strict=True)]
    original, fast = SentimentIntensityAnalyzer(), FastSentimentIntensityAnalyzer()
    assert [fast.polarity_scores(t) for t in texts] == [original.polarity_scores(t) for t in texts]
