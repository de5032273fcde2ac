"""Sharing per-item work between forked workers: order kept, every item once, the collector switched back on."""

import gc
import os

import pytest

from analysis.workers import chunked, gc_paused, map_chunks


def _square_with_pid(chunk):
    return [(x * x, os.getpid()) for x in chunk]


def test_chunks_keep_order_and_give_each_worker_several():
    items = list(range(103))
    chunks = chunked(items, workers=2, largest=50)
    assert [x for chunk in chunks for x in chunk] == items
    assert len(chunks) >= 8 and max(len(c) for c in chunks) <= 50
    assert chunked(items, workers=1, largest=10) == [items[i:i + 10] for i in range(0, 103, 10)]
    assert chunked([], workers=2, largest=10) == []


def test_parallel_gives_the_serial_results_in_order_from_other_processes():
    chunks = chunked(list(range(200)), workers=2, largest=10)
    done = []
    parallel = map_chunks(_square_with_pid, chunks, workers=2, done=lambda n, total: done.append((n, total)))
    serial = map_chunks(_square_with_pid, chunks, workers=1)
    assert [x for x, _ in parallel] == [x for x, _ in serial] == [i * i for i in range(200)]
    assert {pid for _, pid in parallel} - {os.getpid()}  # really done elsewhere
    assert {pid for _, pid in serial} == {os.getpid()}
    assert done == [(n, len(chunks)) for n in range(1, len(chunks) + 1)]
    assert gc.isenabled()


def _fail(chunk):
    raise ValueError(f"bad chunk {chunk[0]}")


def test_a_failing_worker_raises_in_the_caller_and_the_collector_comes_back():
    with pytest.raises(ValueError, match="bad chunk"):
        map_chunks(_fail, [[1], [2], [3]], workers=2)
    assert gc.isenabled()


def test_gc_paused_restores_the_callers_setting():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
