"""Migration 0017 turns the emoji characters of existing symbol questions into the names of SVG pictures."""

import importlib.util

from surveys import MIGRATIONS_DIR
from surveys.models import Question, Survey, SurveyVersion, db

EMOJI_OPTIONS = [{"value": "3", "label": "Happy", "symbol": "😀"}, {"value": "2", "label": "OK", "symbol": "😐"},
                 {"value": "1", "label": "Sad", "symbol": "🙁"}]


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0017",
                                                  MIGRATIONS_DIR / "versions" / "0017_young_peoples_voice.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_emoji_become_picture_names_and_unknown_ones_leave_the_word(app_context):
    version = SurveyVersion(survey=Survey(slug="old", title="Old", audience="young_person"), number=1)
    version.questions = [
        Question(position=1, key="school", kind="symbol_scale", prompt="School?", options=EMOJI_OPTIONS),
        Question(position=2, key="odd", kind="symbol_scale", prompt="Odd?",
                 options=[{"value": "2", "label": "Star", "symbol": "⭐"},
                          {"value": "1", "label": "No", "symbol": "❌"}]),
        Question(position=3, key="choice", kind="single_choice", prompt="Which?",
                 options=[{"value": "a", "label": "A", "symbol": "😀"}]),
    ]
    db.session.add(version)
    db.session.commit()
    with db.engine.begin() as connection:
        assert _migration().rewrite_symbols(connection, _migration().EMOJI_NAMES) == 2
    db.session.expire_all()
    school, odd, choice = version.questions
    assert [o["symbol"] for o in school.options] == ["happy", "ok", "sad"]
    assert odd.options == [{"value": "2", "label": "Star"}, {"value": "1", "label": "No", "symbol": "no"}]
    assert choice.options == [{"value": "a", "label": "A", "symbol": "😀"}]  # only symbol questions change
    with db.engine.begin() as connection:
        _migration().rewrite_symbols(connection, _migration().NAME_EMOJI)  # and back, for a downgrade
    db.session.expire_all()
    assert version.questions[0].options == EMOJI_OPTIONS
