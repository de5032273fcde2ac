"""Sentiment labels and emotion families."""

from analysis.sentiment import EMOTIONS, score_emotions, score_sentiment


def test_polarity_labels():
    assert score_sentiment("The staff were wonderful, thank you").label == "positive"
    assert score_sentiment("Awful, we were ignored and let down").label == "negative"
    assert score_sentiment("").label == "neutral"


def test_every_emotion_family_is_reported():
    assert set(score_sentiment("ok").emotions) == set(EMOTIONS)
    for family in ("sadness", "hopelessness", "anger", "fear", "relief", "gratitude"):
        assert family in EMOTIONS


def test_emotion_cues_including_phrases():
    scores = score_emotions("I am at the end of my tether, so angry and worried. Thank you though.")
    assert scores["hopelessness"] > 0
    assert scores["anger"] > 0
    assert scores["fear"] > 0
    assert scores["gratitude"] > 0
    assert scores["relief"] == 0


def test_negated_cue_does_not_count():
    assert score_emotions("I was not angry")["anger"] == 0
    assert score_emotions("I was angry")["anger"] == 0.5


def test_idioms_pull_vader_towards_the_feeling():
    assert score_sentiment("At breaking point, nobody cares").compound < 0
