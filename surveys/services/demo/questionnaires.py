"""Turns the survey definitions into Survey, SurveyVersion and Question rows."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from surveys.models import Question, Survey, SurveyVersion
from surveys.services.demo.definitions import SURVEYS

QUESTION_FIELDS = ("key", "kind", "prompt", "easy_read_prompt", "hint", "required", "options", "max_length",
                   "condition_key", "condition_value", "page", "symbols")


@dataclass
class BuiltSurvey:
    """A demo survey, its first version and its questions by key."""

    survey: Survey
    version: SurveyVersion
    questions: dict[str, Question]

    def qid(self, key: str) -> int:
        """The id of the question with this key (after a flush)."""
        return self.questions[key].id


def _question(position: int, definition: dict[str, Any]) -> Question:
    values = {name: definition[name] for name in QUESTION_FIELDS if name in definition}
    values.setdefault("options", [])
    return Question(position=position, **values)


def make_surveys(now: datetime) -> dict[str, BuiltSurvey]:
    """The three demo surveys, version 1 of each, open to anyone and active."""
    created = now - timedelta(days=560)
    built = {}
    for definition in SURVEYS:
        questions = [_question(n, q) for n, q in enumerate(definition["questions"], start=1)]
        version = SurveyVersion(number=1, intro=definition["intro"], created_at=created, questions=questions)
        survey = Survey(
            slug=definition["slug"], title=definition["title"], audience=definition["audience"],
            easy_read=definition["easy_read"], open_link=True, active=True, created_at=created, versions=[version],
        )
        built[definition["slug"]] = BuiltSurvey(survey, version, {q.key: q for q in questions})
    return built
