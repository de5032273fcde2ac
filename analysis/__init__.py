"""yousaid text analysis: plain texts in, plain results out (no Flask, no database).

The app calls redact, triage and score_sentiment on each new comment, discover_themes on a
schedule or on demand, and an Assigner trained on reviewed comments to theme new ones.
"""

from analysis.normalise import clean_text, content_tokens, tokenise
from analysis.pipeline import CommentResult, PipelineResult, analyse_text, run_pipeline
from analysis.redaction import RedactionResult, Span, redact
from analysis.sentiment import SentimentResult, score_sentiment
from analysis.themes import Assigner, Assignment, Decisions, Quote, Theme, ThemeRun, discover_themes
from analysis.triage import TriageResult, triage

__all__ = [
    "Assigner", "Assignment", "CommentResult", "Decisions", "PipelineResult", "Quote", "RedactionResult",
    "SentimentResult", "Span", "Theme", "ThemeRun", "TriageResult", "analyse_text", "clean_text",
    "content_tokens", "discover_themes", "redact", "run_pipeline", "score_sentiment", "tokenise", "triage",
]
