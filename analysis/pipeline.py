"""Run every step on a list of comments: normalise, redact, triage, sentiment, then themes."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from analysis.normalise import content_tokens
from analysis.redaction import RedactionResult, redact
from analysis.sentiment import SentimentResult, score_sentiment
from analysis.themes import Decisions, Theme, discover_themes
from analysis.themes.codebook import CodebookEntry
from analysis.triage import TriageResult, triage, triage_many
from analysis.workers import chunked, map_chunks

# From this many distinct comments the work is shared by worker processes (forked with everything loaded).
PARALLEL_FROM = 5_000
CHUNK = 2_000


@dataclass
class CommentResult:
    """Everything the pipeline learnt about one comment."""

    redaction: RedactionResult
    triage: TriageResult
    sentiment: SentimentResult
    theme_id: str | None = None
    confidence: float = 0.0
    needs_review: bool = False

    @property
    def publishable_text(self) -> str | None:
        """The redacted text, or None when the comment is flagged for safeguarding (never published)."""
        return None if self.triage.flagged else self.redaction.text


@dataclass
class PipelineResult:
    """Per-comment results, in input order, and the themes."""

    comments: list[CommentResult]
    themes: list[Theme] = field(default_factory=list)


_KNOWN: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
Analysed = tuple[RedactionResult, TriageResult, SentimentResult, list[str]]


def analyse_text(text: str) -> Analysed:
    """Redaction, triage, sentiment and theme tokens of one comment (names/schools set per process)."""
    return redact(text, *_KNOWN), triage(text), score_sentiment(text), content_tokens(text)


def _analyse_chunk(texts: list[str]) -> list[Analysed]:
    # One step over the whole chunk, then the next: about 6% less CPU than every step per comment in turn
    # (each step's code and tables stay in the processor's caches). The triage model scores a batch at once.
    flags = triage_many(texts)
    redacted = [redact(t, *_KNOWN) for t in texts]
    sentiments = [score_sentiment(t) for t in texts]
    tokens = [content_tokens(t) for t in texts]
    return list(zip(redacted, flags, sentiments, tokens, strict=True))


def _set_known(known: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    global _KNOWN
    _KNOWN = known


# Comments that take every path through the steps, so that warm() loads every list and model they use.
_WARM_TEXTS = [
    "My son Jack Smith-Jones at Oakfield Primary School was hurt, call 07700 900123 or write to a@b.org.",
    "Staff were kind and the wait was not long at all, thank you Hodan for listening.",
    "i am chidi and my daughter feels unsafe at home, she says she wants to die",
]


def warm() -> None:
    """Load every lazily built list and model the steps use (name lists, word frequencies, VADER, the stemmer,
    the triage model) in this process, so workers forked afterwards share them instead of each loading them."""
    _analyse_chunk(_WARM_TEXTS)


def analyse_texts(unique: list[str], workers: int, say: Callable[[str], None] | None = None) -> list[Analysed]:
    """Redaction, triage, sentiment and theme tokens of each text, in order; shared by ``workers`` processes
    from PARALLEL_FROM texts."""
    workers = workers if len(unique) >= PARALLEL_FROM else 1
    chunks = chunked(unique, workers, CHUNK)

    def done(n: int, total: int) -> None:
        if say and (n % 10 == 0 or n == total):
            say(f"analysed {min(n * len(chunks[0]), len(unique))}/{len(unique)} distinct comments")

    if workers > 1:
        warm()
    return map_chunks(_analyse_chunk, chunks, workers, done, initializer=_set_known, initargs=(_KNOWN,))


def run_pipeline(
    texts: Sequence[str], k: int | None = None, existing_themes: Sequence[Theme] = (),
    decisions: Decisions | None = None, consent: Sequence[bool] | None = None,
    keys: Sequence[int | str] | None = None,
    known_names: Sequence[str] = (), known_schools: Sequence[str] = (),
    workers: int | None = None, seed: int = 0, progress: Callable[[str], None] | None = None,
    codebook: Sequence[CodebookEntry] = (),
) -> PipelineResult:
    """Analyse every comment (identical texts once) and discover themes over them all."""
    say = progress or (lambda _msg: None)
    texts = [t if isinstance(t, str) else "" for t in texts]
    _set_known((tuple(known_names), tuple(known_schools)))
    unique = list(dict.fromkeys(texts))
    say(f"analysing {len(texts)} comments ({len(unique)} distinct)")
    by_text = dict(zip(unique, analyse_texts(unique, workers or os.cpu_count() or 1, say), strict=True))
    per = [by_text[t] for t in texts]
    run = discover_themes(
        texts, k=k, existing_themes=existing_themes, decisions=decisions, consent=consent, keys=keys,
        flagged=[p[1].flagged for p in per], tokens=[p[3] for p in per],
        compounds=[p[2].compound for p in per], known_names=known_names, known_schools=known_schools,
        seed=seed, progress=say, redacted=[p[0].text for p in per], codebook=codebook,
    )
    comments = [CommentResult(r, t, s, a.theme_id, a.confidence, a.needs_review or t.flagged)
                for (r, t, s, _), a in zip(per, run.assignments, strict=True)]
    return PipelineResult(comments, run.themes)
