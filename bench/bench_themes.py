"""Theme quality on human-labelled feedback: the default engine against plain TF-IDF + k-means.

Prints NMI / ARI / accuracy (clusters mapped to labels by best one-to-one match) of discovered themes
at k = number of labels and at the k the engine chooses, and accuracy / macro-F1 of supervised
assignment trained on 70% of the labels and tested on the other 30%.

Run: .venv/bin/python bench/bench_themes.py [path/to/labelled.csv]
"""

from __future__ import annotations

import csv
import sys
import time

import numpy as np
from corpora import ROOT
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, adjusted_rand_score, f1_score, normalized_mutual_info_score
from sklearn.model_selection import train_test_split

from analysis.themes import Assigner, discover_themes

DEFAULT = ROOT.parent / "shared" / "data" / "nhs_feedback_labelled.csv"
SEED = 0


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


def unsupervised(texts: list[str], labels: list[str]) -> None:
    k = len(set(labels))
    print(f"Discovered themes vs {k} human labels ({len(texts)} comments):")
    predicted, seconds = _timed(baseline_kmeans, texts, k)
    _scores("baseline TF-IDF + k-means", labels, predicted, seconds)
    run, seconds = _timed(discover_themes, texts, k=k, seed=SEED)
    _scores("yousaid engine (k fixed)", labels, [str(a.theme_id) for a in run.assignments], seconds)
    run, seconds = _timed(discover_themes, texts, seed=SEED)
    _scores("yousaid engine (k chosen)", labels, [str(a.theme_id) for a in run.assignments], seconds)


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
    """Load the labelled file and print both comparisons."""
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    unsupervised(texts, labels)
    supervised(texts, labels)


if __name__ == "__main__":
    main()
