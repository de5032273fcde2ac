"""Redaction benchmark: recall per kind of planted identifier, over-redaction of clean text, and what each part
of the name finder adds (ablation: the corpora again with one part switched off).

Run: .venv/bin/python bench/bench_redaction.py
"""

from __future__ import annotations

import time
from collections import Counter

from corpora import KNOWN_NAMES, KNOWN_SCHOOLS, redaction_corpus

from analysis.redaction import PARTS, redact

CORPORA = (
    ("redaction_corpus.txt", "development"),
    ("redaction_holdout.txt", "held-out"),
    ("redaction_origins.txt", "development, many origins and addresses"),
    ("redaction_fresh.txt", "fresh held-out, scored once"),
)


def _covered(span: tuple[int, int, str], found: list[tuple[int, int]]) -> bool:
    start, end, _ = span
    return any(s <= start and end <= e for s, e in found)


def main() -> None:
    """Every corpus in full, then the ablation of each part."""
    for name, title in CORPORA:
        report(name, title)
    ablation()


def ablation() -> None:
    """Name and address recall, and wrongly redacted words, over every corpus with each part switched off."""
    print("ablation (all corpora): part switched off -> name recall, address recall, words redacted wrongly")
    for off in ("none", *sorted(PARTS)):
        planted, caught, wrong, total = Counter(), Counter(), 0, 0
        for name, _ in CORPORA:
            for item in redaction_corpus(name):
                result = redact(item.text, KNOWN_NAMES, KNOWN_SCHOOLS, parts=PARTS - {off})
                found = [(s.start, s.end) for s in result.spans]
                for span in item.spans:
                    planted[span[2]] += 1
                    caught[span[2]] += _covered(span, found)
                extra = [s for s in result.spans if not any(s.start < e and p < s.end for p, e, _ in item.spans)]
                wrong += sum(len(item.text[s.start:s.end].split()) for s in extra)
                total += len(item.text.split())
        print(f"  without {off:8s} name {caught['name'] / planted['name']:6.1%}  "
              f"address {caught['address'] / max(1, planted['address']):6.1%}  wrong words {wrong / total:.2%}")


def report(name: str, title: str, verbose: bool = True) -> None:
    """Print recall per kind, words wrongly redacted (over-redaction), and clean comments changed."""
    corpus = redaction_corpus(name)
    planted, caught = Counter(), Counter()
    clean = changed = wrong_words = total_words = 0
    misses = []
    started = time.perf_counter()
    for item in corpus:
        result = redact(item.text, KNOWN_NAMES, KNOWN_SCHOOLS)
        found = [(s.start, s.end) for s in result.spans]
        for span in item.spans:
            planted[span[2]] += 1
            if _covered(span, found):
                caught[span[2]] += 1
            else:
                misses.append(f"{span[2]}: {item.text}")
        extra = [s for s in result.spans if not any(s.start < e and p < s.end for p, e, _ in item.spans)]
        wrong_words += sum(len(item.text[s.start:s.end].split()) for s in extra)
        misses += [f"over-redacted {item.text[s.start:s.end]!r}: {item.text}" for s in extra if item.spans]
        total_words += len(item.text.split())
        if not item.spans:
            clean += 1
            changed += bool(result.spans)
            if result.spans:
                misses.append(f"false positive: {result.text}")
    elapsed = time.perf_counter() - started
    print(f"{title} redaction corpus: {len(corpus)} comments, {sum(planted.values())} planted identifiers")
    for kind in sorted(planted):
        print(f"  {kind:12s} recall {caught[kind] / planted[kind]:6.1%}  ({caught[kind]}/{planted[kind]})")
    print(f"  overall      recall {sum(caught.values()) / sum(planted.values()):6.1%}")
    print(f"false positives: {changed}/{clean} clean comments changed ({changed / max(1, clean):.1%}); "
          f"{wrong_words}/{total_words} words redacted wrongly ({wrong_words / max(1, total_words):.2%})")
    print(f"time: {elapsed * 1000 / len(corpus):.3f} ms per comment")
    for line in misses if verbose else ():
        print("  miss/FP ->", line)


if __name__ == "__main__":
    main()
