"""Migration 0004 rewrites the old equality values (options and answers) to the canonical ones."""

import importlib.util

from surveys import MIGRATIONS_DIR
from surveys.models import Answer, Question, Response, Survey, SurveyVersion, db
from surveys.services.capture import equality

EDITOR_ETHNIC_GROUPS = [
    {"value": "asian_or_asian_british", "label": "Asian or Asian British"},
    {"value": "black_black_british_caribbean_or_african", "label": "Black, Black British, Caribbean or African"},
    {"value": "mixed_or_multiple_ethnic_groups", "label": "Mixed or multiple ethnic groups"},
    {"value": "white", "label": "White"},
    {"value": "another_ethnic_group", "label": "Another ethnic group"},
    {"value": "prefer_not_to_say", "label": "Prefer not to say"},
]


def _migration():
    path = MIGRATIONS_DIR / "versions" / "0005_equality_values.py"
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _old_style_data():
    """An editor-made survey (old slugs), a multiple-choice answer with old values and an unrelated question."""
    survey = Survey(slug="old", title="Old", audience="parent_carer")
    version = SurveyVersion(survey=survey, number=1)
    version.questions = [
        Question(position=1, key="equality_ethnicity", kind="equality", prompt="Ethnic group?",
                 options=EDITOR_ETHNIC_GROUPS),
        Question(position=2, key="ethnicity_of_school", kind="single_choice", prompt="Not monitoring",
                 options=[{"value": "asian_or_asian_british", "label": "Asian or Asian British"}]),
    ]
    later = SurveyVersion(survey=survey, number=2)
    later.questions = [Question(position=1, key="equality_ethnicity", kind="multiple_choice", prompt="Groups?",
                                options=EDITOR_ETHNIC_GROUPS)]
    db.session.add_all([version, later])
    db.session.flush()
    (first, other), (multi,) = version.questions, later.questions
    for value in ("asian_or_asian_british", "another_ethnic_group", "white", "prefer_not_to_say"):
        db.session.add(Response(version=version, status="submitted",
                                answers=[Answer(question=first, value_text=value)]))
    db.session.add(Response(version=later, answers=[
        Answer(question=multi, value_choices=["asian_or_asian_british", "asian", "mixed_or_multiple_ethnic_groups"]),
    ]))
    db.session.add(Response(version=version, answers=[Answer(question=other, value_text="asian_or_asian_british")]))
    db.session.commit()
    return first, multi, other


def _run():
    with db.engine.begin() as connection:
        changed = _migration().rewrite_equality_values(connection)
    db.session.expire_all()
    return changed


def test_old_values_become_the_canonical_ones(app_context):
    first, multi, other = _old_style_data()
    assert _run() == (2, 3)
    assert [o["value"] for o in first.options] == [o["value"] for o in equality.ETHNICITY.options]
    assert [o["label"] for o in first.options] == [o["label"] for o in equality.ETHNICITY.options]
    answers = db.session.scalars(db.select(Answer.value_text).where(Answer.question_id == first.id)
                                 .order_by(Answer.id)).all()
    assert answers == ["asian", "other", "white", "prefer_not_to_say"]
    assert db.session.scalar(db.select(Answer.value_choices).where(Answer.question_id == multi.id)) == \
        ["asian", "mixed"]


def test_other_questions_and_empty_values_are_left_alone(app_context):
    _, _, other = _old_style_data()
    _run()
    assert other.options == [{"value": "asian_or_asian_british", "label": "Asian or Asian British"}]
    assert db.session.scalar(db.select(Answer.value_text).where(Answer.question_id == other.id)) == \
        "asian_or_asian_british"
    empty = db.session.scalar(db.select(Answer.id).where(Answer.value_choices.is_(None)).limit(1))
    assert empty is not None  # a text answer keeps SQL NULL in value_choices, not JSON null


def test_running_it_again_changes_nothing(app_context):
    _old_style_data()
    _run()
    assert _run() == (0, 0)


def test_mapping_only_targets_canonical_values():
    mapping = _migration().OLD_TO_CANONICAL
    for key, values in mapping.items():
        assert set(values.values()) <= set(equality.QUESTIONS[key].labels())
