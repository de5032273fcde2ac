"""A learned second opinion for safeguarding triage: wording like known disclosures, even unseen wording.

The phrase rules in analysis.triage name the risk; they miss disclosures phrased in ways nobody wrote
down. This model scores how much a text reads like a disclosure from its words and their parts (so
"stabbed", "stabbing" and "stab" share evidence). It is a logistic regression over hashed features,
stored as plain arrays in analysis/data/triage_model.npz: no pickles, the same on every scikit-learn
version, nothing downloaded. Rebuild it with ``python -m analysis.triage_model build`` (see bench/).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

N_FEATURES = 2**18
# Chosen for recall with a workload a safeguarding lead can keep up with (see bench/bench_triage.py).
THRESHOLD = 0.5
MODEL_FILE = "triage_model.npz"

_WORDS = HashingVectorizer(ngram_range=(1, 2), n_features=N_FEATURES, alternate_sign=False, norm=None)
_PARTS = HashingVectorizer(analyzer="char_wb", ngram_range=(4, 4), n_features=N_FEATURES,
                           alternate_sign=False, norm=None, lowercase=True)


def features(texts: Sequence[str]) -> sparse.csr_matrix:
    """Word and word-part features, each block damped (log) and scaled to unit length."""
    blocks = []
    for vectoriser in (_WORDS, _PARTS):
        block = vectoriser.transform(list(texts))
        block.data = np.log1p(block.data)
        blocks.append(normalize(block))
    return sparse.hstack(blocks, format="csr")


@dataclass(frozen=True)
class TriageModel:
    """Weights of the logistic regression, and the score above which a text goes to a person."""

    weights: np.ndarray
    intercept: float
    threshold: float = THRESHOLD

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Probability-like scores in [0, 1], one per text."""
        if not texts:
            return np.zeros(0)
        logits = features(texts) @ self.weights + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32),
                            intercept=np.float64(self.intercept), threshold=np.float64(self.threshold))


@lru_cache(maxsize=1)
def shipped_model() -> TriageModel | None:
    """The model shipped with the package, or None if it is missing (the rules still run)."""
    source = resources.files("analysis") / "data" / MODEL_FILE
    if not source.is_file():
        return None
    with resources.as_file(source) as path, np.load(path) as data:
        return TriageModel(np.asarray(data["weights"], dtype=np.float64), float(data["intercept"]),
                           float(data["threshold"]))


def train(texts: Sequence[str], labels: Sequence[int], c: float = 8.0) -> TriageModel:
    """Fit the model on labelled texts (1 = needs safeguarding review)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit(features(texts), list(labels))
    return TriageModel(model.coef_.ravel().copy(), float(model.intercept_[0]))


def read_corpus(path: Path) -> list[tuple[int, str]]:
    """Lines of ``label<TAB>text``; blank lines and # comments skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((int(label), text))
    return rows


def build(corpus: Path, everyday: Path, send_everyday: Path, out: Path, sample: int = 4000,
          seed: int = 0) -> TriageModel:
    """Train on the written disclosure corpus, with everyday feedback (health and SEND) as negatives."""
    import csv

    rows = read_corpus(corpus)
    with everyday.open(encoding="utf-8") as handle:
        ordinary = [row["text"] for row in csv.DictReader(handle) if row.get("text")]
    send = [line for line in send_everyday.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    negatives = random.Random(seed).sample(ordinary, min(sample, len(ordinary))) + send
    model = train([t for _, t in rows] + negatives, [label for label, _ in rows] + [0] * len(negatives))
    model.save(out)
    return model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.triage_model")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--corpus", type=Path, default=Path("tests/analysis/data/triage_corpus.txt"))
    parser.add_argument("--everyday", type=Path, default=Path("../shared/data/nhs_feedback_labelled.csv"),
                        help="CSV with a text column of ordinary feedback, used as negatives")
    parser.add_argument("--send-everyday", type=Path, default=Path("tests/analysis/data/everyday_send.txt"),
                        help="everyday SEND feedback, one text per line, used as negatives")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / MODEL_FILE)
    args = parser.parse_args(argv)
    build(args.corpus, args.everyday, args.send_everyday, args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
