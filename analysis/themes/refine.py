"""Iterative classification over a first clustering: train a linear classifier on each cluster's most
confident members and let it reassign every comment, a few rounds.

k-means in LSA space draws boundaries by distance alone; a classifier over the sparse words learns which
words decide between two neighbouring themes ("taxi" for transport even where LSA blurs it), and
reassigning with it sharpens the themes. Measured in bench/THEMES.md.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize

ROUNDS = 2
CONFIDENT_SHARE = 0.5
TRAIN_SAMPLE = 20_000
MIN_CLUSTER = 5


def _confident(x: np.ndarray, labels: np.ndarray, share: float) -> np.ndarray:
    """Indices of the members closest to their cluster's centre, share of each cluster."""
    chosen = []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        centre = normalize(x[members].mean(axis=0)[None, :])[0]
        closeness = x[members] @ centre
        keep = max(min(len(members), MIN_CLUSTER), int(len(members) * share))
        chosen.append(members[np.argsort(-closeness)[:keep]])
    return np.sort(np.concatenate(chosen))


def _limit(rows: np.ndarray, size: int, seed: int) -> np.ndarray:
    if len(rows) <= size:
        return rows
    return np.sort(np.random.default_rng(seed).choice(rows, size, replace=False))


def refine(words: sparse.csr_matrix, x: np.ndarray, labels: np.ndarray, seed: int = 0,
           rounds: int = ROUNDS, share: float = CONFIDENT_SHARE) -> np.ndarray:
    """Cluster labels after rounds of train-on-confident, reassign-all.

    words are the comments' weighted TF-IDF rows and x their embeddings (both row-aligned with labels).
    A cluster the classifier empties is gone from the result; the number of clusters never grows.
    """
    features = sparse.hstack([words, sparse.csr_matrix(x)]).tocsr()
    for step in range(rounds):
        if len(np.unique(labels)) < 2:
            break
        train = _limit(_confident(x, labels, share), TRAIN_SAMPLE, seed + step)
        model = SGDClassifier(loss="hinge", alpha=1e-4, max_iter=15, tol=None, random_state=seed)
        model.fit(features[train], labels[train])
        labels = model.predict(features)
    return labels
