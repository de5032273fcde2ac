"""Is this response personal? A warning when a response is mostly the same words as one already sent.

Families say they "get generic responses to complaints; they feel unheard". We compare a response
with the responses already sent, as overlapping runs of three words ("shingles"): the score is the
share of this response's shingles that also appear in the other one. 1.0 means every phrase of it
was sent before. Quoted passages (the person's own words, which the response editor opens with)
are left out on both sides: what counts is whether what *we* wrote answers this person.
Warn, never block: staff decide.

The threshold is ``SIMILARITY_THRESHOLD``, or the app setting CASE_RESPONSE_SIMILARITY_THRESHOLD.
"""

import re
from dataclasses import dataclass

from flask import current_app, has_app_context
from sqlalchemy import select

from surveys.models import Case, User, db
from surveys.services.platform.scoping import scoped

SIMILARITY_THRESHOLD = 0.8
SHINGLE_WORDS = 3
COMPARE_LIMIT = 2000  # the most recent responses sent; older ones rarely matter and this keeps pages fast
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')


@dataclass(frozen=True)
class SimilarResponse:
    """The response already sent that is most like this one."""

    case_id: int
    reference: str
    score: float

    @property
    def percent(self) -> int:
        """The score as a whole percentage, for people."""
        return round(self.score * 100)


def threshold() -> float:
    """The score at or above which a response is "mostly identical"."""
    if has_app_context():
        return float(current_app.config.get("CASE_RESPONSE_SIMILARITY_THRESHOLD", SIMILARITY_THRESHOLD))
    return SIMILARITY_THRESHOLD


def our_words(text: str) -> str:
    """The text without quoted passages: what the writer wrote themselves."""
    return QUOTED.sub(" ", text or "")


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """Runs of ``size`` words of our own, lower case, punctuation ignored; a shorter text is one run."""
    words = WORD.findall(our_words(text).lower().replace("\u2019", "'"))
    if len(words) <= size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def containment(text_shingles: frozenset, other_shingles: frozenset) -> float:
    """The share of the first text's shingles found in the second (0 when the first is empty)."""
    if not text_shingles:
        return 0.0
    return len(text_shingles & other_shingles) / len(text_shingles)


def similarity(text: str, other: str) -> float:
    """How much of ``text`` is the same wording as ``other``, from 0 to 1."""
    return containment(shingles(text), shingles(other))


def _responses_sent(user: User, exclude_case_id: int | None):
    query = scoped(select(Case.id, Case.reference, Case.response_text), Case, user)
    query = query.where(Case.responded_on.is_not(None), Case.response_text != "")
    if exclude_case_id is not None:
        query = query.where(Case.id != exclude_case_id)
    return db.session.execute(query.order_by(Case.responded_on.desc(), Case.id.desc()).limit(COMPARE_LIMIT))


def most_similar_response(text: str, user: User, *, exclude_case_id: int | None = None) -> SimilarResponse | None:
    """The response sent (among those ``user`` may see) that ``text`` mostly repeats, or None if it is its own."""
    mine = shingles(text)
    if not mine:
        return None
    best: SimilarResponse | None = None
    for case_id, reference, response_text in _responses_sent(user, exclude_case_id):
        score = containment(mine, shingles(response_text))
        if best is None or score > best.score:
            best = SimilarResponse(case_id=case_id, reference=reference, score=score)
    return best if best is not None and best.score >= threshold() else None


def similar_to_case_response(case: Case, user: User) -> SimilarResponse | None:
    """The warning for a case's own response, if it has one that mostly repeats another."""
    if not case.response_text.strip():
        return None
    return most_similar_response(case.response_text, user, exclude_case_id=case.id)
