"""Surveys to answer in respondent tests."""

import pytest

from surveys.models import Question, Survey, SurveyVersion, db

RATING = [{"value": str(n), "label": label} for n, label in
          enumerate(["Very poor", "Poor", "Neither good nor poor", "Good", "Very good"], start=1)]
SMILEYS = [{"value": "3", "label": "Happy", "symbol": "happy"}, {"value": "2", "label": "OK", "symbol": "ok"},
           {"value": "1", "label": "Sad", "symbol": "sad"}]


def build_survey(slug: str, audience: str, questions: list[dict], easy_read: bool = False) -> Survey:
    survey = Survey(slug=slug, title=f"Survey {slug}", audience=audience, easy_read=easy_read)
    version = SurveyVersion(survey=survey, number=1, intro="Tell us how it went.")
    for position, spec in enumerate(questions, start=1):
        version.questions.append(Question(position=position, **spec))
    db.session.add(survey)
    db.session.commit()
    return survey


@pytest.fixture
def parent_survey(app_context) -> Survey:
    """A parent survey with a required rating, free text, a condition and the two consents."""
    return build_survey("after-plan", "parent_carer", [
        {"key": "overall", "kind": "rating", "prompt": "How was getting the EHC plan?", "required": True,
         "options": RATING, "page": 1},
        {"key": "went_well", "kind": "free_text", "prompt": "What went well?", "max_length": 200, "page": 2},
        {"key": "better", "kind": "free_text", "prompt": "What could we do better?", "page": 2},
        {"key": "worried", "kind": "yes_no", "prompt": "Is anything worrying you?", "page": 3},
        {"key": "worry_detail", "kind": "free_text", "prompt": "Tell us what is worrying you",
         "condition_key": "worried", "condition_value": "yes", "page": 4},
        {"key": "consent_quote", "kind": "consent", "prompt": "May we quote you anonymously?", "page": 5},
        {"key": "consent_contact", "kind": "consent", "prompt": "May we contact you about what happened?", "page": 5},
    ])


@pytest.fixture
def young_person_survey(app_context) -> Survey:
    """An easy-read survey with a symbol scale, an audio message and who helped."""
    return build_survey("young-people", "young_person", [
        {"key": "school", "kind": "symbol_scale", "prompt": "How do you feel about school?",
         "easy_read_prompt": "How do you feel at school?", "options": SMILEYS, "symbols": "three_faces",
         "required": True, "page": 1},
        {"key": "better", "kind": "free_text", "prompt": "What would make things better?", "page": 2},
        {"key": "voice", "kind": "audio", "prompt": "Record or upload a message instead of typing", "page": 2},
        {"key": "supported_by", "kind": "single_choice", "prompt": "Did someone help you answer?", "page": 3,
         "options": [{"value": "myself", "label": "No, I did it myself"},
                     {"value": "parent", "label": "A parent or carer"}]},
    ], easy_read=True)
