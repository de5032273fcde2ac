"""Cluster embedded comments: k-means on a sample, k chosen by silhouette when not given."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

FIT_SAMPLE = 10_000
K_SAMPLE = 1_500
# Silhouette on short feedback keeps rising with k (near-duplicate answers), so the range is capped
# at what a review meeting can read; staff ask for more or fewer with k.
MIN_K, MAX_K = 4, 12
MIN_PER_THEME = 15


def _sample(n: int, size: int, seed: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size, replace=False))


def choose_k(x: np.ndarray, seed: int = 0, low: int = MIN_K, high: int = MAX_K) -> int:
    """Number of clusters with the best silhouette on a sample, within [low, high] and the data's size."""
    high = min(high, max(1, len(x) // MIN_PER_THEME))
    if high <= low:
        return max(1, min(high, len(x)))
    sample = x[_sample(len(x), K_SAMPLE, seed)]
    best_k, best_score = low, -1.0
    for k in range(low, high + 1):
        labels = KMeans(k, n_init=1, random_state=seed).fit_predict(sample)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(sample, labels, metric="cosine", random_state=seed)
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def kmeans(x: np.ndarray, k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labels for every row and the k centres; fitted on a sample when x is large."""
    k = max(1, min(k, len(x)))
    sample = x[_sample(len(x), FIT_SAMPLE, seed)]
    model = KMeans(k, n_init=8, random_state=seed).fit(sample)
    return model.predict(x), model.cluster_centers_


def _extra_centres(sample: np.ndarray, seeds: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n starting centres for themes the seeds do not cover: k-means++ sampling away from the seeds."""
    rng = np.random.default_rng(seed)
    chosen: list[np.ndarray] = []
    nearest = (sample @ seeds.T).max(axis=1) if len(seeds) else np.full(len(sample), -1.0)
    for _ in range(n):
        weight = np.clip(1.0 - nearest, 1e-9, None) ** 2
        pick = sample[rng.choice(len(sample), p=weight / weight.sum())]
        chosen.append(pick)
        nearest = np.maximum(nearest, sample @ pick)
    return np.vstack(chosen) if chosen else np.zeros((0, sample.shape[1]), dtype=sample.dtype)


def seeded_kmeans(x: np.ndarray, seeds: np.ndarray, extra: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """k-means started from the given seed centres plus extra centres elsewhere; labels and final centres.

    Cluster c < len(seeds) began at seeds[c]; the caller decides whether it stayed close enough to keep
    the seed's name.
    """
    sample = x[_sample(len(x), FIT_SAMPLE, seed)]
    extra = max(0, min(extra, len(sample) - len(seeds)))
    init = np.vstack([seeds, _extra_centres(sample, seeds, extra, seed)]).astype(x.dtype)
    if len(init) > len(sample):
        init = init[:len(sample)]
    model = KMeans(len(init), init=init, n_init=1, random_state=seed).fit(sample)
    return model.predict(x), model.cluster_centers_
