"""Theme discovery: clustering, labels, quotes, stable identity and manual decisions."""

import json
import warnings

import numpy as np
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import normalize

from analysis.normalise import content_tokens
from analysis.themes import Decisions, Theme, cluster, discover_themes, features
from analysis.themes.short_answers import is_short_answer
from tests.analysis.synthetic import comments


def _by_theme(run, labels):
    out = {}
    for assignment, label in zip(run.assignments, labels, strict=True):
        out.setdefault(assignment.theme_id, []).append(label)
    return out


def test_short_answers():
    for text in ["Nothing", "No.", "n/a", "", "Nothing really, all good", "No, happy with everything", "-"]:
        assert is_short_answer(text), text
    for text in ["No parking at the school", "The SENCO was great", "More time with the therapist"]:
        assert not is_short_answer(text), text


def test_discovers_the_planted_topics():
    texts, labels = comments()
    run = discover_themes(texts, k=5)
    assert len(run.assignments) == len(texts)
    assert len(run.themes) == 5
    predicted = [a.theme_id for a in run.assignments]
    assert normalized_mutual_info_score(labels, predicted) > 0.7


def test_merging_centres_joins_the_nearest_and_weights_by_size():
    centres = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0.8, 0.2], [0, 0, 1]], dtype=float)
    merged = cluster._merge_centres(centres, np.array([30, 10, 5, 5, 7]), 3)
    unit = normalize(centres)
    expected = normalize(np.vstack([30 * unit[0] + 10 * unit[1], 5 * unit[2] + 5 * unit[3], unit[4]]))
    # the order of the merged groups is the agglomerative algorithm's: match them as sets of rows
    assert sorted(map(tuple, merged.round(6))) == sorted(map(tuple, expected.round(6)))


def test_kmeans_finds_themes_made_of_several_groups():
    rng = np.random.default_rng(0)
    # Three themes, each two nearby groups of different sizes: the asked-for k comes back, one cluster a theme.
    parts = [([1, 0, 0, 0], 300), ([0.8, 0.3, 0, 0], 60), ([0, 0, 1, 0], 200), ([0, 0, 0.8, 0.3], 150),
             ([0, 0, 0, 1], 100), ([0.3, 0, 0, 0.8], 40)]
    x = normalize(np.vstack([np.array(d) + rng.normal(0, 0.05, (n, 4)) for d, n in parts]))
    truth = np.repeat([0, 0, 1, 1, 2, 2], [n for _, n in parts])
    labels, centres = cluster.kmeans(x, 3, seed=0)
    assert centres.shape == (3, 4) and len(set(labels)) == 3
    assert normalized_mutual_info_score(truth, labels) > 0.9


def test_kmeans_with_fewer_distinct_comments_than_groups():
    x = normalize(np.repeat(np.eye(3), 20, axis=0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "fewer distinct clusters than n_clusters" warning
        labels, _centres = cluster.kmeans(x, 3, seed=0)
    assert len(set(labels)) == 3


def _lsa_projection_on_top(space, docs):
    """How far the embedded comments' LSA block lies along the first principal direction of plain LSA."""
    weighted = space.fit(docs)
    plain = normalize(space.svd.transform(weighted))
    direction = np.linalg.svd(plain - plain.mean(axis=0), full_matrices=False)[2][0]
    lsa = space.embed(weighted, np.zeros(weighted.shape[0]))[:, :space.svd.n_components]
    return np.abs(lsa @ direction).mean()


def test_lsa_block_drops_the_direction_every_comment_shares(monkeypatch):
    docs = [content_tokens(t) for t in comments()[0]]
    space = features.FeatureSpace(seed=0)
    assert _lsa_projection_on_top(space, docs) < 1e-4
    assert space.top.shape == (1, space.svd.n_components)
    monkeypatch.setattr(features, "TOP_COMPONENTS", 0)
    kept = features.FeatureSpace(seed=0)
    assert _lsa_projection_on_top(kept, docs) > 0.03 and kept.top.size == 0


def test_number_of_themes_is_chosen_when_not_given():
    texts, labels = comments()
    run = discover_themes(texts)
    assert 3 <= len(run.themes) <= 10
    assert normalized_mutual_info_score(labels, [a.theme_id for a in run.assignments]) > 0.5


def test_themes_have_labels_terms_sizes_and_redacted_quotes():
    texts, _ = comments()
    texts[0] = "My son Jack waited 40 weeks for the EHC plan, call 07700 900123"
    run = discover_themes(texts, k=5, consent=[True] * len(texts))
    assert sum(t.size for t in run.themes) == len(texts)
    for theme in run.themes:
        assert theme.label and theme.key_terms
        assert 1 <= len(theme.quotes) <= 3
        assert all("07700" not in q.text and "Jack" not in q.text for q in theme.quotes)
    waiting = run.theme(run.assignments[0].theme_id)
    assert any("ehc" in term.lower() or "wait" in term.lower() for term in waiting.key_terms)


def test_flagged_comments_are_never_quoted():
    texts = ["I want to die, the EHC plan wait is endless"] * 40 + comments()[0]
    run = discover_themes(texts, k=5, consent=[True] * len(texts))
    quoted = [q.text for t in run.themes for q in t.quotes]
    assert not any("die" in q for q in quoted)


def test_consented_quotes_come_first():
    texts, _ = comments()
    consent = [i % 10 == 0 for i in range(len(texts))]  # few enough that some themes have both kinds of quote
    run = discover_themes(texts, k=5, consent=consent)
    mixed = [theme for theme in run.themes if len({q.consent for q in theme.quotes}) == 2]
    assert mixed, "no theme has both consented and unconsented quotes, so the order is untested"
    for theme in run.themes:
        flags = [q.consent for q in theme.quotes]
        assert flags == sorted(flags, reverse=True)
        assert all(q.publishable == q.consent for q in theme.quotes)


def _stored(run):
    return [Theme.from_dict(json.loads(json.dumps(t.to_dict()))) for t in run.themes]


def test_rerun_keeps_theme_ids_and_proposes_new_topic():
    texts, labels = comments(per_topic=30, seed=1, topics=("transport", "waiting", "therapy"))
    first = discover_themes(texts, k=4)
    ids_before = {lab: ids for lab, ids in _by_theme(first, labels).items()}
    more, more_labels = comments(per_topic=20, seed=2, topics=("transport", "waiting", "therapy", "staff"))
    second = discover_themes(texts + more, existing_themes=_stored(first))
    assert {t.id for t in first.themes} <= {t.id for t in second.themes}
    old = second.assignments[:len(texts)]
    # comments the first run placed badly may move; the rest keep their theme
    kept = sum(a.theme_id == b.theme_id for a, b in zip(old, first.assignments, strict=True))
    assert kept / len(texts) >= 0.8
    added = zip(second.assignments[len(texts):], more_labels, strict=True)
    staff = [a.theme_id for a, lab in added if lab == "staff"]
    new_ids = {t.id for t in second.themes if t.is_new}
    assert new_ids and sum(tid in new_ids for tid in staff) / len(staff) > 0.8
    assert ids_before  # the first run grouped something


def test_renamed_and_reviewed_labels_survive_a_rerun():
    texts, _ = comments()
    first = discover_themes(texts, k=5)
    stored = _stored(first)
    stored[1].label, stored[1].reviewed = "Getting to school", True
    second = discover_themes(texts, existing_themes=stored)
    assert second.theme(stored[1].id).label == "Getting to school"


def test_pinned_comments_stay_where_people_put_them():
    texts, _ = comments()
    first = discover_themes(texts, k=5)
    stored = _stored(first)
    target = next(t.id for t in stored if t.id != first.assignments[0].theme_id)
    second = discover_themes(texts, existing_themes=stored, decisions=Decisions(pinned={0: target}))
    assert second.assignments[0].theme_id == target
    assert second.assignments[0].pinned


def test_pinning_to_a_new_theme_made_by_hand_creates_it():
    texts, _ = comments()
    run = discover_themes(texts, k=5, decisions=Decisions(pinned={3: "split-1", 4: "split-1"}))
    assert run.theme("split-1") is not None and run.theme("split-1").size == 2


def test_rejected_theme_is_not_proposed_again():
    texts, _ = comments()
    first = discover_themes(texts, k=5)
    stored = _stored(first)
    rejected = next(t for t in stored if t.kind != "short_answer")
    second = discover_themes(texts, k=5, existing_themes=stored, decisions=Decisions(rejected={rejected.id}))
    assert second.theme(rejected.id) is None
    from analysis.themes.identity import profile_similarity

    # Not under its old id, nor again under a new one: no theme of the second run looks like the rejected one.
    assert second.themes
    for theme in second.themes:
        assert profile_similarity(theme.term_weights, rejected.term_weights) < 0.5, theme.label


def test_merged_theme_ids_resolve_to_the_survivor():
    texts, _ = comments()
    first = discover_themes(texts, k=5)
    stored = _stored(first)
    a, b = [t for t in stored if t.kind != "short_answer"][:2]
    pinned = {i: a.id for i, x in enumerate(first.assignments) if x.theme_id == a.id}
    survivors = [t for t in stored if t.id != a.id]
    second = discover_themes(texts, existing_themes=survivors,
                             decisions=Decisions(pinned=pinned, merged={a.id: b.id}))
    assert second.theme(a.id) is None
    assert all(second.assignments[i].theme_id == b.id for i in pinned)


def test_same_input_same_output():
    texts, _ = comments()
    one, two = discover_themes(texts, k=5), discover_themes(texts, k=5)
    assert [a.theme_id for a in one.assignments] == [a.theme_id for a in two.assignments]
    assert [t.label for t in one.themes] == [t.label for t in two.themes]


def test_tiny_and_empty_inputs():
    assert discover_themes([]).assignments == []
    run = discover_themes(["", "", "Nothing"])
    assert len(run.assignments) == 3
    run = discover_themes(["Transport was late", "The taxi was late"])
    assert len(run.assignments) == 2 and all(a.theme_id for a in run.assignments)
