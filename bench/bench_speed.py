"""Speed and memory of the whole pipeline (normalise, redact, triage, sentiment, themes, labels)
on 10,000 and 100,000 comments, and the latency of handling one new comment.

The 100,000 comments are the labelled file resampled with small perturbations (dropped or swapped
words, changed case, a short added clause), so that almost all are distinct texts.

Run: .venv/bin/python bench/bench_speed.py            (both sizes, each in a fresh process)
     .venv/bin/python bench/bench_speed.py --size N   (one size)
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import time

from corpora import ROOT

DATA = ROOT.parent / "shared" / "data" / "nhs_feedback_labelled.csv"
ADDED = ["", "", " Thank you.", " Not happy.", " Please improve.", " The wait was long.", " Staff were kind.",
         " Parking was hard.", " More information please.", " Well done all."]


def load() -> tuple[list[str], list[str]]:
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def perturb(text: str, rng: random.Random) -> str:
    """A plausible variant of a comment."""
    words = text.split()
    if len(words) > 3 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    if len(words) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    out = " ".join(words) + rng.choice(ADDED)
    return out.lower() if rng.random() < 0.1 else out


def corpus(size: int, seed: int = 0) -> list[str]:
    """size comments: the real ones first, then perturbed resamples."""
    texts, _ = load()
    rng = random.Random(seed)
    out = texts[:size]
    while len(out) < size:
        out.append(perturb(rng.choice(texts), rng))
    return out


def cpu_seconds() -> tuple[float, float]:
    """CPU time used so far by this process and by its finished workers (steadier than wall time on a busy
    machine)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest worker, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, workers


def run_size(size: int) -> None:
    from analysis.pipeline import run_pipeline

    texts = corpus(size)
    distinct = len(set(texts))
    started, (parent, children) = time.perf_counter(), cpu_seconds()
    def say(message: str) -> None:
        print(f"    {time.perf_counter() - started:6.1f} s  {message}  (CPU so far: this process "
              f"{cpu_seconds()[0] - parent:.1f} s)")

    result = run_pipeline(texts, seed=0, progress=say)
    elapsed = time.perf_counter() - started
    parent, children = (now - before for now, before in zip(cpu_seconds(), (parent, children), strict=True))
    own, workers = peak_rss_mb()
    print(f"{size:>7,d} comments ({distinct:,d} distinct): {elapsed:6.1f} s, "
          f"{size / elapsed:8,.0f} comments/s, {len(result.themes)} themes, "
          f"peak RSS {own:,.0f} MB (largest worker {workers:,.0f} MB), CPU {parent + children:.1f} s "
          f"(this process {parent:.1f} s, workers {children:.1f} s)", flush=True)


def single_comment_latency() -> None:
    from analysis.pipeline import analyse_text
    from analysis.themes import Assigner

    texts, labels = load()
    assigner = Assigner().fit(texts[:5000], labels[:5000])
    sample = texts[5000:6000]
    for text in sample[:20]:
        assigner.assign(text)
    timings, full = [], []
    for text in sample:
        started = time.perf_counter()
        assigner.assign(text)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        analyse_text(text)
        assigner.assign(text)
        full.append(time.perf_counter() - started)
    timings.sort()
    full.sort()
    print(f"assign one new comment: mean {sum(timings) / len(timings) * 1000:.2f} ms, "
          f"p95 {timings[int(0.95 * len(timings))] * 1000:.2f} ms, max {timings[-1] * 1000:.2f} ms")
    print(f"redact + triage + sentiment + assign one comment: mean {sum(full) / len(full) * 1000:.2f} ms, "
          f"p95 {full[int(0.95 * len(full))] * 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int)
    parser.add_argument("--latency", action="store_true")
    args = parser.parse_args()
    if args.size:
        run_size(args.size)
    elif args.latency:
        single_comment_latency()
    else:
        for size in (10_000, 100_000):
            subprocess.run([sys.executable, __file__, "--size", str(size)], check=True)
        subprocess.run([sys.executable, __file__, "--latency"], check=True)


if __name__ == "__main__":
    main()
