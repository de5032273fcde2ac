"""The one set of equality monitoring questions and answer values, used by the survey editor and the demo.

Answers only add up across surveys when every survey stores the same value for the same answer, so the
questions, their options and their values are defined here and nowhere else. Every question is optional and
offers "Prefer not to say". The ethnic groups are the five top-level groups of the 2021 Census in England, which
the school census and most local figures use too, so respondents can be compared with the local baseline.

Values once stored are never renamed: a change here needs a migration that rewrites stored answers (as
migrations/versions/0004_equality_values.py did for the values the editor and the demo used before).
"""

from dataclasses import dataclass
from typing import Any

from surveys.services.capture.questions import NO, PREFER_NOT_TO_SAY, YES

OPTIONAL = "You do not have to answer this question."
PREFIX = "equality_"


@dataclass(frozen=True)
class EqualityQuestion:
    """One equality monitoring question: its key, wording and options (the last is always "Prefer not to say")."""

    key: str
    prompt: str
    options: tuple[dict[str, str], ...]
    easy_read_prompt: str = ""
    hint: str = OPTIONAL

    def labels(self) -> dict[str, str]:
        """Each option's label by its value."""
        return {option["value"]: option["label"] for option in self.options}

    def as_definition(self, page: int) -> dict[str, Any]:
        """The question as a survey definition's dict (as the demo surveys and the editor build questions)."""
        return {"key": self.key, "kind": "equality", "page": page, "prompt": self.prompt,
                "easy_read_prompt": self.easy_read_prompt, "hint": self.hint,
                "options": [dict(option) for option in self.options]}


def _options(*pairs: tuple[str, str]) -> tuple[dict[str, str], ...]:
    return (*({"value": value, "label": label} for value, label in pairs), dict(PREFER_NOT_TO_SAY))


AGE_GROUP = EqualityQuestion(
    key="equality_age_group", prompt="What is your age group?", easy_read_prompt="How old are you?",
    options=_options(("under_16", "Under 16"), ("16_to_17", "16 to 17"), ("18_to_24", "18 to 24"),
                     ("25_to_34", "25 to 34"), ("35_to_44", "35 to 44"), ("45_to_54", "45 to 54"),
                     ("55_to_64", "55 to 64"), ("65_or_over", "65 or over")),
)
SEX = EqualityQuestion(
    key="equality_sex", prompt="What is your sex?",
    options=_options(("female", "Female"), ("male", "Male")),
)
ETHNICITY = EqualityQuestion(
    key="equality_ethnicity", prompt="What is your ethnic group?",
    options=_options(("asian", "Asian or Asian British"), ("black", "Black, Black British, Caribbean or African"),
                     ("mixed", "Mixed or multiple ethnic groups"), ("white", "White"),
                     ("other", "Another ethnic group")),
)
DISABILITY = EqualityQuestion(
    key="equality_disability", prompt="Do you have a disability or a long-term health condition?",
    easy_read_prompt="Do you have a disability or a long-term illness?",
    options=_options((YES["value"], YES["label"]), (NO["value"], NO["label"])),
)
RELATIONSHIP = EqualityQuestion(
    key="equality_relationship", prompt="What is your relationship to the child or young person?",
    options=_options(("parent", "Parent"), ("foster_carer", "Foster carer"),
                     ("kinship_carer", "Grandparent or other family member"), ("other", "Other")),
)
FIRST_LANGUAGE = EqualityQuestion(
    key="equality_first_language", prompt="Is English your first language?",
    options=_options((YES["value"], YES["label"]), (NO["value"], NO["label"])),
)

QUESTIONS = {q.key: q for q in (AGE_GROUP, SEX, ETHNICITY, DISABILITY, RELATIONSHIP, FIRST_LANGUAGE)}
# The block the survey editor adds with one button; the demo parent survey asks its own selection.
STANDARD_BLOCK = (AGE_GROUP, SEX, ETHNICITY, DISABILITY)


def is_equality_key(key: str) -> bool:
    """Whether a question key is an equality monitoring question's."""
    return key.startswith(PREFIX)


def label_for(key: str, value: str) -> str:
    """The words for a stored equality answer (the value itself for an unknown question or value)."""
    question = QUESTIONS.get(key)
    return question.labels().get(value, value) if question else value
