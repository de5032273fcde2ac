"""Where models retrained at run time are kept: a writable place the host app chooses, never the package itself."""

from pathlib import Path

_trained_path: Path | None = None


def use_trained_model_at(path: Path | str | None) -> None:
    """Keep the triage model retrained from staff decisions at ``path`` (the app's instance folder, say) and
    prefer it to the model shipped in the package. None: the shipped model only."""
    global _trained_path
    _trained_path = Path(path) if path is not None else None


def trained_model_path() -> Path | None:
    """The place set by ``use_trained_model_at``, if any."""
    return _trained_path
