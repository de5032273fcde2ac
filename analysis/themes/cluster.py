"""Cluster embedded comments: k-means on a sample, k chosen by silhouette when not given.

Themes are found by over-clustering and merging: k-means at twice the asked-for k, the centres joined by
average linkage on cosine distance down to k, then k-means again from the merged centres. A theme can
then be a chain of near groups rather than one ball (measured in bench/THEMES.md, round 3).
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

FIT_SAMPLE = 10_000
K_SAMPLE = 1_500
# Silhouette on short feedback keeps rising with k (near-duplicate answers), so the range is capped
# at what a review meeting can read; staff ask for more or fewer with k.
MIN_K, MAX_K = 4, 12
MIN_PER_THEME = 15
OVER_CLUSTER = 2  # k-means at this many times k, then merged down to k (1: plain k-means)
N_INIT = 4


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
    """Labels for every row and the k centres; fitted on a sample when x is large.

    k-means at OVER_CLUSTER times k, its centres merged to k by average linkage (cosine), each merged
    centre the size-weighted mean of its parts, then k-means from those centres.
    """
    k = max(1, min(k, len(x)))
    sample = x[_sample(len(x), FIT_SAMPLE, seed)]
    fine = min(len(np.unique(sample, axis=0)), k * OVER_CLUSTER)  # no more groups than distinct points
    if fine <= k or k < 2:
        model = KMeans(k, n_init=N_INIT * 2, random_state=seed).fit(sample)
        return model.predict(x), model.cluster_centers_
    first = KMeans(fine, n_init=N_INIT, random_state=seed).fit(sample)
    init = _merge_centres(first.cluster_centers_, np.bincount(first.labels_, minlength=fine), k)
    model = KMeans(k, init=init.astype(sample.dtype), n_init=1, random_state=seed).fit(sample)
    return model.predict(x), model.cluster_centers_


def _merge_centres(centres: np.ndarray, sizes: np.ndarray, k: int) -> np.ndarray:
    """k centres from more: average-linkage groups of the centres (cosine), each its size-weighted mean."""
    unit = normalize(centres)
    groups = AgglomerativeClustering(k, metric="cosine", linkage="average").fit_predict(unit)
    weights = np.maximum(sizes, 1)[:, None] * unit
    return np.vstack([normalize(weights[groups == g].sum(axis=0)[None, :])[0]
                      for g in range(k)])


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
