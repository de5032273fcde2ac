"""Themes: discover, label, keep stable across runs, and assign new comments with a trained model.

Importing this package is cheap: scikit-learn and SciPy load when themes are first discovered or an assigner is
first trained, so a web worker that never does either starts without them.
"""

from analysis.themes.model import Assignment, Decisions, Quote, Theme, ThemeRun

__all__ = ["Assignment", "Decisions", "Quote", "Theme", "ThemeRun", "discover_themes"]


def discover_themes(*args, **kwargs) -> ThemeRun:
    """``analysis.themes.discover.discover_themes``, imported when first called."""
    from analysis.themes.discover import discover_themes as discover

    return discover(*args, **kwargs)


from analysis.themes.assign import Assigner  # noqa: E402

__all__ += ["Assigner"]
