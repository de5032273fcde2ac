"""Safeguarding triage: recall on the written corpus, benign uses, reasons."""

from pathlib import Path

import pytest

from analysis.triage import rule_triage, triage

DATA = Path(__file__).parent / "data"


def _corpus(expected: bool) -> list[str]:
    corpus = Path(__file__).parents[2] / "analysis" / "data" / "triage_corpus.txt"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [line[2:] for line in lines if line[:2] == ("1\t" if expected else "0\t")]


def test_every_disclosure_in_the_corpus_is_flagged():
    missed = [t for t in _corpus(True) if not triage(t).flagged]
    assert missed == []


def test_benign_comments_mostly_pass():
    # Recall comes first, so a few false alarms are accepted: at most 4% of everyday comments.
    benign = _corpus(False)
    alarms = [t for t in benign if triage(t).flagged]
    assert len(alarms) <= 0.04 * len(benign), alarms


def test_model_catches_wording_the_rules_do_not_know():
    text = "Her stepdad makes her sleep outside in the garden when she is naughty."

    assert not rule_triage(text).flagged
    assert triage(text).flagged


@pytest.mark.parametrize("text", [
    "The safeguarding training was good", "I feel safe at school", "She never felt unsafe there",
    "No safeguarding concerns at all", "",
])
def test_clearly_benign_uses(text):
    assert not triage(text).flagged


@pytest.mark.parametrize(("text", "category"), [
    ("he is cutting himself", "self-harm"), ("She wants to die", "suicide"),
    ("he doesn't feel safe at home", "not safe"), ("I can't cope anymore", "crisis"),
    ("he ran away again", "running away"), ("my partner hits me", "domestic abuse"),
])
def test_reason_names_the_category(text, category):
    result = triage(text)
    assert result.flagged
    assert category in result.categories
    assert category in result.reason


def test_who_a_comment_is_about_is_no_evidence_for_the_model():
    from analysis.triage_model import features

    she, he, they = features(["she is proud of her badge", "he is proud of his badge", "they are proud of their badge"])
    assert (she != he).nnz == 0
    assert (she != they).nnz > 0  # only the pronouns are one word; "is" and "are" still differ


def test_an_everyday_lone_word_goes_to_a_person_only_when_the_model_agrees(monkeypatch):
    text = "We were stuck on the motorway for two hours on the way to the clinic."
    assert rule_triage(text).flagged  # the rules alone see a motorway (children found wandering near one)
    assert not triage(text).flagged
    assert triage("He keeps getting out of the house at night and walking along the motorway.").flagged

    import analysis.triage_model as triage_model_module

    monkeypatch.setattr(triage_model_module, "shipped_model", lambda: None)
    assert triage(text).flagged  # without a model, recall first
