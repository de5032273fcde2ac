"""Ideas measured against the theme engine (bench/THEMES.md), each as a patch that bench_themes.py --variants
switches on for one run: other clusterers in place of ``analysis.themes.cluster.kmeans``, other document
vectors and term weights, and the engine's own settings changed one at a time.

They live here, not in ``analysis/themes``, because none of them was adopted; the engine keeps one way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
from scipy import sparse
from sklearn.cluster import HDBSCAN, AgglomerativeClustering, KMeans, SpectralClustering
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from analysis.themes import cluster, discover, features, wordvectors

Space, Words = features.FeatureSpace, wordvectors.WordVectors
Clusterer = Callable[[np.ndarray, int, int], tuple[np.ndarray, np.ndarray]]


def _nearest_centre(x: np.ndarray, rows: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every row to the nearest centre of the sample's clusters (cosine)."""
    centres = np.vstack([normalize(x[rows][labels == c].mean(axis=0)[None, :])[0] for c in np.unique(labels)])
    return (x @ centres.T).argmax(axis=1), centres


def _then_kmeans(x: np.ndarray, centres: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    sample = x[cluster._sample(len(x), cluster.FIT_SAMPLE, seed)]
    model = KMeans(len(centres), init=centres.astype(x.dtype), n_init=1, random_state=seed).fit(sample)
    return model.predict(x), model.cluster_centers_


def spectral(x: np.ndarray, k: int, seed: int = 0, size: int = 4_000, neighbours: int = 15):
    """Spectral clustering of a kNN graph of a sample, then k-means from its centres over everything."""
    rows = cluster._sample(len(x), size, seed)
    graph = NearestNeighbors(n_neighbors=neighbours).fit(x[rows]).kneighbors_graph(x[rows])
    labels = SpectralClustering(k, affinity="precomputed_nearest_neighbors", n_neighbors=neighbours,
                                assign_labels="cluster_qr", random_state=seed).fit_predict(graph)
    return _then_kmeans(x, _nearest_centre(x, rows, labels)[1], seed)


def ward(x: np.ndarray, k: int, seed: int = 0, size: int = 5_000):
    """Agglomerative (Ward) on a sample, then k-means from its centres over everything."""
    rows = cluster._sample(len(x), size, seed)
    labels = AgglomerativeClustering(k, linkage="ward").fit_predict(x[rows])
    return _then_kmeans(x, _nearest_centre(x, rows, labels)[1], seed)


def hdbscan(x: np.ndarray, k: int, seed: int = 0, size: int = 5_000):
    """HDBSCAN on a sample (k not used: it finds its own number), outliers to the nearest cluster centre."""
    rows = cluster._sample(len(x), size, seed)
    labels = HDBSCAN(min_cluster_size=max(15, size // 200)).fit_predict(x[rows])
    if len(set(labels[labels >= 0])) < 2:
        return cluster.kmeans(x, k, seed)
    keep = labels >= 0
    return _nearest_centre(x, rows[keep], labels[keep])


def consensus(x: np.ndarray, k: int, seed: int = 0, size: int = 2_000, runs: int = 10):
    """k-means runs on three views (all, LSA only, word vectors only) and k to k+2, co-association of a
    sample, average linkage on it; the rest to the nearest centre."""
    rows = cluster._sample(len(x), size, seed)
    fit = x[cluster._sample(len(x), cluster.FIT_SAMPLE, seed)]
    lsa = features.DIMENSIONS
    views = [slice(0, x.shape[1]), slice(0, lsa), slice(lsa, x.shape[1])]
    together = np.zeros((len(rows), len(rows)), dtype=np.float32)
    for run in range(runs):
        view = views[run % 3]
        model = KMeans(k + run % 3, n_init=1, random_state=seed * 100 + run).fit(normalize(fit[:, view]))
        labels = model.predict(normalize(x[rows][:, view]))
        together += labels[:, None] == labels[None, :]
    labels = AgglomerativeClustering(k, metric="precomputed", linkage="average").fit_predict(1 - together / runs)
    return _nearest_centre(x, rows, labels)


def smoothed(x: np.ndarray, k: int, seed: int = 0, size: int = 3_000, neighbours: int = 10):
    """The engine's k-means fitted on a sample where each comment is averaged with its 10 nearest
    neighbours among 3,000 others (kNN smoothing); every comment then goes to the nearest centre."""
    sample = x[cluster._sample(len(x), cluster.FIT_SAMPLE, seed)]
    reference = x[cluster._sample(len(x), size, seed + 1)]
    near = np.argpartition(-(sample @ reference.T), neighbours, axis=1)[:, :neighbours]
    smooth = normalize(sample + reference[near].mean(axis=1)).astype(x.dtype)
    fine = min(len(np.unique(smooth, axis=0)), k * cluster.OVER_CLUSTER)
    first = KMeans(fine, n_init=cluster.N_INIT, random_state=seed).fit(smooth)
    init = cluster._merge_centres(first.cluster_centers_, np.bincount(first.labels_, minlength=fine), k)
    model = KMeans(k, init=init.astype(x.dtype), n_init=1, random_state=seed).fit(smooth)
    return model.predict(x), model.cluster_centers_


class BM25Vectorizer(TfidfVectorizer):
    """TF-IDF whose term frequency is BM25's (saturating, normalised by comment length)."""

    k1, b = 1.2, 0.75

    def _bm25(self, tfidf: sparse.csr_matrix) -> sparse.csr_matrix:
        counts = (tfidf @ sparse.diags(1 / self.idf_)).tocsr()  # back to raw (or sublinear) counts
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        scale = self.k1 * (1 - self.b + self.b * lengths[rows] / max(lengths.mean(), 1e-9))
        counts.data = counts.data * (self.k1 + 1) / (counts.data + scale)
        return normalize(counts @ sparse.diags(self.idf_.astype(np.float32)))

    def fit_transform(self, raw, y=None):
        self.set_params(norm=None, sublinear_tf=False)
        return self._bm25(super().fit_transform(raw, y))

    def transform(self, raw):
        return self._bm25(super().transform(raw))


def _drop_short(min_terms: int):
    """FeatureSpace.fit that learns LSA and word vectors only from comments with min_terms terms or more."""
    fit = features.FeatureSpace.fit

    def patched(self, docs):
        weighted = fit(self, docs)
        long = np.flatnonzero(np.diff(weighted.indptr) >= min_terms)
        if self.svd is not None and len(long) > self.svd.n_components:
            self.svd.fit(weighted[long[:features.SVD_SAMPLE]])
        if self.words is not None and len(long) > 100:
            self.words = wordvectors.WordVectors(seed=self.seed).fit(weighted[long])
        return weighted
    return patched


SIF_A = 1e-3


def _sif(mode: str):
    """WordVectors fit/embed giving SIF comment vectors (smooth inverse frequency weights, first principal
    component removed), replacing the TF-IDF-weighted mean or concatenated with it (each block normalised)."""
    fit, embed = wordvectors.WordVectors.fit, wordvectors.WordVectors.embed

    def raw(self, weighted):
        present = (weighted[:, self.columns] > 0).astype(np.float32)
        counts = np.maximum(np.asarray(present.sum(axis=1)).ravel(), 1)
        return np.asarray(present @ (self.sif[:, None] * self.vectors)) / counts[:, None]

    def patched_fit(self, weighted):
        fit(self, weighted)
        if self.vectors is not None:
            present = (weighted[:, self.columns] > 0).astype(np.float32)
            p = np.asarray(present.sum(axis=0)).ravel()
            self.sif = (SIF_A / (SIF_A + p / p.sum())).astype(np.float32)
            self.pc = TruncatedSVD(1, random_state=self.seed).fit(raw(self, weighted)).components_[0]
        return self

    def patched_embed(self, weighted):
        if self.vectors is None:
            return None
        vectors = raw(self, weighted)
        vectors = normalize(vectors - (vectors @ self.pc)[:, None] * self.pc[None, :]).astype(np.float32)
        return vectors if mode == "replace" else normalize(np.hstack([embed(self, weighted), vectors]))
    return patched_fit, patched_embed


def _init_with(vectorizer: type):
    init = features.FeatureSpace.__init__

    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.vectorizer = vectorizer(analyzer=features._identity, sublinear_tf=True, dtype=np.float32)
    return patched


# ---- Round 4 (bench/THEMES.md): views beside the engine's, word-vector windows, merge step ----

def _extra_view(make: Callable, weight: float):
    """FeatureSpace fit/embed with one more view (make(space, docs, weighted) -> rows) appended to the LSA and
    word-vector block at weight (blocks normalised); rows other than the run's comments get zeros there."""
    fit, embed = features.FeatureSpace.fit, features.FeatureSpace.embed

    def patched_fit(self, docs):
        weighted = fit(self, docs)
        self.extra, self.extra_rows = make(self, docs, weighted), weighted.shape[0]
        return weighted

    def patched_embed(self, weighted, compounds):
        base = embed(self, weighted, compounds)
        extra = self.extra if weighted.shape[0] == self.extra_rows else np.zeros(
            (weighted.shape[0], self.extra.shape[1]), dtype=np.float32)
        return np.hstack([normalize(np.hstack([base[:, :-1], weight * extra])).astype(np.float32), base[:, -1:]])
    return [(Space, "fit", patched_fit), (Space, "embed", patched_embed)]


def char_view(low: int = 3, high: int = 5, dims: int = 50, size: int = 20_000):
    """Character n-grams (char_wb, sublinear TF-IDF) of each comment's tokens, reduced by SVD: misspellings
    share most of their n-grams with the right spelling."""
    def make(self, docs, weighted):
        text = [" ".join(d) for d in docs]
        rows = features._sample_rows(len(text), size, self.seed)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(low, high), sublinear_tf=True, min_df=2,
                                     max_features=50_000, dtype=np.float32).fit([text[i] for i in rows])
        grams = vectorizer.transform(text)
        svd = TruncatedSVD(dims, random_state=self.seed, algorithm="randomized", n_iter=4).fit(grams[rows])
        return normalize(svd.transform(grams)).astype(np.float32)
    return make


def nmf_view(components: int = 20, size: int = 20_000):
    """NMF topic weights (nndsvda) of the weighted TF-IDF, fitted on a sample, normalised."""
    def make(self, docs, weighted):
        rows = features._sample_rows(weighted.shape[0], size, self.seed)
        model = NMF(components, init="nndsvda", random_state=self.seed, max_iter=200).fit(weighted[rows])
        return normalize(model.transform(weighted)).astype(np.float32)
    return make


def window_vectors(window: int):
    """Word vectors from PPMI of terms at most window tokens apart (not anywhere in the same comment)."""
    fit = features.FeatureSpace.fit

    def patched(self, docs):
        weighted = fit(self, docs)
        words = self.words
        if words is None or words.vectors is None:
            return weighted
        column = {c: j for j, c in enumerate(words.columns)}
        rows = np.arange(len(docs)) if len(docs) <= wordvectors.SAMPLE else np.random.default_rng(
            self.seed).choice(len(docs), wordvectors.SAMPLE, replace=False)
        left, right = [], []
        for i in rows:
            doc = docs[i]
            grams = [(p, t) for p in range(len(doc)) for t in (doc[p], " ".join(doc[p:p + 2]))]
            found = [(p, column[self.index[t]]) for p, t in grams if self.index.get(t, -1) in column]
            for a, (pa, ta) in enumerate(found):
                for pb, tb in found[a + 1:]:
                    if pb - pa > window:
                        break
                    if ta != tb:
                        left += [ta, tb]
                        right += [tb, ta]
        n = len(words.columns)
        co = sparse.csr_matrix((np.ones(len(left), dtype=np.float32), (left, right)), shape=(n, n)).tocoo()
        total, counts = co.data.sum(), np.asarray(co.sum(axis=1)).ravel()
        pmi = np.log(co.data * total / (counts[co.row] * counts[co.col] + 1e-9))
        keep = pmi > 0
        ppmi = sparse.csr_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=(n, n), dtype=np.float32)
        svd = TruncatedSVD(words.dims, random_state=self.seed, algorithm="randomized", n_iter=4)
        words.vectors = normalize(svd.fit_transform(ppmi)).astype(np.float32)
        return weighted
    return patched


def ward_merge(centres: np.ndarray, sizes: np.ndarray, k: int) -> np.ndarray:
    """The over-clustered centres merged to k by Ward's criterion weighted by group size."""
    centre = [c for c in normalize(centres)]
    size = [float(max(s, 1)) for s in sizes]
    while len(centre) > k:
        cost, a, b = min((size[a] * size[b] / (size[a] + size[b]) * float(((centre[a] - centre[b]) ** 2).sum()), a, b)
                         for a in range(len(centre)) for b in range(a + 1, len(centre)))
        centre[a] = (size[a] * centre[a] + size[b] * centre[b]) / (size[a] + size[b])
        size[a] += size[b]
        del centre[b], size[b]
    return normalize(np.vstack(centre))


def restarted(x: np.ndarray, k: int, seed: int = 0):
    """The engine's clustering with 3 final k-means: from the merged centres and from 2 k-means++ starts,
    keeping the lowest inertia."""
    k = max(1, min(k, len(x)))
    sample = x[cluster._sample(len(x), cluster.FIT_SAMPLE, seed)]
    fine = min(len(np.unique(sample, axis=0)), k * cluster.OVER_CLUSTER)
    if fine <= k or k < 2:
        return ENGINE_KMEANS(x, k, seed)
    first = KMeans(fine, n_init=cluster.N_INIT, random_state=seed).fit(sample)
    init = cluster._merge_centres(first.cluster_centers_, np.bincount(first.labels_, minlength=fine), k)
    best = KMeans(k, init=init.astype(sample.dtype), n_init=1, random_state=seed).fit(sample)
    for run in range(2):
        model = KMeans(k, n_init=1, random_state=seed * 10 + run + 1).fit(sample)
        best = model if model.inertia_ < best.inertia_ else best
    return best.predict(x), best.cluster_centers_


def word_vectors_top_removed(top: int):
    """The comments' word-vector block centred and its top principal directions removed (0: centred only),
    learnt on a sample of the run's comments, like the engine does for the LSA block."""
    fit, embed = features.FeatureSpace.fit, wordvectors.WordVectors.embed

    def patched_fit(self, docs):
        weighted = fit(self, docs)
        if self.words is not None and self.words.vectors is not None:
            rows = features._sample_rows(weighted.shape[0], features.SVD_SAMPLE, self.seed)
            vectors = embed(self.words, weighted[rows])
            self.words.mean = vectors.mean(axis=0)
            self.words.top = np.linalg.svd(vectors - self.words.mean, full_matrices=False)[2][:top]
        return weighted

    def patched_embed(self, weighted):
        vectors = embed(self, weighted)
        if vectors is None or not hasattr(self, "mean"):
            return vectors
        vectors = vectors - self.mean
        return normalize(vectors - (vectors @ self.top.T) @ self.top).astype(np.float32)
    return [(Space, "fit", patched_fit), (Words, "embed", patched_embed)]


ENGINE_KMEANS = cluster.kmeans


sif_replace_fit, sif_replace_embed = _sif("replace")
sif_concat_fit, sif_concat_embed = _sif("concat")

# title: [(object, attribute, value while the variant runs)]
VARIANTS: dict[str, list[tuple[object, str, object]]] = {
    "plain k-means (no over-clustering), LSA 100 (before round 3)": [
        (cluster, "OVER_CLUSTER", 1), (features, "DIMENSIONS", 100)],
    "LSA 100 dimensions": [(features, "DIMENSIONS", 100)],
    "plain k-means (no over-clustering)": [(cluster, "OVER_CLUSTER", 1)],
    "over-clustering at 3k": [(cluster, "OVER_CLUSTER", 3)],
    "k-means restarts 8 instead of 4": [(cluster, "N_INIT", 8)],
    "spectral (kNN graph of 4,000) then k-means": [(cluster, "kmeans", spectral)],
    "Ward on 5,000 then k-means": [(cluster, "kmeans", ward)],
    "HDBSCAN on 5,000, outliers to nearest": [(cluster, "kmeans", hdbscan)],
    "consensus (10 k-means, 3 views, average link)": [(cluster, "kmeans", consensus)],
    "k-means fitted on kNN-smoothed comments": [(cluster, "kmeans", smoothed)],
    "iterative classification (2 rounds)": [(discover, "REFINE_ROUNDS", 2)],
    "SIF word-vector mean instead of TF-IDF mean": [
        (Words, "fit", sif_replace_fit), (Words, "embed", sif_replace_embed)],
    "SIF word-vector mean beside TF-IDF mean": [(Words, "fit", sif_concat_fit), (Words, "embed", sif_concat_embed)],
    "BM25 term weights": [(Space, "__init__", _init_with(BM25Vectorizer))],
    "LSA and word vectors fitted without comments of < 3 terms": [(Space, "fit", _drop_short(3))],
    "word vectors at weight 1": [(features, "WORD_VECTOR_WEIGHT", 1.0)],
    "word vectors at weight 3": [(features, "WORD_VECTOR_WEIGHT", 3.0)],
    "without corpus word vectors": [(features, "WORD_VECTOR_WEIGHT", 0.0)],
    "sentiment weight 0.25": [(features, "SENTIMENT_WEIGHT", 0.25)],
    "without the sentiment dimension": [(features, "SENTIMENT_WEIGHT", 0.0)],
    # round 4
    "without all-but-the-top (LSA block as in round 3)": [(features, "TOP_COMPONENTS", 0)],
    "all-but-the-top: 2 principal directions removed": [(features, "TOP_COMPONENTS", 2)],
    "character 3-5-grams view (SVD 50) at weight 0.5": _extra_view(char_view(), 0.5),
    "character 3-5-grams view at weight 1": _extra_view(char_view(), 1.0),
    "character 2-4-grams view at weight 0.5": _extra_view(char_view(2, 4), 0.5),
    "NMF view (20 topics) at weight 1": _extra_view(nmf_view(20), 1.0),
    "NMF view (20 topics) at weight 0.3": _extra_view(nmf_view(20), 0.3),
    "word vectors from a 5-token window": [(Space, "fit", window_vectors(5))],
    "word vectors from a 3-token window": [(Space, "fit", window_vectors(3))],
    "merge by size-weighted Ward instead of average linkage": [(cluster, "_merge_centres", ward_merge)],
    "final k-means: merged centres + 2 k-means++ starts": [(cluster, "kmeans", restarted)],
    "word-vector block: top direction removed too": word_vectors_top_removed(1),
    "word-vector block: 2 top directions removed": word_vectors_top_removed(2),
    "word-vector block: centred only": word_vectors_top_removed(0),
}


@contextmanager
def switched_on(title: str) -> Iterator[None]:
    """Apply one variant's patches for the duration of the block."""
    patches = VARIANTS[title]
    saved = [(target, name, getattr(target, name)) for target, name, _ in patches]
    try:
        for target, name, value in patches:
            setattr(target, name, value)
        yield
    finally:
        for target, name, value in saved:
            setattr(target, name, value)
