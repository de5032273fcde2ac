"""Questions as respondents meet them: default options, conditions, and pages."""

from typing import Any

from surveys.models import Question, SurveyVersion
from surveys.services.capture.symbols import DEFAULT_SCALE, scale_options

# Standard options, shared by the survey editor and the demo surveys.
YES = {"value": "yes", "label": "Yes"}
NO = {"value": "no", "label": "No"}
YES_NO_OPTIONS = [YES, NO]
PREFER_NOT_TO_SAY = {"value": "prefer_not_to_say", "label": "Prefer not to say"}
RATING_OPTIONS = [
    {"value": "1", "label": "Very poor"},
    {"value": "2", "label": "Poor"},
    {"value": "3", "label": "Neither good nor poor"},
    {"value": "4", "label": "Good"},
    {"value": "5", "label": "Very good"},
]
SYMBOL_OPTIONS = scale_options(DEFAULT_SCALE)  # three faces: Happy, OK, Sad
CONSENT_KEYS = ("consent_quote", "consent_contact")
SUPPORTED_BY_KEY = "supported_by"
CHOICE_KINDS = ("rating", "symbol_scale", "single_choice", "yes_no", "consent", "equality")

AnswerValue = str | list[str]


def options_for(question: Question) -> list[dict[str, Any]]:
    """The options a respondent chooses from; yes/no and consent questions default to Yes and No."""
    if question.options:
        return question.options
    if question.kind in ("yes_no", "consent"):
        return YES_NO_OPTIONS
    return []


def option_label(question: Question, value: str) -> str:
    """The label people saw for a stored option value."""
    for option in options_for(question):
        if option["value"] == value:
            return option["label"]
    return value


def is_visible(question: Question, values: dict[str, AnswerValue]) -> bool:
    """A question with a condition shows only when the earlier answer has the given value."""
    if not question.condition_key:
        return True
    earlier = values.get(question.condition_key)
    if isinstance(earlier, list):
        return question.condition_value in earlier
    return earlier == question.condition_value


def visible_questions(version: SurveyVersion, values: dict[str, AnswerValue]) -> list[Question]:
    """Questions the respondent should see, given their answers so far, in order."""
    return [question for question in version.questions if is_visible(question, values)]


def page_numbers(version: SurveyVersion, values: dict[str, AnswerValue]) -> list[int]:
    """The pages that have at least one visible question, in order."""
    return sorted({question.page for question in visible_questions(version, values)})


def questions_on_page(version: SurveyVersion, page: int, values: dict[str, AnswerValue]) -> list[Question]:
    """Visible questions on one page."""
    return [q for q in visible_questions(version, values) if q.page == page]


def display_value(question: Question, value: AnswerValue | None) -> str:
    """An answer as the respondent would read it back on the check page."""
    if value is None or value == "" or value == []:
        return "Not answered"
    if question.kind == "audio":
        return "Audio message sent"
    if isinstance(value, list):
        return ", ".join(option_label(question, item) for item in value)
    if question.kind in CHOICE_KINDS:
        return option_label(question, value)
    return value
