"""Theme labels are phrases the theme's own comments use, word for word, distinct from each other."""

import csv
import random
from pathlib import Path

import pytest

from analysis.themes import discover_themes
from analysis.themes.discover import SHORT_ANSWER_LABEL
from analysis.themes.phrases import candidates, label_groups, normalise_phrase, occurs_in, supported
from tests.analysis.synthetic import comments

NHS = Path(__file__).resolve().parents[3] / "shared" / "data" / "nhs_feedback_labelled.csv"


def assert_labels_are_phrases(run, texts):
    """Every label but the fixed "nothing to add" one occurs in two of its comments; all labels differ."""
    labels = [t.label for t in run.themes if t.size]
    assert len({normalise_phrase(label) for label in labels}) == len(labels), labels
    for theme in run.themes:
        if not theme.size or theme.label == SHORT_ANSWER_LABEL:
            continue
        members = [text for text, a in zip(texts, run.assignments, strict=True) if a.theme_id == theme.id]
        assert supported(theme.label, members), (theme.label, members[:5])


def demo_texts(size=600):
    from surveys.services.demo import text

    rng = random.Random(3)
    composer = text.Composer(rng)
    makers = [lambda t=t: composer.parent_negative(t, rng.randint(1, 5)) for t in text.PARENT_NEGATIVE]
    makers += [lambda t=t: composer.parent_positive(t) for t in text.PARENT_POSITIVE]
    makers += [lambda: composer.short(text.SHORT_NEUTRAL)]
    return [rng.choice(makers)().text for _ in range(size)]


def test_candidates_are_surface_words_within_a_clause():
    found = candidates("Waiting for CAMHS, again. The taxi was late")
    assert "waiting for camhs" in found and found["waiting for camhs"] == "Waiting for CAMHS"
    assert "camhs again" not in found  # never across punctuation
    assert "for camhs" not in found  # never opens with a stop word
    assert "taxi" in found and "the taxi" not in found
    assert "taxi was late" not in found  # a clause, not a noun phrase
    assert "the support" not in candidates("CAMHS the support") and "camhs the support" not in candidates(
        "CAMHS the support")
    assert "waiting for the plan" in candidates("Waiting for the plan")


def test_not_being_listened_to_is_a_phrase():
    assert "not being listened to" in candidates("I am not being listened to by anyone")
    assert "able to" not in candidates("We were not able to go")


def test_contractions_are_stop_words():
    found = candidates("Couldn't get an appointment. I don’t know. Parking wasn't easy")
    assert "couldn't" not in found and "don't" not in found and "wasn't easy" not in found
    assert "appointment" in found and "parking" in found


def test_occurs_in_is_word_for_word_ignoring_case_and_spaces():
    assert occurs_in("Home to school transport", "the home  to\nschool Transport was late")
    assert not occurs_in("care", "they were careful")
    assert not occurs_in("school transport", "school, transport")


def test_labels_are_never_stems_and_prefer_several_words():
    groups = [["The taxi to school was late", "the taxi to school never came", "Taxi to school cancelled"],
              ["Waiting for CAMHS for a year", "still waiting for CAMHS", "We are waiting for CAMHS"]]
    labels = label_groups(groups, [t for g in groups for t in g])
    assert labels == ["Taxi to school", "Waiting for CAMHS"]


def test_labels_on_synthetic_feedback():
    texts, _ = comments()
    run = discover_themes(texts, k=5, seed=0)
    assert_labels_are_phrases(run, texts)
    assert any(t.label == SHORT_ANSWER_LABEL for t in run.themes)
    assert sum(" " in t.label for t in run.themes) >= 3


def test_labels_on_demo_data():
    texts = demo_texts()
    run = discover_themes(texts, seed=0)
    assert_labels_are_phrases(run, texts)


@pytest.mark.skipif(not NHS.exists(), reason="the labelled NHS set lives in ../shared/data")
def test_labels_on_the_labelled_nhs_set():
    with NHS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = [row["text"] for row in random.Random(0).sample(rows, 2000)]
    run = discover_themes(texts, k=9, seed=0)
    assert_labels_are_phrases(run, texts)
