"""Unicode clean-up shared by every step (kept free of heavy imports so the CLI starts quickly)."""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u200b": "", "\ufeff": "",
})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str | None) -> str:
    """Text with Unicode normalised (NFKC, straight quotes), controls removed, spaces collapsed."""
    if not text:
        return ""
    text = str(text)
    if text.isascii():  # already NFKC; only the backtick needs translating
        text = text.replace("`", "'") if "`" in text else text
    else:
        text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()
