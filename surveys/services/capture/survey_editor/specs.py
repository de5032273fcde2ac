"""Questions as plain data, the editor's limits and results, and the option lines and keys staff type."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from surveys.models import Question, Survey, SurveyVersion
from surveys.services.capture.questions import NO, PREFER_NOT_TO_SAY, RATING_OPTIONS, SYMBOL_OPTIONS, YES
from surveys.services.platform.errors import Invalid

KIND_NAMES = {
    "rating": "Rating scale",
    "symbol_scale": "Smiley or symbol scale",
    "single_choice": "Single choice",
    "multiple_choice": "Multiple choice",
    "yes_no": "Yes or no",
    "free_text": "Free text",
    "consent": "Consent",
    "equality": "Equality monitoring",
    "audio": "Audio message",
}
OPTION_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no", "consent", "equality")
CONDITION_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no")
NUMBERED_KINDS = ("rating", "symbol_scale")  # option values are numbers, so answers can be averaged
# Keys the respondent pages read for consent and "who helped you", and the kind each must be.
RESERVED_KEYS = {"consent_quote": "consent", "consent_contact": "consent", "supported_by": "single_choice"}

DEFAULT_TEXT_LENGTH = 2000
MAX_TEXT_LENGTH = 10000
MAX_QUESTIONS = 200
MAX_OPTIONS = 50
MAX_PAGE = 200
LIMITS = {"title": 200, "intro": 5000, "prompt": 1000, "easy_read_prompt": 1000, "hint": 1000, "key": 64,
          "value": 100, "label": 200, "symbol": 16}
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

DEFAULT_OPTIONS = {
    "rating": RATING_OPTIONS,
    "symbol_scale": SYMBOL_OPTIONS,
    "yes_no": [YES, NO],
    "consent": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}],
    "equality": [PREFER_NOT_TO_SAY],
}


class EditorError(Invalid, ValueError):
    """A change that cannot be saved. ``problems`` pairs a form field (or None) with a message.

    Views catch it to show the messages on the form; one that escapes is a 400 like any ``Invalid``.
    """

    def __init__(self, message: str, field: str | None = None, problems: list[tuple[str | None, str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.problems = problems or [(field, message)]


@dataclass(frozen=True)
class QuestionSpec:
    """A question as plain data: what a form or a standard block asks for, before it is a row."""

    key: str
    kind: str
    prompt: str
    easy_read_prompt: str = ""
    hint: str = ""
    required: bool = False
    options: list[dict[str, Any]] = field(default_factory=list)
    max_length: int | None = None
    condition_key: str | None = None
    condition_value: str | None = None
    page: int = 1
    symbols: str | None = None  # a symbol question's scale
    read_aloud: str | None = None  # the file name of an easy-read question's recording
    id: int | None = field(default=None, compare=False)

    @classmethod
    def from_question(cls, question: Question) -> "QuestionSpec":
        """The spec of a saved question, keeping its id."""
        values = {f.name: getattr(question, f.name) for f in fields(cls)}
        values["options"] = [dict(option) for option in question.options or []]
        return cls(**values)

    def column_values(self) -> dict[str, Any]:
        """Values for a Question row (not its id or position)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "id"}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one question (``key``) or the version (key ""), for the form field ``field``."""

    key: str
    field: str | None
    code: str
    message: str

    @property
    def identity(self) -> tuple[str, str | None, str]:
        """Problems with the same identity are the same problem, whatever the wording."""
        return (self.key, self.field, self.code)


@dataclass(frozen=True)
class EditResult:
    """What a change did: the version now current, whether anything changed, and whether it is new."""

    version: SurveyVersion
    changed: bool
    new_version: bool


@dataclass(frozen=True)
class SurveySummary:
    """A survey as the list shows it."""

    survey: Survey
    version_number: int
    questions: int
    responses: int


# --- options and keys --------------------------------------------------------------------------


def slugify(text: str, limit: int = 40) -> str:
    """Lower-case words joined by underscores, for keys and option values."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}_{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


KEY_STOP_WORDS = frozenset(
    "a about an and are at be by can could did do does for from had has have how i if in is it me my of on or our so "
    "that the this to us was we were what when which who why will with would you your".split()
)


def new_key(prompt: str, taken: Iterable[str]) -> str:
    """A short snake_case key from the question's telling words, unique among ``taken``.

    "How well did we listen to you?" gives well_listen; a question of only small words keeps them all.
    """
    taken = set(taken)
    telling = [word for word in re.findall(r"[a-z0-9]+", prompt.lower()) if word not in KEY_STOP_WORDS]
    base = slugify(" ".join(telling), limit=30) or slugify(prompt, limit=30) or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    key, number = base, 2
    while key in taken or key in RESERVED_KEYS:
        key = f"{base[:LIMITS['key'] - 4]}_{number}"
        number += 1
    return key


def parse_options(text: str, kind: str) -> list[dict[str, Any]]:
    """Options from lines of "value | label | symbol", "value | label" or just "label"."""
    options = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3:
            raise EditorError(f"Line {number} has too many parts: use value | label | symbol", "options")
        value, label, symbol = ("", parts[0], "") if len(parts) == 1 else (*parts, "")[:3]
        if not label:
            raise EditorError(f"Enter a label on line {number}", "options")
        option = {"value": value or auto_value(kind, number, label), "label": label}
        if symbol:
            option["symbol"] = symbol
        options.append(option)
    return options


def auto_value(kind: str, number: int, label: str) -> str:
    """A value for an option given only a label: its number on a scale, else a slug of the label."""
    if kind in NUMBERED_KINDS:
        return str(number)
    return slugify(label, limit=LIMITS["value"]) or f"option_{number}"


def format_options(options: list[dict[str, Any]]) -> str:
    """Options as the lines staff edit: "value | label" or "value | label | symbol"."""
    lines = []
    for option in options or []:
        parts = [str(option.get("value", "")), str(option.get("label", ""))]
        if option.get("symbol"):
            parts.append(str(option["symbol"]))
        lines.append(" | ".join(parts))
    return "\n".join(lines)
