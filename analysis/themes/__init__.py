"""Themes: discover, label, keep stable across runs, and assign new comments with a trained model."""

from analysis.themes.discover import discover_themes
from analysis.themes.model import Assignment, Decisions, Quote, Theme, ThemeRun

__all__ = ["Assignment", "Decisions", "Quote", "Theme", "ThemeRun", "discover_themes"]
from analysis.themes.assign import Assigner  # noqa: E402

__all__ += ["Assigner"]
