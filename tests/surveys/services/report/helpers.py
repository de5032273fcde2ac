"""Test data for reports: submitted responses with answers, made in bulk without the respondent pages."""

from datetime import UTC, datetime

from surveys.models import Answer, Response, db

MARCH = datetime(2026, 3, 10, 12, tzinfo=UTC)


def question_id(survey, key: str) -> int:
    return next(q.id for q in survey.current_version.questions if q.key == key)


def add_responses(survey, count: int, values: dict, submitted_at: datetime = MARCH, **fields) -> list[Response]:
    """``count`` submitted responses to the survey's current version, each with the same answers."""
    made = []
    for _ in range(count):
        response = Response(version_id=survey.current_version.id, status="submitted", submitted_at=submitted_at,
                            started_at=submitted_at, **fields)
        for key, value in values.items():
            response.answers.append(Answer(
                question_id=question_id(survey, key),
                value_text=value if isinstance(value, str) else None,
                value_choices=list(value) if isinstance(value, list) else None,
            ))
        db.session.add(response)
        made.append(response)
    db.session.commit()
    return made
