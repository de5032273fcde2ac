"""Supervised assignment of new comments to reviewed themes."""

import pytest

from analysis.themes import Assigner
from tests.analysis.synthetic import comments


def test_assigns_new_comments_to_the_right_theme():
    texts, labels = comments(per_topic=25, seed=3)
    assigner = Assigner().fit(texts, labels)
    new, truth = comments(per_topic=10, seed=4)
    predicted = [a.theme_id for a in assigner.assign_many(new)]
    accuracy = sum(p == t for p, t in zip(predicted, truth, strict=True)) / len(truth)
    assert accuracy > 0.9


def test_confidence_and_review_queue():
    texts, labels = comments(per_topic=25, seed=3)
    assigner = Assigner(review_below=0.6).fit(texts, labels)
    sure = assigner.assign("The taxi transport was late again")
    assert sure.theme_id == "transport" and 0.6 <= sure.confidence <= 1
    unsure = assigner.assign("Parking outside the town hall")
    assert unsure.confidence < sure.confidence
    assert unsure.needs_review


def test_single_reviewed_theme():
    assigner = Assigner().fit(["Transport was late", "The taxi never came"], ["t1", "t1"])
    assert assigner.assign("the taxi was late").theme_id == "t1"


def test_misuse_is_reported():
    with pytest.raises(ValueError):
        Assigner().fit(["a"], [])
    with pytest.raises(ValueError):
        Assigner().assign("text")
