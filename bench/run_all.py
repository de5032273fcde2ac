"""Run every benchmark in bench/ in turn, each as its own process, and fail if any of them fails.

Run: .venv/bin/python bench/run_all.py            (every bench_*.py, as `make bench` does)
     .venv/bin/python bench/run_all.py triage     (only those whose names contain "triage")

Each benchmark prints its own figures under a heading with its name and how long it took. A separate
process each keeps one benchmark's memory and imports from skewing the next one's figures (bench_speed
starts a fresh process per size for the same reason). The benchmarks are never part of `make test`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Arguments for benchmarks whose full run is too long for a run of them all (the full run is one command away).
RUN_ALL_ARGS = {"bench_load": ["--quick"]}


def benchmarks(names: list[str]) -> list[Path]:
    """The bench_*.py scripts, in name order, or those whose names contain one of ``names``."""
    found = sorted(HERE.glob("bench_*.py"))
    return [path for path in found if not names or any(name in path.stem for name in names)]


def run(path: Path) -> bool:
    """Run one benchmark (defaults, or its RUN_ALL_ARGS), its output going straight to ours; True if it succeeded."""
    print(f"\n== {path.stem} ==", flush=True)
    started = time.perf_counter()
    command = [sys.executable, str(path), *RUN_ALL_ARGS.get(path.stem, [])]
    result = subprocess.run(command, cwd=HERE.parent, check=False)  # noqa: S603
    print(f"-- {path.stem}: {'ok' if result.returncode == 0 else f'FAILED (exit {result.returncode})'} "
          f"in {time.perf_counter() - started:.0f} s", flush=True)
    return result.returncode == 0


def main() -> int:
    chosen = benchmarks(sys.argv[1:])
    if not chosen:
        print(f"No benchmark matches {sys.argv[1:]}", file=sys.stderr)
        return 2
    failed = [path.stem for path in chosen if not run(path)]
    if failed:
        print(f"\n{len(failed)} of {len(chosen)} benchmarks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"\nAll {len(chosen)} benchmarks ran.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
