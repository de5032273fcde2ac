"""The standard sets of questions: equality monitoring, consent, and who helped a young person answer."""

from dataclasses import replace

from surveys.models import Survey, User
from surveys.services.capture import equality
from surveys.services.capture.survey_editor.checks import new_problems, refuse
from surveys.services.capture.survey_editor.editing import current_specs, lock_current, save_specs
from surveys.services.capture.survey_editor.specs import EditorError, EditResult, QuestionSpec

OPTIONAL = "You do not have to answer this question."

STANDARD_BLOCKS = {
    "equality": "Add the equality monitoring questions",
    "consent": "Add consent questions",
    "supported_by": "Add ‘who helped you answer’ question",
}


def _equality_questions() -> list[QuestionSpec]:
    """The canonical equality questions and values (``capture.equality``), each with "Prefer not to say"."""
    return [QuestionSpec(key=q.key, kind="equality", prompt=q.prompt, easy_read_prompt=q.easy_read_prompt,
                         hint=q.hint, options=[dict(option) for option in q.options]) for q in equality.STANDARD_BLOCK]


def _consent_questions() -> list[QuestionSpec]:
    """May we quote you, and may we contact you: separate, explicit, and never required."""
    return [
        QuestionSpec(key="consent_quote", kind="consent",
                     prompt="Can we quote what you wrote in things we publish?",
                     easy_read_prompt="Can we share your words? We will not say your name.",
                     hint="We will not publish your name. We take out names, places and contact details first.",
                     options=[{"value": "yes", "label": "Yes, you can quote my words without my name"},
                              {"value": "no", "label": "No, do not quote me"}]),
        QuestionSpec(key="consent_contact", kind="consent",
                     prompt="Can we contact you to tell you what we did because of your feedback?",
                     easy_read_prompt="Can we tell you what we did after you helped us?",
                     hint="If you say yes, we will ask how to contact you. We will only use it to tell you what "
                          "happened.",
                     options=[{"value": "yes", "label": "Yes, you can contact me about this"},
                              {"value": "no", "label": "No, do not contact me"}]),
    ]


def _supported_by_question() -> list[QuestionSpec]:
    """Who helped a young person answer, so their words are read in that light."""
    return [
        QuestionSpec(key="supported_by", kind="single_choice", prompt="Did someone help you answer these questions?",
                     easy_read_prompt="Did someone help you?",
                     options=[{"value": "myself", "label": "No, I did it myself"},
                              {"value": "parent_carer", "label": "A parent or carer"},
                              {"value": "teacher", "label": "Someone at school or college"},
                              {"value": "another_adult", "label": "Another adult"}]),
    ]


def add_standard_block(user: User | None, survey: Survey, block: str) -> EditResult:
    """Add a standard set of questions on a new page at the end, skipping any the survey already has."""
    makers = {"equality": _equality_questions, "consent": _consent_questions, "supported_by": _supported_by_question}
    if block not in makers:
        raise EditorError("Choose one of the standard sets of questions")
    if block == "supported_by" and survey.audience != "young_person":
        raise EditorError("Only surveys for young people ask who helped them answer")
    current = lock_current(survey)
    before = current_specs(current)
    taken = {spec.key for spec in before}
    page = max((spec.page for spec in before), default=0) + 1
    adding = [replace(spec, page=page) for spec in makers[block]() if spec.key not in taken]
    if not adding:
        raise EditorError("This survey already has these questions")
    after = [*before, *adding]
    refuse(new_problems(before, after))
    return save_specs(user, survey, current, after, current.intro if current else "", f"block_{block}",
                      keys=[spec.key for spec in adding])
