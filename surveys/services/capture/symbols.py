"""Symbol scales for easy read: consistent pictures (SVG files) that always sit beside their words.

The pictures are Twemoji graphics (CC-BY 4.0) from the npm package ``@twemoji/svg``, chosen over emoji
characters because characters look different on every device and show as empty boxes where a device has no
emoji font. ``assets/symbols.json`` names each picture; ``scripts/build-assets`` copies only those files to
``surveys/static/symbols/<name>.svg``. An option stores the picture's name in its ``symbol``; a name we do not
know shows no picture, only the word (never a character).

Each scale's values are whole numbers, highest the most positive, so answers can be averaged like a rating and
``impact`` counts the options above the middle as positive.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYMBOL_FILES: dict[str, str] = {
    name: code for name, code in json.loads(
        (Path(__file__).resolve().parents[3] / "assets" / "symbols.json").read_text(encoding="utf-8")
    ).items() if not name.startswith("_")
}


@dataclass(frozen=True)
class Scale:
    """A set of answers with pictures that staff choose for a symbol question."""

    name: str
    options: tuple[tuple[str, str, str], ...]  # (value, label, symbol name)

    def as_options(self) -> list[dict[str, Any]]:
        """The scale as a question's options."""
        return [{"value": value, "label": label, "symbol": symbol} for value, label, symbol in self.options]


SCALES: dict[str, Scale] = {
    "three_faces": Scale("Three faces: happy, OK, sad", (("3", "Happy", "happy"), ("2", "OK", "ok"),
                                                           ("1", "Sad", "sad"))),
    "five_faces": Scale("Five faces: very happy to very sad", (
        ("5", "Very happy", "very_happy"), ("4", "Happy", "happy"), ("3", "OK", "ok"), ("2", "Sad", "sad"),
        ("1", "Very sad", "very_sad"))),
    "thumbs": Scale("Thumbs up or thumbs down", (("2", "Thumbs up", "thumbs_up"),
                                                 ("1", "Thumbs down", "thumbs_down"))),
    "yes_no_not_sure": Scale("Yes, no or not sure", (("3", "Yes", "yes"), ("1", "No", "no"),
                                                     ("2", "Not sure", "not_sure"))),
}
DEFAULT_SCALE = "three_faces"  # what every symbol question had before staff could choose


def scale_options(scale: str | None) -> list[dict[str, Any]]:
    """The options of a named scale (the default scale for an unknown name)."""
    return SCALES.get(scale or "", SCALES[DEFAULT_SCALE]).as_options()


def picture(option: dict[str, Any]) -> str | None:
    """The static file path of an option's picture, like ``symbols/happy.svg``, or None when it has none."""
    name = str(option.get("symbol") or "")
    return f"symbols/{name}.svg" if name in SYMBOL_FILES else None
