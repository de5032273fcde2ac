"""Check that the per-comment steps (redaction, triage, sentiment, theme tokens) give the same output as a
reference run: record the reference on one checkout (e.g. main) and compare on another after a speed change.

Sets: "nhs" (the 10,334 labelled NHS comments) and "bench" (bench_speed.py's 100,000-comment corpus), both run
through the pipeline's per-comment stage with its process pool, as run_pipeline runs them.

Run: PYTHONPATH=$PWD .venv/bin/python bench/check_outputs.py record /tmp/ref     (on the reference checkout)
     PYTHONPATH=$PWD .venv/bin/python bench/check_outputs.py compare /tmp/ref    (after the change)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

from bench_speed import corpus, load


def _analyse(texts: list[str], workers: int) -> list:
    from analysis import pipeline

    unique = list(dict.fromkeys(texts))
    if hasattr(pipeline, "analyse_texts"):
        per = pipeline.analyse_texts(unique, workers)
    else:  # checkouts from before this benchmark's change
        per = pipeline._analyse_unique(unique, workers, lambda _msg: None)
    return list(zip(unique, per, strict=True))


def _record(text: str, analysed) -> str:  # noqa: ANN001 - a tuple of the step results
    redaction, triage, sentiment, tokens = analysed
    return json.dumps({
        "text": text,
        "redacted": redaction.text,
        "spans": [[s.start, s.end, s.kind, s.replacement] for s in redaction.spans],
        "triage": [triage.flagged, triage.reason, list(triage.categories)],
        "sentiment": [sentiment.label, sentiment.compound, sorted(sentiment.emotions.items())],
        "tokens": list(tokens),
    }, ensure_ascii=False)


def _sets(size: int) -> dict[str, list[str]]:
    return {"nhs": load()[0], "bench": corpus(size)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, texts in _sets(args.size).items():
        started = time.process_time()
        lines = [_record(t, a) for t, a in _analyse(texts, args.workers)]
        path = args.folder / f"{name}-{args.size}.jsonl.gz"
        if args.mode == "record":
            with gzip.open(path, "wt", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
            print(f"{name}: recorded {len(lines):,d} distinct comments to {path}")
            continue
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            reference = handle.read().splitlines()
        differ = [(a, b) for a, b in zip(reference, lines, strict=False) if a != b]
        if len(reference) != len(lines):
            print(f"{name}: {len(lines):,d} comments, reference has {len(reference):,d}")
            failed = True
        print(f"{name}: {len(lines):,d} distinct comments, {len(differ)} differ from the reference "
              f"(parent CPU {time.process_time() - started:.1f} s)")
        for want, got in differ[:5]:
            print("  reference:", want, "\n  now:      ", got)
        failed = failed or bool(differ)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
