"""One set of equality questions and values: the editor's block and the demo surveys agree with it."""

from surveys.services.capture import equality
from surveys.services.capture.survey_editor import STANDARD_BLOCKS
from surveys.services.capture.survey_editor.standard import _equality_questions
from surveys.services.demo.definitions import SURVEYS
from surveys.services.demo.mix import EQUALITY


def test_every_question_is_optional_and_ends_with_prefer_not_to_say():
    for question in equality.QUESTIONS.values():
        assert question.key.startswith("equality_") and question.hint == equality.OPTIONAL
        assert question.options[-1] == {"value": "prefer_not_to_say", "label": "Prefer not to say"}
        assert len(question.labels()) == len(question.options), "values are unique"


def test_the_editor_block_is_the_canonical_standard_block():
    assert "equality" in STANDARD_BLOCKS
    specs = _equality_questions()
    assert [(s.key, s.prompt, s.options) for s in specs] == \
        [(q.key, q.prompt, list(q.options)) for q in equality.STANDARD_BLOCK]


def test_demo_questions_and_answers_use_the_canonical_values():
    asked = [q for survey in SURVEYS for q in survey["questions"] if q["kind"] == "equality"]
    assert asked
    for question in asked:
        assert question["options"] == list(equality.QUESTIONS[question["key"]].options)
    for key, weights in EQUALITY.items():
        assert set(weights) <= set(equality.QUESTIONS[key].labels()), key


def test_labels_read_back_stored_values():
    assert equality.label_for("equality_ethnicity", "asian") == "Asian or Asian British"
    assert equality.label_for("equality_ethnicity", "unknown") == "unknown"
    assert equality.label_for("something_else", "x") == "x"
    assert equality.is_equality_key("equality_sex") and not equality.is_equality_key("overall")
