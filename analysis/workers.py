"""Share per-item work between worker processes forked after the models are loaded, so none loads its own.

The caller loads what the work needs first (``warm``); the pool is then forked, and each worker starts
with the name lists, word frequencies and models already in memory (shared with the parent until
written to). Results are gathered with the garbage collector paused: unpickling a worker's results makes
tens of thousands of small objects, and each collection would otherwise walk every result gathered so
far (that cost grows with the input, about 3 s of 100,000 comments' 45 s before this).
"""

from __future__ import annotations

import gc
import math
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def chunked(items: Sequence[T], workers: int, largest: int) -> list[Sequence[T]]:
    """items in order, cut into chunks of at most ``largest``, at least four per worker so none waits long
    for the others at the end."""
    size = max(1, min(largest, math.ceil(len(items) / max(1, workers * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Switch the cyclic garbage collector off inside the block (reference counting still frees memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def map_chunks(work: Callable[[Sequence[T]], list[R]], chunks: Sequence[Sequence[T]], workers: int,
               done: Callable[[int, int], None] | None = None,
               initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> list[R]:
    """``work`` applied to each chunk, results flattened in order: in this process when ``workers`` <= 1 or
    there is one chunk, else in a pool of forked workers. ``done(chunks_done, chunks)`` after each chunk."""
    out: list[R] = []
    if workers <= 1 or len(chunks) <= 1:
        for n, chunk in enumerate(chunks, 1):
            out.extend(work(chunk))
            if done:
                done(n, len(chunks))
        return out
    with _context().Pool(min(workers, len(chunks)), initializer=initializer, initargs=initargs) as pool, \
            gc_paused():
        for n, part in enumerate(pool.imap(work, chunks), 1):
            out.extend(part)
            if done:
                done(n, len(chunks))
    return out
