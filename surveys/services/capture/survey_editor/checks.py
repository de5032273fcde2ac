"""The checks on a version's questions and a survey's details: find every problem, refuse only the new ones.

Checks look at the whole version after a change and refuse only problems the change brings in,
so a survey loaded with older, looser data can still be edited.
"""

import re
from typing import Any

from surveys.models import AUDIENCES, QUESTION_KINDS
from surveys.services.capture.questions import PREFER_NOT_TO_SAY
from surveys.services.capture.survey_editor.specs import (
    CONDITION_KINDS,
    KEY_PATTERN,
    KIND_NAMES,
    LIMITS,
    MAX_OPTIONS,
    MAX_PAGE,
    MAX_QUESTIONS,
    MAX_TEXT_LENGTH,
    NUMBERED_KINDS,
    OPTION_KINDS,
    RESERVED_KEYS,
    EditorError,
    Problem,
    QuestionSpec,
)
from surveys.services.capture.symbols import SCALES, SYMBOL_FILES


def describe(specs: list[QuestionSpec], index: int) -> str:
    """How messages name a question: its number and the start of its wording."""
    prompt = specs[index].prompt
    short = prompt if len(prompt) <= 60 else prompt[:57].rstrip() + "…"
    return f"question {index + 1} (“{short}”)"


def check_questions(specs: list[QuestionSpec]) -> list[Problem]:
    """Every problem in a version's questions, in order."""
    problems = []
    if len(specs) > MAX_QUESTIONS:
        problems.append(Problem("", None, "too_many", f"A survey can have up to {MAX_QUESTIONS} questions"))
    keys = [spec.key for spec in specs]
    for index, spec in enumerate(specs):
        for check in (_check_kind, _check_key, _check_texts, _check_options, _check_scale, _check_length,
                      _check_page, _check_condition):
            problems.extend(check(spec, index, specs, keys))
    return problems


def _problem(spec: QuestionSpec, field_name: str, code: str, message: str) -> Problem:
    """A problem with one question."""
    return Problem(spec.key, field_name, code, message)


def _check_kind(spec, index, specs, keys) -> list[Problem]:
    """The type must be one the respondent pages know."""
    if spec.kind in QUESTION_KINDS:
        return []
    return [_problem(spec, "kind", "kind", "Select the type of question")]


def _check_key(spec, index, specs, keys) -> list[Problem]:
    """Keys are snake_case, unique in the version, and reserved keys keep their kind."""
    if not spec.key or len(spec.key) > LIMITS["key"] or not KEY_PATTERN.match(spec.key):
        message = (f"Key must start with a letter, use only lower case letters, numbers and underscores (_), "
                   f"and be {LIMITS['key']} characters or fewer")
        return [_problem(spec, "key", "key_format", message)]
    if keys.count(spec.key) > 1:
        return [_problem(spec, "key", "key_duplicate", f"Another question already uses the key {spec.key}")]
    reserved_kind = RESERVED_KEYS.get(spec.key)
    if reserved_kind and spec.kind != reserved_kind:
        message = f"The key {spec.key} is kept for the standard {KIND_NAMES[reserved_kind].lower()} question"
        return [_problem(spec, "key", "key_reserved", message)]
    return []


def _check_texts(spec, index, specs, keys) -> list[Problem]:
    """The question has wording, and no text is longer than its limit."""
    problems = []
    if not spec.prompt.strip():
        problems.append(_problem(spec, "prompt", "prompt_blank", "Enter the question"))
    names = {"prompt": "Question", "easy_read_prompt": "Easy-read wording", "hint": "Hint"}
    for name, label in names.items():
        if len(getattr(spec, name) or "") > LIMITS[name]:
            message = f"{label} must be {LIMITS[name]:,} characters or fewer"
            problems.append(_problem(spec, name, f"{name}_long", message))
    return problems


def _check_options(spec, index, specs, keys) -> list[Problem]:
    """Choice-like questions have sound options; other questions have none."""
    if spec.kind not in OPTION_KINDS:
        return [_problem(spec, "options", "options_unwanted", "This type of question has no options")] \
            if spec.options else []
    message = _options_message(spec)
    return [_problem(spec, "options", "options", message)] if message else []


def _check_scale(spec, index, specs, keys) -> list[Problem]:
    """A symbol question names one of the scales; other questions name none."""
    if spec.kind == "symbol_scale" and spec.symbols not in SCALES:
        return [_problem(spec, "symbols", "symbols", "Select the symbols people choose from")]
    if spec.kind != "symbol_scale" and spec.symbols:
        return [_problem(spec, "symbols", "symbols_unwanted", "Only symbol questions have symbols")]
    return []


def _options_message(spec: QuestionSpec) -> str | None:
    """What is wrong with a question's options, or None."""
    options = spec.options
    if len(options) < 2:
        return "Enter at least 2 options, one on each line"
    if len(options) > MAX_OPTIONS:
        return f"A question can have up to {MAX_OPTIONS} options"
    for number, option in enumerate(options, 1):
        message = _option_message(spec.kind, number, option)
        if message:
            return message
    values = [str(option.get("value", "")) for option in options]
    repeated = next((value for value in values if values.count(value) > 1), None)
    if repeated is not None:
        return f"Each option needs its own value: {repeated} is used more than once"
    return _kind_options_message(spec.kind, values)


def _option_message(kind: str, number: int, option: dict[str, Any]) -> str | None:
    """What is wrong with one option, or None."""
    value, label, symbol = (str(option.get(name) or "") for name in ("value", "label", "symbol"))
    if not value.strip() or not label.strip():
        return f"Option {number} needs a value and a label"
    if len(value) > LIMITS["value"] or len(label) > LIMITS["label"] or len(symbol) > LIMITS["symbol"]:
        return (f"Option {number} is too long: values can be up to {LIMITS['value']} characters, labels "
                f"{LIMITS['label']} and symbols {LIMITS['symbol']}")
    if kind in NUMBERED_KINDS and not re.fullmatch(r"-?\d{1,4}", value):
        return f"Option {number} needs a whole number as its value, like 1 | Very poor"
    if kind == "symbol_scale" and symbol not in SYMBOL_FILES:
        return f"Option {number} needs a symbol as well as a label: choose one of the symbol scales"
    return None


def _kind_options_message(kind: str, values: list[str]) -> str | None:
    """Rules for the options of equality and consent questions."""
    if kind == "equality" and PREFER_NOT_TO_SAY["value"] not in values:
        return "Equality monitoring questions must include prefer_not_to_say | Prefer not to say"
    if kind == "consent" and sorted(values) != ["no", "yes"]:
        return "A consent question needs exactly 2 options, with the values yes and no"
    return None


def _check_length(spec, index, specs, keys) -> list[Problem]:
    """Free text has a maximum length from 1 to MAX_TEXT_LENGTH."""
    if spec.kind != "free_text":
        return []
    if spec.max_length is None or not 1 <= spec.max_length <= MAX_TEXT_LENGTH:
        message = f"Maximum length must be between 1 and {MAX_TEXT_LENGTH:,} characters"
        return [_problem(spec, "max_length", "max_length", message)]
    return []


def _check_page(spec, index, specs, keys) -> list[Problem]:
    """Pages are in range and never go backwards through the survey."""
    if not 1 <= spec.page <= MAX_PAGE:
        return [_problem(spec, "page", "page_range", f"Page must be between 1 and {MAX_PAGE}")]
    if index > 0 and spec.page < specs[index - 1].page:
        message = f"Page must be {specs[index - 1].page} or more, because the question before it is on that page"
        return [_problem(spec, "page", "page_order", message)]
    if index + 1 < len(specs) and spec.page > specs[index + 1].page:
        message = f"Page must be {specs[index + 1].page} or less, because the question after it is on that page"
        return [_problem(spec, "page", "page_order", message)]
    return []


def _check_condition(spec, index, specs, keys) -> list[Problem]:
    """A condition names an earlier choice question on an earlier page, and one of its answers."""
    if not spec.condition_key and not spec.condition_value:
        return []
    message, code = _condition_message(spec, index, specs, keys)
    return [_problem(spec, "condition", code, message)] if message else []


def _condition_message(spec, index, specs, keys) -> tuple[str | None, str]:
    """What is wrong with a question's condition, and a code for it."""
    if not spec.condition_key or not spec.condition_value:
        return "Choose the question and the answer that show this question", "condition_incomplete"
    if spec.condition_key not in keys:
        return "Choose a question from this survey", "condition_unknown"
    target_index = keys.index(spec.condition_key)
    target = specs[target_index]
    if target_index >= index:
        return f"This question can only depend on a question before it, not {describe(specs, target_index)}", \
            "condition_order"
    if target.kind not in CONDITION_KINDS:
        return ("This question can only depend on a rating, symbol scale, single choice, multiple choice or "
                "yes or no question"), "condition_kind"
    if spec.condition_value not in {str(option.get("value")) for option in target.options}:
        return f"Choose one of the answers to {describe(specs, target_index)}", "condition_value"
    if target.page >= spec.page:
        return (f"Put this question on a later page than {describe(specs, target_index)}, which is on page "
                f"{target.page}, so the answer is known before this question is shown"), "condition_page"
    return None, ""


def new_problems(before: list[QuestionSpec], after: list[QuestionSpec]) -> list[Problem]:
    """Problems in ``after`` that ``before`` did not have."""
    known = {problem.identity for problem in check_questions(before)}
    return [problem for problem in check_questions(after) if problem.identity not in known]


def refuse(problems: list[Problem], own_key: str | None = None, blame: str | None = None) -> None:
    """Raise an EditorError for these problems: the question's own on their fields, others' on ``blame``."""
    if not problems:
        return
    own = [problem for problem in problems if own_key is not None and problem.key == own_key]
    problems = own or problems  # a question's own problems first; knock-ons usually follow from them
    pairs = []
    for problem in problems:
        if own_key is not None and problem.key == own_key:
            pairs.append((problem.field, problem.message))
        else:
            pairs.append((blame, f"This change would cause a problem with another question: {problem.message}"
                          if problem.key else problem.message))
    pairs = list(dict.fromkeys(pairs))
    field_name, message = pairs[0]
    raise EditorError(message, field_name, pairs)


def check_details(title: str, audience: str, intro: str) -> None:
    """Refuse survey details that cannot be saved."""
    problems = []
    if not (title or "").strip():
        problems.append(("title", "Enter a title"))
    elif len(title) > LIMITS["title"]:
        problems.append(("title", f"Title must be {LIMITS['title']} characters or fewer"))
    if audience not in AUDIENCES:
        problems.append(("audience", "Select who the survey is for"))
    if len(intro or "") > LIMITS["intro"]:
        problems.append(("intro", f"Introduction must be {LIMITS['intro']:,} characters or fewer"))
    if problems:
        raise EditorError(problems[0][1], problems[0][0], problems)
