"""A learned second opinion for safeguarding triage: wording like known disclosures, even unseen wording.

The phrase rules in analysis.triage name the risk; they miss disclosures phrased in ways nobody wrote
down. This model scores how much a text reads like a disclosure from its words and their parts (so
"stabbed", "stabbing" and "stab" share evidence). It is a logistic regression over hashed features,
stored as plain arrays in analysis/data/triage_model.npz: no pickles, the same on every scikit-learn
version, nothing downloaded. Rebuild it with ``python -m analysis.triage_model build`` (see bench/); staff
decisions on flagged comments are added by the background job (``surveys.jobs.retrain_triage_model``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
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

from analysis.model_files import trained_model_path

N_FEATURES = 2**18
# Chosen for recall with a workload a safeguarding lead can keep up with (see bench/bench_triage.py).
THRESHOLD = 0.5
MODEL_FILE = "triage_model.npz"
CORPUS_FILE = "triage_corpus.txt"  # written disclosures (1) and benign comments (0), label<TAB>text
EVERYDAY_FILE = "triage_everyday.txt"  # everyday feedback, one a line: negatives

_WORDS = HashingVectorizer(ngram_range=(1, 2), n_features=N_FEATURES, alternate_sign=False, norm=None)
_PARTS = HashingVectorizer(analyzer="char_wb", ngram_range=(4, 4), n_features=N_FEATURES,
                           alternate_sign=False, norm=None, lowercase=True)


# Who a comment is about is no evidence of risk: disclosures are mostly about a child ("she", "his"), everyday
# feedback mostly about staff, so the model learnt that "she" alone means risk ("she is proud of her swimming
# certificate" scored 0.94). Third-person pronouns are read as one neutral word.
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|theirs)\b")


def features(texts: Sequence[str]) -> sparse.csr_matrix:
    """Word and word-part features, each block damped (log) and scaled to unit length."""
    neutral = [_THIRD_PERSON.sub("they", text) for text in texts]
    blocks = []
    for vectoriser in (_WORDS, _PARTS):
        block = vectoriser.transform(neutral)
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


def model_path() -> Path:
    """Where a retrained model is saved: the place the app set (``analysis.model_files``), else the package's own
    file (which is what building the shipped model writes)."""
    return trained_model_path() or _data_file(MODEL_FILE)


def _current_path() -> Path:
    """The model to use: a retrained one where there is one, else the shipped one."""
    trained = trained_model_path()
    return trained if trained is not None and trained.exists() else _data_file(MODEL_FILE)


def shipped_model() -> TriageModel | None:
    """The current model, or None if it is missing (the rules still run). Read again when the file changes, so
    a model retrained by the background job is used by every process without a restart."""
    path = _current_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _load(str(path), stamp)


@lru_cache(maxsize=2)
def _load(path: str, stamp: int) -> TriageModel:
    with np.load(path) as data:
        return TriageModel(np.asarray(data["weights"], dtype=np.float64), float(data["intercept"]),
                           float(data["threshold"]))


def train(texts: Sequence[str], labels: Sequence[int], c: float = 8.0,
          weights: Sequence[float] | None = None) -> TriageModel:
    """Fit the model on labelled texts (1 = needs safeguarding review), each read as triage's model reads it."""
    from sklearn.linear_model import LogisticRegression

    from analysis.triage_context import model_view, prepare

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit(features([model_view(prepare(text)) for text in texts]), list(labels), sample_weight=weights)
    return TriageModel(model.coef_.ravel().copy(), float(model.intercept_[0]))


def _data_file(name: str) -> Path:
    return Path(str(resources.files("analysis") / "data" / name))


def read_corpus(path: Path) -> list[tuple[int, str]]:
    """Lines of ``label<TAB>text``; blank lines and # comments skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((int(label), text))
    return rows


def read_lines(path: Path) -> list[str]:
    """Non-blank lines that are not # comments."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def write_everyday(everyday: Path, send_everyday: Path, out: Path, sample: int = 4000, seed: int = 0) -> int:
    """Ship the negatives: a fixed sample of real everyday feedback (CSV with a text column) and everyday SEND
    feedback, so the model can be retrained where the source files are not (the background job)."""
    import csv

    with everyday.open(encoding="utf-8") as handle:
        ordinary = [" ".join(row["text"].split()) for row in csv.DictReader(handle) if row.get("text", "").strip()]
    texts = random.Random(seed).sample(ordinary, min(sample, len(ordinary))) + read_lines(send_everyday)
    header = "# Everyday feedback, none of it a disclosure: negatives for the triage model (one a line).\n" \
             f"# A fixed sample of {everyday.name} and all of {send_everyday.name}; README.md names the sources.\n" \
             "# Written by `python -m analysis.triage_model build --everyday CSV`; do not edit by hand.\n"
    out.write_text(header + "\n".join(texts) + "\n", encoding="utf-8")
    return len(texts)


# A staff decision outweighs a written example: it is this service's own wording, judged by its own lead.
DECISION_WEIGHT = 3.0
# The corpus's written benign comments are chosen to look like risk ("this paperwork is killing me"): they are
# few beside thousands of everyday comments, so each counts more.
TRICKY_WEIGHT = 3.0


def build(out: Path | None = None, decisions: Sequence[tuple[str, bool]] = ()) -> TriageModel:
    """Train on the shipped disclosure corpus, the shipped everyday negatives and staff decisions on flagged
    comments ((text, concern) pairs), and save where the model is loaded from (atomically)."""
    rows = read_corpus(_data_file(CORPUS_FILE))
    negatives = read_lines(_data_file(EVERYDAY_FILE))
    texts = [t for _, t in rows] + negatives + [text for text, _ in decisions]
    labels = [label for label, _ in rows] + [0] * len(negatives) + [int(concern) for _, concern in decisions]
    weights = [1.0 if label else TRICKY_WEIGHT for label, _ in rows] + [1.0] * len(negatives) \
        + [DECISION_WEIGHT] * len(decisions)
    model = train(texts, labels, weights=weights)
    out = out or model_path()
    partial = out.with_name(out.name + ".new.npz")
    model.save(partial)
    os.replace(partial, out)
    return model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.triage_model")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--everyday", type=Path, default=None,
                        help="CSV with a text column of ordinary feedback: refresh the shipped negatives from it")
    parser.add_argument("--send-everyday", type=Path, default=Path("tests/analysis/data/everyday_send.txt"),
                        help="everyday SEND feedback, one text per line, shipped as negatives with --everyday")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.everyday is not None:
        count = write_everyday(args.everyday, args.send_everyday, _data_file(EVERYDAY_FILE))
        print(f"wrote {count} everyday negatives", file=sys.stderr)
    build(args.out)
    print(f"wrote {args.out or model_path()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
