"""The survey editor: versioning, checks on questions, standard blocks, and the audit trail."""

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select, text

from surveys.models import Answer, AuditEvent, Question, Response, Survey, SurveyVersion, db
from surveys.services.capture import questions
from surveys.services.capture import survey_editor as editor
from surveys.services.capture.survey_editor import EditorError, QuestionSpec, editing
from surveys.services.platform.errors import Conflict
from tests.factories import make_survey, make_user

RATING = questions.RATING_OPTIONS
YES_NO = editor.DEFAULT_OPTIONS["yes_no"]


@pytest.fixture
def lead(app_context):
    return make_user(role="coproduction_lead")


@pytest.fixture
def survey(lead):
    """A new survey built through the editor: a rating on page 1, a yes/no on page 2, free text on page 3."""
    survey = editor.create_survey(lead, title="After your EHC plan", audience="parent_carer", intro="Tell us.")
    editor.add_question(lead, survey, QuestionSpec(key="", kind="rating", prompt="How was it?", options=RATING,
                                                   page=1))
    editor.add_question(lead, survey, QuestionSpec(key="worried", kind="yes_no", prompt="Were you worried?",
                                                   options=YES_NO, page=2))
    editor.add_question(lead, survey, QuestionSpec(key="better", kind="free_text", prompt="What could be better?",
                                                   max_length=2000, page=3))
    db.session.commit()  # the editor only flushes; other connections (the row-lock test's respondent) must see it
    return survey


def start_response(version: SurveyVersion, status: str = "in_progress") -> Response:
    response = Response(version_id=version.id, status=status)
    db.session.add(response)
    db.session.commit()
    return response


def keys(survey: Survey) -> list[str]:
    db.session.expire(survey)
    return [question.key for question in survey.current_version.questions]


def question(survey: Survey, key: str) -> Question:
    return next(q for q in survey.current_version.questions if q.key == key)


def edit(survey: Survey, question_key: str, **changes) -> QuestionSpec:
    return replace(QuestionSpec.from_question(question(survey, question_key)), **changes)


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# --- creating and listing ------------------------------------------------------------------------


def test_create_survey_makes_an_inactive_version_one_with_a_unique_slug(lead):
    first = editor.create_survey(lead, title="Have your say!", audience="young_person", easy_read=True)
    second = editor.create_survey(lead, title="Have your say", audience="young_person")
    assert (first.slug, second.slug) == ("have-your-say", "have-your-say-2")
    assert first.active is False and first.open_link is True
    assert [v.number for v in first.versions] == [1]
    assert audit_actions() == ["survey.create", "survey.create"]


@pytest.mark.parametrize(
    ("title", "audience", "intro", "field", "message"),
    [
        ("", "parent_carer", "", "title", "Enter a title"),
        ("x" * 201, "parent_carer", "", "title", "Title must be 200 characters or fewer"),
        ("Survey", "martians", "", "audience", "Select who the survey is for"),
        ("Survey", "anyone", "x" * 5001, "intro", "Introduction must be 5,000 characters or fewer"),
    ],
)
def test_create_survey_refuses_bad_details(lead, title, audience, intro, field, message):
    with pytest.raises(EditorError) as error:
        editor.create_survey(lead, title=title, audience=audience, intro=intro)
    assert (error.value.field, error.value.message) == (field, message)
    assert db.session.scalar(select(Survey.id)) is None


def test_the_editor_flushes_and_leaves_the_commit_to_its_caller(lead):
    survey = editor.create_survey(lead, title="Not yet committed", audience="anyone")
    with db.engine.connect() as other:
        assert other.execute(select(Survey.id).where(Survey.id == survey.id)).first() is None
    db.session.commit()
    with db.engine.connect() as other:
        assert other.execute(select(Survey.id).where(Survey.id == survey.id)).first() is not None


def test_a_clash_with_someone_elses_change_is_a_conflict(lead, monkeypatch):
    editor.create_survey(lead, title="Same title", audience="anyone")
    db.session.commit()
    monkeypatch.setattr(editing, "_unique_slug", lambda title: "same-title")  # as if both were made at once
    with pytest.raises(Conflict, match="Someone else changed this survey"):
        editor.create_survey(lead, title="Same title", audience="anyone")
    db.session.rollback()
    assert db.session.scalar(select(func.count(Survey.id))) == 1


def test_summaries_count_finished_responses_on_every_version(survey):
    start_response(survey.current_version, status="submitted")
    start_response(survey.current_version)
    editor.update_question(None, survey, question(survey, "worried").id, edit(survey, "worried", prompt="Worried?"))
    start_response(survey.current_version, status="submitted")
    [summary] = editor.survey_summaries()
    assert (summary.version_number, summary.questions, summary.responses) == (2, 3, 2)


# --- versioning ------------------------------------------------------------------------------------


def test_editing_a_version_nobody_answered_changes_it_in_place(survey):
    before = question(survey, "worried")
    result = editor.update_question(None, survey, before.id, edit(survey, "worried", prompt="Were you anxious?"))
    assert result.changed and not result.new_version
    assert [v.number for v in survey.versions] == [1]
    assert question(survey, "worried").id == before.id
    assert question(survey, "worried").prompt == "Were you anxious?"


def test_editing_a_version_with_any_response_makes_a_new_version(survey):
    old_version = survey.current_version
    old_question = question(survey, "worried")
    response = start_response(old_version)  # started, not even finished
    db.session.add(Answer(response_id=response.id, question_id=old_question.id, value_text="yes"))
    db.session.commit()

    result = editor.update_question(None, survey, old_question.id, edit(survey, "worried", prompt="Anxious?"))

    assert result.new_version and result.version.number == 2
    db.session.expire_all()
    assert [v.number for v in survey.versions] == [1, 2]
    assert [q.prompt for q in survey.versions[0].questions] == ["How was it?", "Were you worried?",
                                                                "What could be better?"]
    assert [q.prompt for q in survey.versions[1].questions] == ["How was it?", "Anxious?", "What could be better?"]
    answer = db.session.scalar(select(Answer))
    assert answer.question.version_id == old_version.id and answer.question.prompt == "Were you worried?"
    assert audit_actions()[-2:] == ["survey.new_version", "survey.edit"]


def test_the_next_edit_after_a_new_version_is_in_place_again(survey):
    start_response(survey.current_version)
    editor.update_question(None, survey, question(survey, "worried").id, edit(survey, "worried", prompt="A?"))
    editor.update_question(None, survey, question(survey, "worried").id, edit(survey, "worried", prompt="B?"))
    assert [v.number for v in survey.versions] == [1, 2]
    assert question(survey, "worried").prompt == "B?"


def test_an_edit_that_changes_nothing_saves_nothing(survey):
    start_response(survey.current_version)
    events = len(audit_actions())
    result = editor.update_question(None, survey, question(survey, "worried").id, edit(survey, "worried"))
    assert not result.changed
    assert [v.number for v in survey.versions] == [1]
    assert len(audit_actions()) == events


def test_changing_the_intro_of_an_answered_survey_makes_a_new_version_but_the_title_does_not(survey, lead):
    start_response(survey.current_version)
    details = {"audience": "parent_carer", "easy_read": False, "open_link": True, "active": False}
    result = editor.update_survey(lead, survey, title="New title", intro="Tell us.", **details)
    assert result.changed and not result.new_version and survey.title == "New title"
    result = editor.update_survey(lead, survey, title="New title", intro="Tell us more.", **details)
    assert result.new_version and survey.current_version.intro == "Tell us more."
    assert survey.versions[0].intro == "Tell us."


def test_a_survey_needs_questions_before_it_can_be_active(lead):
    empty = editor.create_survey(lead, title="Empty", audience="anyone")
    with pytest.raises(EditorError) as error:
        editor.update_survey(lead, empty, title="Empty", audience="anyone", intro="", easy_read=False,
                             open_link=True, active=True)
    assert error.value.field == "active"


def test_removing_a_question_from_an_answered_version_keeps_it_in_the_old_version(survey):
    start_response(survey.current_version)
    editor.remove_question(None, survey, question(survey, "better").id)
    db.session.expire_all()
    assert [len(v.questions) for v in survey.versions] == [3, 2]


# --- adding questions and their checks -------------------------------------------------------------


def test_keys_are_made_from_the_question_and_kept_unique(survey):
    editor.add_question(None, survey, QuestionSpec(key="", kind="yes_no", prompt="How was it?", options=YES_NO,
                                                   page=4))
    assert keys(survey) == ["how_was_it", "worried", "better", "how_was_it_2"]
    assert [q.position for q in survey.current_version.questions] == [1, 2, 3, 4]


def test_a_duplicate_key_is_refused(survey):
    with pytest.raises(EditorError) as error:
        editor.add_question(None, survey, QuestionSpec(key="worried", kind="yes_no", prompt="Again?",
                                                       options=YES_NO, page=4))
    assert error.value.field == "key"
    assert error.value.message == "Another question already uses the key worried"
    assert keys(survey) == ["how_was_it", "worried", "better"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"key": "Bad Key"}, "key", "Key must start with a letter"),
        ({"key": "consent_quote"}, "key", "The key consent_quote is kept for the standard consent question"),
        ({"prompt": "x" * 1001}, "prompt", "Question must be 1,000 characters or fewer"),
        ({"hint": "x" * 1001}, "hint", "Hint must be 1,000 characters or fewer"),
        ({"prompt": "  "}, "prompt", "Enter the question"),
        ({"kind": "free_text", "options": [], "max_length": 10001}, "max_length",
         "Maximum length must be between 1 and 10,000 characters"),
        ({"kind": "free_text", "options": [], "max_length": None}, "max_length", "Maximum length must be between"),
        ({"options": [{"value": "1", "label": "One"}]}, "options", "Enter at least 2 options"),
        ({"options": [{"value": "a", "label": "A"}, {"value": "a", "label": "B"}], "kind": "single_choice"},
         "options", "Each option needs its own value: a is used more than once"),
        ({"options": [{"value": "good", "label": "Good"}, {"value": "bad", "label": "Bad"}]}, "options",
         "Option 1 needs a whole number as its value"),
        ({"kind": "symbol_scale", "options": [{"value": "1", "label": "Sad"}, {"value": "2", "label": "Happy"}]},
         "options", "Option 1 needs a symbol as well as a label"),
        ({"kind": "equality", "options": YES_NO}, "options", "Equality monitoring questions must include"),
        ({"kind": "consent", "options": [{"value": "ok", "label": "OK"}, {"value": "no", "label": "No"}]},
         "options", "A consent question needs exactly 2 options, with the values yes and no"),
        ({"page": 0}, "page", "Page must be between 1 and 200"),
        ({"page": 2}, "page", "Page must be 3 or more"),
    ],
)
def test_bad_questions_are_refused_with_a_message_for_the_field(survey, changes, field, message):
    spec = QuestionSpec(**{"key": "new", "kind": "rating", "prompt": "New?", "options": RATING, "page": 4,
                           **changes})
    with pytest.raises(EditorError) as error:
        editor.add_question(None, survey, spec)
    assert error.value.field == field
    assert error.value.message.startswith(message)
    assert len(keys(survey)) == 3


@pytest.mark.parametrize(
    ("condition_key", "condition_value", "page", "message"),
    [
        ("how_was_it", "1", 4, None),
        ("worried", "yes", 4, None),
        ("how_was_it", "9", 4, "Choose one of the answers to question 1"),
        ("better", "x", 4, "This question can only depend on a rating, symbol scale, single choice"),
        ("nowhere", "yes", 4, "Choose a question from this survey"),
        ("worried", "", 4, "Choose the question and the answer that show this question"),
    ],
)
def test_conditions_must_use_an_earlier_choice_question_and_one_of_its_answers(survey, condition_key,
                                                                               condition_value, page, message):
    spec = QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500, page=page,
                        condition_key=condition_key, condition_value=condition_value or None)
    if message is None:
        editor.add_question(None, survey, spec)
        assert question(survey, "why").condition_key == condition_key
        return
    with pytest.raises(EditorError) as error:
        editor.add_question(None, survey, spec)
    assert error.value.field == "condition"
    assert error.value.message.startswith(message)


def test_a_condition_needs_its_answer_from_an_earlier_page(survey):
    editor.add_question(None, survey, QuestionSpec(key="again", kind="yes_no", prompt="Again?", options=YES_NO,
                                                   page=4))
    spec = QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500, page=4,
                        condition_key="again", condition_value="yes")
    with pytest.raises(EditorError) as error:
        editor.add_question(None, survey, spec)
    assert error.value.message.startswith("Put this question on a later page than question 4")


def test_a_condition_cannot_point_at_a_later_question(survey):
    first = question(survey, "how_was_it")
    spec = edit(survey, "how_was_it", condition_key="worried", condition_value="yes")
    with pytest.raises(EditorError) as error:
        editor.update_question(None, survey, first.id, spec)
    assert error.value.message.startswith("This question can only depend on a question before it")


def test_changing_options_a_later_condition_uses_is_refused(survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=4, condition_key="worried", condition_value="yes"))
    spec = edit(survey, "worried", options=[{"value": "y", "label": "Yes"}, {"value": "n", "label": "No"}])
    with pytest.raises(EditorError) as error:
        editor.update_question(None, survey, question(survey, "worried").id, spec)
    assert error.value.field == "options"
    assert "another question" in error.value.message


def test_renaming_a_key_carries_the_conditions_that_use_it(survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=4, condition_key="worried", condition_value="yes"))
    editor.update_question(None, survey, question(survey, "worried").id, edit(survey, "worried", key="anxious"))
    assert keys(survey) == ["how_was_it", "anxious", "better", "why"]
    assert question(survey, "why").condition_key == "anxious"


def test_a_blank_key_keeps_the_old_key_and_reserved_keys_cannot_change(survey):
    editor.update_question(None, survey, question(survey, "worried").id, edit(survey, "worried", key=""))
    assert "worried" in keys(survey)
    editor.add_standard_block(None, survey, "consent")
    with pytest.raises(EditorError) as error:
        editor.update_question(None, survey, question(survey, "consent_quote").id,
                               edit(survey, "consent_quote", key="quote_ok"))
    assert error.value.field == "key"


def test_older_looser_data_does_not_block_other_edits(app_context):
    survey = make_survey()  # its free-text question has no maximum length and shares page 1
    rating = question(survey, "overall")
    editor.update_question(None, survey, rating.id, edit(survey, "overall", prompt="How did it go overall?"))
    assert question(survey, "overall").prompt == "How did it go overall?"


def test_a_question_from_an_older_version_cannot_be_edited(survey):
    old = question(survey, "worried")
    start_response(survey.current_version)
    editor.update_question(None, survey, old.id, edit(survey, "worried", prompt="New?"))
    with pytest.raises(EditorError):
        editor.update_question(None, survey, old.id, edit(survey, "worried", prompt="Newer?"))
    assert editor.find_question(survey, old.id) is not None
    assert not editor.is_current(survey, old)


# --- moving and removing -----------------------------------------------------------------------


def test_moving_swaps_places_and_pages_stay_with_the_places(survey):
    editor.move_question(None, survey, question(survey, "better").id, "up")
    db.session.expire(survey)
    assert [(q.key, q.page) for q in survey.current_version.questions] == [
        ("how_was_it", 1), ("better", 2), ("worried", 3)]


def test_the_first_question_cannot_move_up(survey):
    with pytest.raises(EditorError):
        editor.move_question(None, survey, question(survey, "how_was_it").id, "up")


def test_a_move_that_would_show_a_question_before_its_answer_is_refused(survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=3, condition_key="worried", condition_value="yes"))
    with pytest.raises(EditorError) as error:
        editor.move_question(None, survey, question(survey, "worried").id, "down")
    assert "must stay on a later page" in error.value.message
    assert keys(survey) == ["how_was_it", "worried", "better", "why"]


def test_a_question_others_depend_on_cannot_be_removed(survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=4, condition_key="worried", condition_value="yes"))
    with pytest.raises(EditorError) as error:
        editor.remove_question(None, survey, question(survey, "worried").id)
    assert "question 4 is shown depending on its answer" in error.value.message


def test_removing_renumbers_the_rest(survey):
    editor.remove_question(None, survey, question(survey, "how_was_it").id)
    db.session.expire(survey)
    assert [(q.key, q.position) for q in survey.current_version.questions] == [("worried", 1), ("better", 2)]


# --- standard blocks -----------------------------------------------------------------------------


def test_equality_block_adds_four_questions_each_with_prefer_not_to_say(survey):
    editor.add_standard_block(None, survey, "equality")
    added = survey.current_version.questions[3:]
    assert [q.key for q in added] == ["equality_age_group", "equality_sex", "equality_ethnicity",
                                      "equality_disability"]
    assert all(q.kind == "equality" and not q.required and q.page == 4 for q in added)
    assert all(questions.PREFER_NOT_TO_SAY in q.options for q in added)
    with pytest.raises(EditorError, match="already has"):
        editor.add_standard_block(None, survey, "equality")


def test_consent_block_uses_the_keys_the_respondent_pages_read(survey):
    editor.add_standard_block(None, survey, "consent")
    consent = survey.current_version.questions[3:]
    assert [(q.key, q.kind) for q in consent] == [("consent_quote", "consent"), ("consent_contact", "consent")]
    assert all({o["value"] for o in q.options} == {"yes", "no"} for q in consent)


def test_who_helped_is_only_for_young_people(survey, lead):
    with pytest.raises(EditorError):
        editor.add_standard_block(None, survey, "supported_by")
    young = editor.create_survey(lead, title="Your say", audience="young_person")
    editor.add_standard_block(lead, young, "supported_by")
    assert [(q.key, q.kind) for q in young.current_version.questions] == [("supported_by", "single_choice")]


# --- options ------------------------------------------------------------------------------------


def test_options_from_lines():
    text = "Social care\nhealth | Health (NHS)\n\n  3 | Happy | 😀  "
    assert editor.parse_options(text, "single_choice") == [
        {"value": "social_care", "label": "Social care"},
        {"value": "health", "label": "Health (NHS)"},
        {"value": "3", "label": "Happy", "symbol": "😀"},
    ]
    assert [o["value"] for o in editor.parse_options("Bad\nGood", "rating")] == ["1", "2"]
    assert editor.parse_options(editor.format_options(questions.SYMBOL_OPTIONS), "symbol_scale") == \
        questions.SYMBOL_OPTIONS


@pytest.mark.parametrize(("text", "message"), [("a | b | c | d", "Line 1 has too many parts"),
                                                ("Yes\nyes |  ", "Enter a label on line 2")])
def test_option_lines_that_cannot_be_read(text, message):
    with pytest.raises(EditorError) as error:
        editor.parse_options(text, "single_choice")
    assert error.value.field == "options" and error.value.message.startswith(message)


# --- readability --------------------------------------------------------------------------------


def test_easy_read_surveys_get_readability_findings_and_others_do_not(lead):
    hard = "The multidisciplinary assessment necessitates comprehensive documentation."
    plain = editor.create_survey(lead, title="Plain", audience="parent_carer", intro=hard)
    easy = editor.create_survey(lead, title="Easy", audience="parent_carer", intro=hard, easy_read=True)
    young = editor.create_survey(lead, title="Young", audience="young_person", intro="We want to hear from you.")
    assert editor.readability_findings(plain) == []
    [finding] = editor.readability_findings(easy)
    assert finding.where == "Introduction" and finding.reading_age > 9
    assert editor.readability_findings(young) == []


def test_standard_consent_and_who_helped_questions_read_easily(lead):
    young = editor.create_survey(lead, title="Young", audience="young_person", intro="We want to hear from you.")
    for block in ("consent", "supported_by"):
        editor.add_standard_block(lead, young, block)
    findings = editor.readability_findings(young)
    assert findings == [], [(f.where, f.text, f.messages) for f in findings]


# --- concurrency (PostgreSQL) -------------------------------------------------------------------


@pytest.mark.postgres_only
def test_a_response_started_during_an_edit_makes_the_edit_a_new_version(survey):
    """A respondent's insert holds a key-share lock on the version; the editor waits for it, then sees it."""
    assert db.engine.dialect.name == "postgresql"
    spec = edit(survey, "worried", prompt="Anxious?")
    respondent = db.engine.connect()
    started = datetime.now(UTC)
    respondent.execute(insert(Response).values(version_id=survey.current_version.id, status="in_progress",
                                               started_at=started, consent_quote=False, consent_contact=False))
    threading.Timer(1.0, respondent.commit).start()  # the respondent's transaction ends while the editor waits
    db.session.execute(text("SET LOCAL lock_timeout = '20s'"))
    try:
        result = editor.update_question(None, survey, spec.id, spec)
    finally:
        respondent.close()
    assert result.new_version and result.version.number == 2
