"""Analysing many imported texts at once, exactly as ``surveys.services.understand.comments.analyse_comment`` does.

Triage runs a chunk of texts at a time, which is much faster with its learned model and gives the same
results. Identical texts are analysed once; from ``PARALLEL_FROM`` distinct texts the work is shared by worker
processes. No database here: plain texts in, the analysed fields of each out.
"""

import os
import signal
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from importlib import import_module
from typing import Any, Protocol

from analysis.pipeline import warm
from analysis.redaction import redact
from analysis.sentiment import score_sentiment
from analysis.workers import map_chunks
from surveys.models import utcnow

_triage = import_module("analysis.triage")  # the module (``analysis.triage`` as an attribute is the function)
PARALLEL_FROM = 2_000
CHUNK = 250
MAX_WORKERS = 8


class Bar(Protocol):
    """A progress bar: told how many more items are done."""

    def update(self, n: int) -> None: ...


Progress = Callable[[str, int | None], Any]  # (label, length or None) -> a context manager giving a Bar


class Silent:
    """A progress bar that shows nothing."""

    def update(self, n: int) -> None:
        pass


def triage_many(texts: list[str]) -> list:
    """Triage many texts at once (one call to its model), or one at a time where that is not available."""
    batch = getattr(_triage, "triage_many", None)
    return batch(texts) if batch is not None else [_triage.triage(text) for text in texts]


def _analyse_chunk(texts: list[str], known: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> list[dict[str, Any]]:
    """The columns ``surveys.services.understand.comments.analyse_comment`` fills, for each text.

    The same calls and the same fields as analyse_comment, except that triage runs on the whole chunk at
    once: its learned model costs milliseconds per call but little more per extra text, and scores each
    text on its own, so the results are the same (tests compare them with analyse_comment).
    """
    flags = triage_many(texts)
    now = utcnow()
    fields = []
    for text, flag in zip(texts, flags, strict=True):
        redaction = redact(text, *known)
        sentiment = score_sentiment(text)
        fields.append({
            "redacted_text": redaction.text,
            "redaction_spans": [asdict(span) for span in redaction.spans],
            "safeguarding_flag": flag.flagged,
            "safeguarding_reason": flag.reason[:200],
            "sentiment": sentiment.label,
            "sentiment_score": sentiment.compound,
            "emotions": dict(sentiment.emotions),
            "analysed_at": now,
        })
    return fields


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it rolls back)


def default_workers() -> int:
    """Worker processes for analysis: the CPUs this process may use, at most MAX_WORKERS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def analyse_texts(texts: list[str], *, workers: int | None = None, bar: Bar | None = None,
                  known: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> list[dict[str, Any]]:
    """The analysed fields of each text, in order; identical texts are analysed once.

    ``known`` holds the staff and school names the database knows, for redaction.
    """
    bar = bar or Silent()
    unique = list(dict.fromkeys(texts))
    chunks = [unique[i:i + CHUNK] for i in range(0, len(unique), CHUNK)]
    workers = default_workers() if workers is None else workers
    parallel = workers > 1 and len(unique) >= PARALLEL_FROM
    if parallel:
        warm()  # the lists and models loaded once, before the workers are forked, so they share them
    results = map_chunks(partial(_analyse_chunk, known=known), chunks, workers if parallel else 1,
                         lambda n, _total: bar.update(len(chunks[n - 1])), initializer=_quiet_worker)
    by_text = dict(zip(unique, results, strict=True))
    return [by_text[text] for text in texts]
