"""Word vectors learnt from the corpus itself: positive PMI of words used in the same comment, reduced by
truncated SVD. Words that keep the same company ("taxi", "transport", "bus driver") get near vectors even
when they never share a comment, and a comment's vector is the TF-IDF-weighted mean of its words' vectors.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

VOCABULARY = 5_000
DIMENSIONS = 50
SAMPLE = 15_000


def _ppmi(binary: sparse.csr_matrix) -> sparse.csr_matrix:
    """Positive pointwise mutual information of term pairs that occur in the same comment."""
    co = (binary.T @ binary).tocoo()
    total = co.data.sum()
    counts = np.asarray(co.sum(axis=1)).ravel()
    pmi = np.log(co.data * total / (counts[co.row] * counts[co.col] + 1e-9))
    keep = (pmi > 0) & (co.row != co.col)
    return sparse.csr_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=co.shape, dtype=np.float32)


class WordVectors:
    """PPMI + SVD vectors for the most frequent terms of a weighted TF-IDF matrix."""

    def __init__(self, vocabulary: int = VOCABULARY, dims: int = DIMENSIONS, seed: int = 0) -> None:
        self.vocabulary, self.dims, self.seed = vocabulary, dims, seed
        self.columns = np.zeros(0, dtype=int)
        self.vectors: np.ndarray | None = None

    def fit(self, weighted: sparse.csr_matrix) -> WordVectors:
        """Learn vectors from the comments' term occurrences (a sample of rows when there are many)."""
        rows = weighted if weighted.shape[0] <= SAMPLE else weighted[
            np.random.default_rng(self.seed).choice(weighted.shape[0], SAMPLE, replace=False)]
        binary = (rows > 0).astype(np.float32).tocsc()
        df = np.asarray(binary.sum(axis=0)).ravel()
        self.columns = np.sort(np.argsort(-df)[:self.vocabulary])
        self.columns = self.columns[df[self.columns] >= 2]
        ppmi = _ppmi(binary[:, self.columns].tocsr())
        dims = min(self.dims, len(self.columns) - 1)
        if dims < 2 or ppmi.nnz == 0:
            self.vectors = None
            return self
        svd = TruncatedSVD(dims, random_state=self.seed, algorithm="randomized", n_iter=4)
        self.vectors = normalize(svd.fit_transform(ppmi)).astype(np.float32)
        return self

    def embed(self, weighted: sparse.csr_matrix) -> np.ndarray | None:
        """Each row's TF-IDF-weighted mean word vector, normalised (None when nothing was learnt)."""
        if self.vectors is None:
            return None
        return normalize(np.asarray(weighted[:, self.columns] @ self.vectors)).astype(np.float32)
