"""Theme quality on every labelled set the project has: the engine against plain TF-IDF + k-means.

For each set (bench/labelled_sets.py) prints NMI / ARI / accuracy (clusters mapped to labels by best
one-to-one match) of discovered themes at k = number of labels and at the k the engine chooses, the share
of theme labels that pass the label rule (a phrase found word for word in two of the theme's comments),
and the seeded mode (started from a codebook) separately. Then accuracy / macro-F1 of supervised assignment
on the NHS set, trained on 70% of the labels and tested on the other 30%.

The engine at k fixed also runs once per seed (--seeds, default 0,1,2) and prints the mean and spread
(max - min) of NMI / ARI / accuracy: k-means' local optima move the figures by up to about 0.05 on demo SEND.

Run: .venv/bin/python bench/bench_themes.py [--variants] [--sets nhs,demo_send] [--seeds 0,1,2]
     --variants also prints the ideas measured in bench/THEMES.md (bench/theme_variants.py), each switched
     on or off alone, over the same seeds.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from corpora import ROOT  # noqa: F401 - puts the project on sys.path
from labelled_sets import SETS
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, adjusted_rand_score, f1_score, normalized_mutual_info_score
from sklearn.model_selection import train_test_split
from theme_variants import VARIANTS, switched_on

from analysis.themes import Assigner, discover_themes
from analysis.themes.codebook import SEND_INSPECTION_CODEBOOK, CodebookEntry
from analysis.themes.discover import SHORT_ANSWER_LABEL
from analysis.themes.phrases import supported

SEED = 0
# Written from the NHS set's nine label names (not from its comments), for the seeded mode.
NHS_CODEBOOK = [
    CodebookEntry("Staff", ["friendly staff", "helpful staff", "nurses", "doctors"]),
    CodebookEntry("Communication", ["explained", "kept informed", "information", "listened"]),
    CodebookEntry("Access", ["appointment", "waiting time", "parking", "get through on the phone"]),
    CodebookEntry("Environment and facilities", ["ward", "clean", "food", "noise", "car park"]),
    CodebookEntry("Care received", ["care", "treatment", "looked after"]),
    CodebookEntry("Dignity", ["dignity", "respect", "privacy", "treated as a person"]),
    CodebookEntry("Transition and coordination", ["discharge", "referral", "follow up", "between services"]),
]
CODEBOOKS = {"nhs": NHS_CODEBOOK, "demo_send": SEND_INSPECTION_CODEBOOK}


def cluster_accuracy(labels: list[str], predicted: list[str]) -> float:
    """Accuracy after mapping clusters to labels one-to-one (Hungarian)."""
    rows, cols = sorted(set(labels)), sorted(set(predicted))
    counts = np.zeros((len(cols), len(rows)))
    for label, pred in zip(labels, predicted, strict=True):
        counts[cols.index(pred), rows.index(label)] += 1
    r, c = linear_sum_assignment(-counts)
    return counts[r, c].sum() / len(labels)


def _scores(name: str, labels: list[str], predicted: list[str], seconds: float) -> None:
    nmi = normalized_mutual_info_score(labels, predicted)
    print(f"  {name:38s} k={len(set(predicted)):3d}  NMI {nmi:.3f}  "
          f"ARI {adjusted_rand_score(labels, predicted):.3f}  ACC {cluster_accuracy(labels, predicted):.3f}  "
          f"{seconds:6.1f} s")


def baseline_kmeans(texts: list[str], k: int) -> list[str]:
    """Plain TF-IDF (sklearn defaults, English stop words) + k-means."""
    x = TfidfVectorizer(stop_words="english").fit_transform(texts)
    return [str(c) for c in KMeans(k, n_init=10, random_state=SEED).fit_predict(x)]


def _timed(func, *args, **kwargs):
    started = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - started


def label_share(texts: list[str], run) -> tuple[float, float, int]:
    """Share of labels passing the label rule, share with two or more words, and how many were judged."""
    judged = [t for t in run.themes if t.size and t.label != SHORT_ANSWER_LABEL and not t.from_codebook]
    if not judged:
        return 1.0, 1.0, 0
    ids = [a.theme_id for a in run.assignments]
    passed = sum(supported(t.label, (x for x, i in zip(texts, ids, strict=True) if i == t.id)) for t in judged)
    several = sum(" " in t.label for t in judged)
    return passed / len(judged), several / len(judged), len(judged)


def _engine(name: str, texts: list[str], labels: list[str], show_labels: bool = False, **kwargs) -> None:
    run, seconds = _timed(discover_themes, texts, seed=SEED, **kwargs)
    _scores(name, labels, [str(a.theme_id) for a in run.assignments], seconds)
    passed, several, judged = label_share(texts, run)
    print(f"  {'':38s} labels: {passed:.0%} of {judged} pass the rule, {several:.0%} have two or more words")
    if show_labels:
        print("  " + "; ".join(t.label for t in sorted(run.themes, key=lambda t: -t.size) if t.size))


def unsupervised(name: str, texts: list[str], labels: list[str]) -> None:
    k = len(set(labels))
    print(f"{name}: discovered themes vs {k} human labels ({len(texts)} comments):")
    predicted, seconds = _timed(baseline_kmeans, texts, k)
    _scores("baseline TF-IDF + k-means", labels, predicted, seconds)
    _engine("yousaid engine (k fixed)", texts, labels, show_labels=True, k=k)
    _engine("yousaid engine (k chosen)", texts, labels)
    _engine("yousaid engine, seeded (k fixed)", texts, labels, show_labels=True, k=k, codebook=CODEBOOKS[name])


def over_seeds(title: str, texts: list[str], labels: list[str], seeds: list[int]) -> None:
    """The engine at k = number of labels once per seed: mean and spread of NMI / ARI / accuracy."""
    scores, seconds = [], 0.0
    for seed in seeds:
        run, spent = _timed(discover_themes, texts, k=len(set(labels)), seed=seed)
        predicted = [str(a.theme_id) for a in run.assignments]
        scores.append((normalized_mutual_info_score(labels, predicted), adjusted_rand_score(labels, predicted),
                       cluster_accuracy(labels, predicted)))
        seconds += spent
    mean, spread = np.mean(scores, axis=0), np.ptp(scores, axis=0)
    print(f"  {title[:60]:60s} NMI {mean[0]:.3f} ±{spread[0] / 2:.3f}  ARI {mean[1]:.3f} ±{spread[1] / 2:.3f}  "
          f"ACC {mean[2]:.3f} ±{spread[2] / 2:.3f}  ({len(seeds)} seeds, {seconds / len(seeds):.1f} s each)",
          flush=True)


def variants(texts: list[str], labels: list[str], seeds: list[int]) -> None:
    """The engine at k fixed with one idea switched on or off at a time (bench/theme_variants.py)."""
    for title in VARIANTS:
        with switched_on(title):
            over_seeds(f"variant: {title}", texts, labels, seeds)


def supervised(texts: list[str], labels: list[str]) -> None:
    train_x, test_x, train_y, test_y = train_test_split(texts, labels, test_size=0.3, random_state=SEED,
                                                        stratify=labels)
    print(f"Supervised assignment (train {len(train_x)}, test {len(test_x)}):")
    vectorizer = TfidfVectorizer(stop_words="english")
    model = LogisticRegression(max_iter=2000).fit(vectorizer.fit_transform(train_x), train_y)
    predicted = model.predict(vectorizer.transform(test_x))
    print(f"  {'baseline TF-IDF + logistic regression':38s} ACC {accuracy_score(test_y, predicted):.3f}  "
          f"macro-F1 {f1_score(test_y, predicted, average='macro'):.3f}")
    assigner, seconds = _timed(Assigner(seed=SEED).fit, train_x, train_y)
    assignments = assigner.assign_many(test_x)
    predicted = [a.theme_id for a in assignments]
    confident = [a for a in assignments if not a.needs_review]
    right = sum(a.theme_id == y for a, y in zip(assignments, test_y, strict=True) if not a.needs_review)
    print(f"  {'yousaid Assigner':38s} ACC {accuracy_score(test_y, predicted):.3f}  "
          f"macro-F1 {f1_score(test_y, predicted, average='macro'):.3f}  (trained in {seconds:.1f} s)")
    print(f"  confident assignments: {len(confident) / len(assignments):.0%} of comments, "
          f"{right / max(1, len(confident)):.1%} correct; the rest go to the review queue")


def main() -> None:
    """Every labelled set: unsupervised (unseeded and seeded), then supervised assignment on the NHS set."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", action="store_true")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--seeds", default="0,1,2")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    for name in args.sets.split(","):
        texts, labels = SETS[name]()
        unsupervised(name, texts, labels)
        over_seeds("yousaid engine (k fixed), over seeds", texts, labels, seeds)
        if args.variants:
            variants(texts, labels, seeds)
        sys.stdout.flush()
    if "nhs" in args.sets.split(","):
        supervised(*SETS["nhs"]())


if __name__ == "__main__":
    main()
