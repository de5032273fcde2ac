"""yousaid text analysis: plain texts in, plain results out (no Flask, no database).

The app calls redact, triage and score_sentiment on each new comment, discover_themes on a
schedule or on demand, and an Assigner trained on reviewed comments to theme new ones.
Names are imported lazily so that `python -m analysis triage` starts quickly.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "clean_text": "analysis.normalise", "content_tokens": "analysis.normalise",
    "tokenise": "analysis.normalise",
    "CommentResult": "analysis.pipeline", "PipelineResult": "analysis.pipeline",
    "analyse_text": "analysis.pipeline", "run_pipeline": "analysis.pipeline",
    "RedactionResult": "analysis.redaction", "Span": "analysis.redaction", "redact": "analysis.redaction",
    "SentimentResult": "analysis.sentiment", "score_sentiment": "analysis.sentiment",
    "Assigner": "analysis.themes", "Assignment": "analysis.themes", "Decisions": "analysis.themes",
    "Quote": "analysis.themes", "Theme": "analysis.themes", "ThemeRun": "analysis.themes",
    "discover_themes": "analysis.themes", "TriageResult": "analysis.triage", "triage": "analysis.triage",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
