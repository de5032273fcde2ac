"""Editing surveys: the versioning rule, the checks on questions, and saving changes.

A survey's intro and questions live in numbered versions. Changing a version that anyone has
started answering (any Response row, finished or not) makes version N+1 with the change applied,
so answers keep pointing at the questions people actually saw. A version nobody has answered is
changed in place. These functions add and flush; whoever called them commits (``surveys.transactions``). They
raise ``EditorError`` having changed nothing, or ``Conflict`` when someone else's change clashed with this one.

The parts: ``specs`` (questions as plain data, limits, option lines and keys), ``queries`` (reading),
``checks`` (problems in a version), ``editing`` (locks, versions, and the changes staff make) and
``standard`` (the standard sets of questions). Import from here; the parts are an arrangement, not an API.
"""

from surveys.services.capture.survey_editor.checks import check_details, check_questions, describe, new_problems, refuse
from surveys.services.capture.survey_editor.editing import (
    add_question,
    create_survey,
    current_specs,
    move_question,
    next_page,
    remove_question,
    set_read_aloud,
    update_question,
    update_survey,
)
from surveys.services.capture.survey_editor.queries import (
    find_question,
    find_survey,
    has_responses,
    is_current,
    readability_findings,
    survey_summaries,
    version_responses,
    wording,
)
from surveys.services.capture.survey_editor.specs import (
    CONDITION_KINDS,
    DEFAULT_OPTIONS,
    DEFAULT_TEXT_LENGTH,
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
    EditResult,
    Problem,
    QuestionSpec,
    SurveySummary,
    auto_value,
    format_options,
    new_key,
    parse_options,
    slugify,
)
from surveys.services.capture.survey_editor.standard import STANDARD_BLOCKS, add_standard_block

__all__ = [
    "CONDITION_KINDS", "DEFAULT_OPTIONS", "DEFAULT_TEXT_LENGTH", "KIND_NAMES", "LIMITS", "MAX_OPTIONS", "MAX_PAGE",
    "MAX_QUESTIONS", "MAX_TEXT_LENGTH", "NUMBERED_KINDS", "OPTION_KINDS", "RESERVED_KEYS", "STANDARD_BLOCKS",
    "EditResult", "EditorError", "Problem", "QuestionSpec", "SurveySummary",
    "add_question", "add_standard_block", "auto_value", "check_details", "check_questions", "create_survey",
    "current_specs", "describe", "find_question", "find_survey", "format_options", "has_responses", "is_current",
    "move_question", "new_key", "new_problems", "next_page", "parse_options", "readability_findings",
    "refuse", "remove_question", "set_read_aloud", "slugify", "survey_summaries", "update_question", "update_survey",
    "version_responses", "wording",
]
