"""The space comments are compared in: TF-IDF of stemmed words and bigrams, LSA, plus sentiment.

The LSA block is post-processed "all but the top": centred on the corpus mean, and its first principal
direction (what nearly every comment shares) removed before normalising (bench/THEMES.md, round 4).

Evaluative words ("good", "lovely", "awful") are scaled down so that themes gather around what
people talk about; how they feel about it enters once, as the sentiment dimension.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.normalise import stem
from analysis.redaction.wordlists import vader_words
from analysis.themes.wordvectors import WordVectors

OPINION_WEIGHT = 0.3
SENTIMENT_WEIGHT = 0.5
DIMENSIONS = 50  # LSA dimensions (100 before round 3 in bench/THEMES.md: 50 scored higher on both sets)
MAX_TERMS = 20_000
SVD_SAMPLE = 20_000
TOP_COMPONENTS = 1  # principal directions of the LSA block removed (0: off); see bench/THEMES.md round 4
# Corpus-learnt word vectors (PPMI + SVD) beside LSA, with this weight (0: off); see bench/THEMES.md.
WORD_VECTOR_WEIGHT = 2.0


def with_bigrams(tokens: list[str]) -> list[str]:
    """Unigrams plus adjacent pairs ("annual_review", "wait list")."""
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


@lru_cache(maxsize=1)
def opinion_stems() -> frozenset[str]:
    """Stems of the words in the VADER lexicon."""
    return frozenset(stem(w) for w in vader_words())


def _sample_rows(n: int, size: int, seed: int) -> np.ndarray:
    """All row indices, or a fixed random sample of them when there are more than size."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size, replace=False))


def _identity(tokens: list[str]) -> list[str]:
    return tokens


class FeatureSpace:
    """Fitted once per run on the comments' stemmed tokens; embeds comments and theme profiles."""

    def __init__(self, dims: int | None = None, seed: int = 0) -> None:
        self.dims, self.seed = dims or DIMENSIONS, seed
        self.vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        self.svd: TruncatedSVD | None = None
        self.weights = np.ones(0, dtype=np.float32)
        self.terms: np.ndarray = np.array([])
        self.index: dict[str, int] = {}
        self.words: WordVectors | None = None
        self.centre = np.zeros(0, dtype=np.float32)
        self.top = np.zeros((0, 0), dtype=np.float32)

    def fit(self, docs: Sequence[list[str]]) -> sparse.csr_matrix:
        """Learn vocabulary, term weights and LSA from token lists; return their weighted TF-IDF."""
        grams = [with_bigrams(d) for d in docs]
        self.vectorizer.set_params(min_df=2 if len(docs) >= 50 else 1, max_features=MAX_TERMS)
        try:
            tfidf = self.vectorizer.fit_transform(grams)
        except ValueError:  # no terms at all (every comment empty): one constant feature
            self.vectorizer.set_params(min_df=1)
            tfidf = self.vectorizer.fit_transform([["_empty"]] * len(docs))
        self.terms = self.vectorizer.get_feature_names_out()
        self.index = {t: i for i, t in enumerate(self.terms)}
        opinion = opinion_stems()
        self.weights = np.array(
            [OPINION_WEIGHT if all(p in opinion for p in t.split()) else 1.0 for t in self.terms],
            dtype=np.float32,
        )
        weighted = normalize(tfidf @ sparse.diags(self.weights))
        dims = min(self.dims, weighted.shape[1] - 1, weighted.shape[0] - 1)
        self.svd = None
        if dims >= 1:  # too few terms or comments for LSA: compare raw TF-IDF instead
            self.svd = TruncatedSVD(dims, random_state=self.seed, algorithm="randomized", n_iter=4)
            sample = weighted[_sample_rows(weighted.shape[0], SVD_SAMPLE, self.seed)]
            self.svd.fit(sample)
            self._fit_top(normalize(self.svd.transform(sample)))
        self.words = WordVectors(seed=self.seed).fit(weighted) if WORD_VECTOR_WEIGHT else None
        return weighted

    def _fit_top(self, reduced: np.ndarray) -> None:
        """Learn the mean and the top principal directions of the normalised LSA rows (all-but-the-top)."""
        top = min(TOP_COMPONENTS, reduced.shape[1] - 1, reduced.shape[0] - 1)
        if top < 1:
            self.centre, self.top = np.zeros(0, dtype=np.float32), np.zeros((0, 0), dtype=np.float32)
            return
        self.centre = reduced.mean(axis=0).astype(np.float32)
        directions = np.linalg.svd(reduced - self.centre, full_matrices=False)[2]
        self.top = directions[:top].astype(np.float32)

    def _lsa(self, weighted: sparse.csr_matrix) -> np.ndarray:
        """Normalised LSA rows, centred and with the top principal directions removed when learnt."""
        if self.svd is None:
            return normalize(weighted.toarray()).astype(np.float32)
        reduced = normalize(self.svd.transform(weighted))
        if len(self.centre):
            reduced = reduced - self.centre
            reduced = reduced - (reduced @ self.top.T) @ self.top
        return normalize(reduced).astype(np.float32)

    def tfidf(self, docs: Sequence[list[str]]) -> sparse.csr_matrix:
        """Weighted, normalised TF-IDF of token lists in the fitted vocabulary."""
        counts = self.vectorizer.transform([with_bigrams(d) for d in docs])
        return normalize(counts @ sparse.diags(self.weights))

    def embed(self, weighted: sparse.csr_matrix, compounds: np.ndarray) -> np.ndarray:
        """LSA of weighted TF-IDF rows, normalised, with the sentiment dimension appended."""
        lsa = self._lsa(weighted)
        words = self.words.embed(weighted) if self.words is not None else None
        if words is not None:
            lsa = normalize(np.hstack([lsa, WORD_VECTOR_WEIGHT * words])).astype(np.float32)
        return np.hstack([lsa, SENTIMENT_WEIGHT * np.asarray(compounds, dtype=np.float32)[:, None]])

    def profile_vector(self, term_weights: dict[str, float]) -> sparse.csr_matrix:
        """A stored term profile as one weighted TF-IDF row in this run's vocabulary."""
        row = np.zeros(len(self.terms), dtype=np.float32)
        for term, weight in term_weights.items():
            if term in self.index:
                row[self.index[term]] = weight
        return normalize(sparse.csr_matrix(row))

    def embed_profile(self, term_weights: dict[str, float], sentiment: float) -> np.ndarray:
        """Embedding of a stored theme profile, comparable with embedded comments."""
        return self.embed(self.profile_vector(term_weights), np.array([sentiment]))[0]
