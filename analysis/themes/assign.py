"""Assign new comments to reviewed themes with a model trained on people's decisions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.linear_model import SGDClassifier

from analysis.normalise import content_tokens
from analysis.themes.model import Assignment
from analysis.themes.short_answers import is_short_answer

REVIEW_BELOW = 0.5


def _features(text: str) -> list[str]:
    from analysis.themes.features import with_bigrams  # with scikit-learn, loaded on first use

    grams = with_bigrams(content_tokens(text))
    return grams + ["_short_answer"] if is_short_answer(text) else grams


class Assigner:
    """A classifier over reviewed (text, theme id) pairs; assigns one comment in about a millisecond.

    confidence is the model's probability for the chosen theme; below review_below the assignment is
    marked for the review queue. With a single theme every comment goes to it, confidence from overlap.
    """

    def __init__(self, review_below: float = REVIEW_BELOW, seed: int = 0) -> None:
        self.review_below, self.seed = review_below, seed
        from sklearn.feature_extraction.text import TfidfVectorizer  # loaded on first use, not at start-up

        self.vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.model: SGDClassifier | None = None
        self.classes: list[str] = []

    def fit(self, texts: Sequence[str], theme_ids: Sequence[str]) -> Assigner:
        """Train on reviewed comments and the themes people put them in."""
        if len(texts) != len(theme_ids) or not texts:
            raise ValueError("need one theme id per text, and at least one text")
        x = self.vectorizer.fit_transform([_features(t) for t in texts])
        self.classes = sorted(set(theme_ids))
        if len(self.classes) > 1:
            # Logistic loss by SGD: probabilities like logistic regression, trained in a fraction of
            # a second on thousands of reviewed comments (lbfgs took tens of seconds).
            from sklearn.linear_model import SGDClassifier

            self.model = SGDClassifier(loss="log_loss", alpha=5e-5, class_weight="balanced", max_iter=200,
                                       tol=1e-4, random_state=self.seed)
            self.model.fit(x, list(theme_ids))
        else:
            self.model, self._centre = None, np.asarray(x.mean(axis=0)).ravel()
        return self

    def _probabilities(self, texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
        x = self.vectorizer.transform([_features(t) for t in texts])
        if self.model is not None:
            return list(self.model.classes_), self.model.predict_proba(x)
        sims = x @ self._centre / max(1e-9, float(np.linalg.norm(self._centre)))
        return self.classes, np.clip(np.asarray(sims).reshape(-1, 1), 0, 1)

    def assign_many(self, texts: Sequence[str]) -> list[Assignment]:
        """One assignment per text."""
        if not self.classes:
            raise ValueError("fit the assigner first")
        classes, probs = self._probabilities(texts)
        best = probs.argmax(axis=1)
        return [Assignment(classes[b], round(float(p[b]), 4), needs_review=float(p[b]) < self.review_below)
                for b, p in zip(best, probs, strict=True)]

    def assign(self, text: str) -> Assignment:
        """The theme for one new comment, with a confidence."""
        return self.assign_many([text])[0]


def _identity(tokens: list[str]) -> list[str]:
    return tokens
