"""Every labelled set the project has, as (texts, labels), for the theme benchmarks and the label test.

- ``nhs``: 10,334 real NHS patient-feedback comments with 9 human labels (``../shared/data``).
- ``demo_send``: SEND feedback composed from the demo's phrase banks (``surveys/services/demo/text.py``):
  parents' accounts of what went wrong and what went well, young people's and practitioners' words, and
  short "nothing" answers, each labelled with the demo theme it was written for. It is synthetic and easier
  than real feedback (a few hundred sentences recombined), so it checks SEND vocabulary, not difficulty.
"""

from __future__ import annotations

import csv
import random

from corpora import ROOT

NHS = ROOT.parent / "shared" / "data" / "nhs_feedback_labelled.csv"
SEND_SIZE = 3_000


def nhs() -> tuple[list[str], list[str]]:
    """The NHS feedback and its 9 labels."""
    with NHS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def demo_send(size: int = SEND_SIZE, seed: int = 0) -> tuple[list[str], list[str]]:
    """size demo SEND comments, each written for one theme (label: the demo theme key, or the topic)."""
    from surveys.services.demo import text
    from surveys.services.demo.themes import TOPIC_THEME

    rng = random.Random(seed)
    composer = text.Composer(rng)
    makers = (
        [(lambda t=t: composer.parent_negative(t, rng.randint(1, 5)), t) for t in text.PARENT_NEGATIVE]
        + [(lambda t=t: composer.parent_positive(t), t) for t in text.PARENT_POSITIVE]
        + [(lambda t=t: composer.young_person(t), t) for t in text.YOUNG_PERSON if t != "school_help"]
        + [(lambda t=t: composer.practitioner(t), t) for t in text.PRACTITIONER]
    )
    texts, labels = [], []
    while len(texts) < size:
        if rng.random() < 0.08:
            texts.append(composer.short(text.SHORT_NEUTRAL + text.SHORT_NEGATIVE).text)
            labels.append("nothing")
            continue
        make, topic = rng.choice(makers)
        composed = make()
        if len(composed.topics) != 1:  # written about two topics: no single right answer
            continue
        texts.append(composed.text)
        labels.append(TOPIC_THEME.get(composed.topics[0], composed.topics[0]))
    return texts, labels


SETS = {"nhs": nhs, "demo_send": demo_send}
