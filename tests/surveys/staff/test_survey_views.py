"""The survey editor's pages, read as HTML, with the roles and mistakes real staff bring."""

import re

import pytest
from sqlalchemy import select

from surveys.models import Question, Response, Survey, db
from surveys.services.capture import questions
from surveys.services.capture import survey_editor as editor
from surveys.services.capture.survey_editor import QuestionSpec
from surveys.services.capture.symbols import SCALES
from tests.factories import make_survey
from tests.html import (
    banner_text,
    error_messages,
    error_summary_links,
    h1_text,
    link_hrefs,
    main_text,
    table_rows,
    title_text,
)


@pytest.fixture
def lead(client_request):
    """A co-production lead, signed in."""
    return client_request.sign_in_as("coproduction_lead")


@pytest.fixture
def survey(app_context):
    """A survey with a rating (page 1), a yes/no (page 2) and a free text (page 3)."""
    survey = editor.create_survey(None, title="After your EHC plan", audience="parent_carer", intro="Tell us.")
    for spec in (
        QuestionSpec(key="overall", kind="rating", prompt="How was it?", options=questions.RATING_OPTIONS, page=1),
        QuestionSpec(key="worried", kind="yes_no", prompt="Were you worried?", options=[questions.YES, questions.NO],
                     page=2),
        QuestionSpec(key="better", kind="free_text", prompt="What could be better?", max_length=2000, page=3),
    ):
        editor.add_question(None, survey, spec)
    return survey


def errors(page) -> str:
    """The error summary's messages, as one line."""
    return " | ".join(error_messages(page))


def question(survey: Survey, key: str) -> Question:
    db.session.expire_all()
    return next(q for q in survey.current_version.questions if q.key == key)


def question_form(**fields) -> dict:
    values = {"prompt": "Did you get help?", "hint": "", "page": "4", "condition": "", "key": ""}
    values.update(fields)
    return values


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "analyst", "pcf_rep"])
def test_viewing_roles_see_surveys_but_cannot_change_them(client_request, survey, role):
    client_request.sign_in_as(role)
    page = client_request.get("/staff/surveys")
    assert [row[0] for row in table_rows(page)] == ["After your EHC plan"]
    assert "/staff/surveys/new" not in link_hrefs(page)
    assert "/staff/surveys" in link_hrefs(page.select_one(".govuk-service-navigation"))  # the staff menu has the area
    page = client_request.get(f"/staff/surveys/{survey.id}")
    assert "Add a question" not in main_text(page) and "Move up" not in main_text(page)
    client_request.get(f"/staff/surveys/{survey.id}/preview")
    rating = question(survey, "overall")
    for url in ("/staff/surveys/new", f"/staff/surveys/{survey.id}/edit",
                f"/staff/surveys/{survey.id}/questions/new", f"/staff/surveys/{survey.id}/questions/{rating.id}/edit"):
        client_request.get(url, expected_status=403)
    client_request.post(f"/staff/surveys/{survey.id}/questions/{rating.id}/move", {"direction": "down"},
                        expected_status=403, form_url=f"/staff/surveys/{survey.id}")
    assert question(survey, "overall").position == 1


@pytest.mark.parametrize("role", ["partner_lead", "complaints_officer", "safeguarding_lead"])
def test_other_roles_cannot_see_surveys(client_request, survey, role):
    client_request.sign_in_as(role)
    client_request.get("/staff/surveys", expected_status=403)
    client_request.get(f"/staff/surveys/{survey.id}", expected_status=403)


def test_signed_out_people_are_sent_to_sign_in(client_request, survey):
    client_request.get(f"/staff/surveys/{survey.id}", expected_status=302, expected_redirect="/staff/login")


def test_admins_can_edit(client_request, survey):
    client_request.sign_in_as("admin")
    assert h1_text(client_request.get(f"/staff/surveys/{survey.id}/edit"))


# --- the list and the survey page ------------------------------------------------------------


def test_the_list_shows_audience_version_responses_and_tags(client_request, lead, survey):
    db.session.add(Response(version_id=survey.current_version.id, status="submitted"))
    db.session.commit()
    [row] = table_rows(client_request.get("/staff/surveys"))
    assert row[:5] == ["After your EHC plan", "Parents and carers", "1", "3", "1"]
    assert "Not active" in row[5] and "Open link" in row[5]


def test_the_survey_page_shows_questions_in_order_by_page(client_request, lead, survey):
    text = main_text(client_request.get(f"/staff/surveys/{survey.id}"))
    assert text.index("Page 1 Question 1") < text.index("Page 2 Question 2") < text.index("Page 3 Question 3")
    assert "How was it?" in text and "Very poor" in text and "2,000" in text
    assert "Add the equality monitoring questions" in text and "Add consent questions" in text
    assert "who helped you answer" not in text  # only for young people


def test_the_survey_page_says_when_a_conditional_question_shows(client_request, lead, survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=4, condition_key="worried", condition_value="yes"))
    text = main_text(client_request.get(f"/staff/surveys/{survey.id}"))
    assert "Only if the answer to question 2 (“Were you worried?”) is “Yes”" in text


def test_unknown_survey_is_404(client_request, lead):
    client_request.get("/staff/surveys/999999", expected_status=404)


# --- creating and editing details --------------------------------------------------------------


def test_create_survey_shows_errors_then_creates(client_request, lead):
    page = client_request.post("/staff/surveys/new", {"title": "", "intro": ""}, expected_status=200)
    assert title_text(page).startswith("Error: Create a survey")
    assert error_messages(page) == ["Enter a title", "Select who the survey is for"]

    client_request.post("/staff/surveys/new", {"title": "Have your say", "audience": "young_person",
                                               "easy_read": "y", "open_link": "y"})
    created = db.session.scalar(select(Survey).where(Survey.slug == "have-your-say"))
    location = client_request.response.headers["Location"]
    assert location.endswith(f"/staff/surveys/{created.id}")
    assert created.easy_read and not created.active
    page = client_request.get(location)
    assert "Survey created" in banner_text(page) and "Add ‘who helped you answer’ question" in main_text(page)


def test_what_the_editor_saves_is_committed_by_the_request(client_request, lead):
    """The editor only flushes: the after-request hook commits, so another connection sees the new survey."""
    client_request.post("/staff/surveys/new", {"title": "Committed", "audience": "anyone"})
    with db.engine.connect() as other:
        assert other.execute(select(Survey.id).where(Survey.slug == "committed")).first() is not None


def test_too_long_title_is_refused(client_request, lead):
    page = client_request.post("/staff/surveys/new", {"title": "x" * 201, "audience": "anyone"}, expected_status=200)
    assert error_summary_links(page) == [("Title must be 200 characters or fewer", "#title")]


def test_making_an_empty_survey_active_is_refused(client_request, lead):
    empty = editor.create_survey(None, title="Empty", audience="anyone")
    url = f"/staff/surveys/{empty.id}/edit"
    page = client_request.post(url, {"title": "Empty", "audience": "anyone", "active": "y"}, expected_status=200)
    assert "Add at least one question before you make the survey active" in errors(page)


def test_editing_details_of_an_answered_survey(client_request, lead, survey):
    db.session.add(Response(version_id=survey.current_version.id))
    db.session.commit()
    url = f"/staff/surveys/{survey.id}/edit"
    page = client_request.post(url, {"title": "After the plan", "audience": "parent_carer", "intro": "Tell us more.",
                                     "open_link": "y", "active": "y"}, follow=True)
    assert "the survey is now version 2" in banner_text(page) and "After the plan" in main_text(page)
    assert [v.intro for v in survey.versions] == ["Tell us.", "Tell us more."]


# --- adding questions ----------------------------------------------------------------------------


def test_choose_a_type_then_add_a_rating_with_the_default_scale(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new"
    page = client_request.post(url, {}, expected_status=200)
    assert error_messages(page) == ["Select the type of question"]
    add_url = f"/staff/surveys/{survey.id}/questions/new/rating"
    client_request.post(url, {"kind": "rating"}, expected_redirect=add_url)
    page = client_request.get(add_url)
    options = "1 | Very poor\n2 | Poor\n3 | Neither good nor poor\n4 | Good\n5 | Very good"
    assert page.select_one('textarea[name="options"]').get_text().strip().replace("\r\n", "\n") == options
    assert page.select_one('input[name="page"]')["value"] == "4"
    client_request.post(add_url, question_form(prompt="How well did we listen?", options=options))
    added = question(survey, "well_listen")
    assert added.kind == "rating" and added.page == 4 and added.options == questions.RATING_OPTIONS


def test_unknown_question_type_is_404(client_request, lead, survey):
    client_request.get(f"/staff/surveys/{survey.id}/questions/new/slider", expected_status=404)


def test_free_text_asks_for_a_length_and_refuses_too_long(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/free_text"
    assert client_request.get(url).select_one('input[name="max_length"]')["value"] == "2000"
    page = client_request.post(url, question_form(max_length="20000"), expected_status=200)
    assert error_messages(page) == ["Maximum length must be between 1 and 10,000 characters"]
    page = client_request.post(url, question_form(max_length="lots"), expected_status=200)
    assert error_messages(page) == ["Enter the most characters people can write, as a number from 1 to 10,000"]
    client_request.post(url, question_form(max_length="500"))
    assert question(survey, "get_help").max_length == 500


def test_symbol_scale_is_chosen_from_the_scales(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/symbol_scale"
    page = client_request.get(url)
    assert page.select_one('input[name="symbols"]:checked')["value"] == "three_faces"  # what there was before
    assert {i["value"] for i in page.select('input[name="symbols"]')} == set(SCALES)
    assert page.select_one('textarea[name="options"]') is None  # the scale brings its words and pictures
    page = client_request.post(url, question_form(symbols="emoji"), expected_status=200)
    assert "Select the symbols people choose from" in errors(page)
    client_request.post(url, question_form(symbols="thumbs"))
    saved = question(survey, "get_help")
    assert saved.symbols == "thumbs"
    assert saved.options == [{"value": "2", "label": "Thumbs up", "symbol": "thumbs_up"},
                             {"value": "1", "label": "Thumbs down", "symbol": "thumbs_down"}]
    edit = f"/staff/surveys/{survey.id}/questions/{saved.id}/edit"
    assert client_request.get(edit).select_one('input[name="symbols"]:checked')["value"] == "thumbs"
    client_request.post(edit, question_form(symbols="five_faces"))
    assert [o["symbol"] for o in question(survey, "get_help").options] == [
        "very_happy", "happy", "ok", "sad", "very_sad"]


def test_option_mistakes_show_with_the_other_mistakes(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/single_choice"
    page = client_request.post(url, question_form(prompt="", options="a | b | c | d", page="x"), expected_status=200)
    summary = errors(page)
    for message in ("Enter the question", "Line 1 has too many parts", "Enter the page number, from 1 to 200"):
        assert message in summary


def test_duplicate_key_and_too_long_question_are_shown_on_their_fields(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/yes_no"
    page = client_request.post(url, question_form(key="worried"), expected_status=200)
    assert error_summary_links(page) == [("Another question already uses the key worried", "#key")]
    page = client_request.post(url, question_form(prompt="Why " * 300), expected_status=200)
    assert error_summary_links(page) == [("Question must be 1,000 characters or fewer", "#prompt")]


def test_conditions_offer_earlier_answers_and_refuse_tampered_ones(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/free_text"
    offered = {option["value"] for option in client_request.get(url).select('select[name="condition"] option')}
    assert {"worried:yes", "overall:1"} <= offered
    assert not any(value.startswith("better:") for value in offered)  # free text cannot drive a condition
    page = client_request.post(url, question_form(max_length="500", condition="better:anything"),
                               expected_status=200)
    assert "This question can only depend on a rating, symbol scale, single choice" in errors(page)
    page = client_request.post(url, question_form(max_length="500", condition="worried:maybe"), expected_status=200)
    assert "Choose one of the answers to question 2" in errors(page)
    client_request.post(url, question_form(max_length="500", condition="worried:yes"))
    added = question(survey, "get_help")
    assert (added.condition_key, added.condition_value) == ("worried", "yes")


def test_condition_on_an_earlier_question_of_the_same_page_is_refused(client_request, lead, survey):
    rating = question(survey, "overall")
    url = f"/staff/surveys/{survey.id}/questions/new/yes_no"
    client_request.post(url, question_form(page="3", condition="worried:yes"))  # page 3 is after the yes/no on page 2
    edit_url = f"/staff/surveys/{survey.id}/questions/{question(survey, 'worried').id}/edit"
    page = client_request.post(edit_url, question_form(prompt="Were you worried?", page="1",
                                                       condition=f"{rating.key}:1"), expected_status=200)
    assert "Put this question on a later page than question 1" in errors(page)


def test_standard_blocks_are_added_by_a_button(client_request, lead, survey):
    url = f"/staff/surveys/{survey.id}/standard/equality"
    page = client_request.post(url, form_url=f"/staff/surveys/{survey.id}", follow=True)
    assert "Equality monitoring questions added" in banner_text(page)
    text = main_text(page)
    assert "What is your age group?" in text
    assert "Add the equality monitoring questions" not in text
    assert text.count("Prefer not to say") == 4
    assert client_request.client.get(url).status_code == 405  # nothing changes on GET
    client_request.post(f"/staff/surveys/{survey.id}/standard/lasers", form_url=f"/staff/surveys/{survey.id}",
                        expected_status=404)


# --- editing, moving, removing -----------------------------------------------------------------


def test_editing_a_question_in_place_and_in_a_new_version(client_request, lead, survey):
    worried = question(survey, "worried")
    url = f"/staff/surveys/{survey.id}/questions/{worried.id}/edit"
    page = client_request.get(url)
    assert h1_text(page) == "Change question 2"
    prompt = page.select_one('[name="prompt"]')
    assert prompt.get("value", prompt.get_text()).strip() == "Were you worried?"
    client_request.post(url, question_form(prompt="Were you anxious?", page="2"))
    assert question(survey, "worried").id == worried.id

    db.session.add(Response(version_id=survey.current_version.id))
    db.session.commit()
    assert "Saving makes version 2" in main_text(client_request.get(url))
    page = client_request.post(url, question_form(prompt="Were you scared?", page="2"), follow=True)
    assert ("Question saved. People had already started answering version 1, so the survey is now version 2."
            in banner_text(page))
    assert [q.prompt for q in survey.versions[0].questions][1] == "Were you anxious?"
    assert question(survey, "worried").prompt == "Were you scared?"

    # The old question's page now points at a version people answered: staff are sent back to the survey.
    client_request.get(url, expected_status=302, expected_redirect=f"/staff/surveys/{survey.id}")


def test_a_question_from_another_survey_is_404(client_request, lead, survey):
    other = make_survey()
    theirs = other.current_version.questions[0]
    for url in (f"/staff/surveys/{survey.id}/questions/{theirs.id}/edit",
                f"/staff/surveys/{survey.id}/questions/{theirs.id}/remove"):
        client_request.get(url, expected_status=404)
    client_request.post(f"/staff/surveys/{survey.id}/questions/{theirs.id}/move", {"direction": "up"},
                        expected_status=404, form_url=f"/staff/surveys/{survey.id}")
    assert theirs.position == 1


def test_move_up_and_down(client_request, lead, survey):
    better = question(survey, "better")
    url = f"/staff/surveys/{survey.id}/questions/{better.id}/move"
    page = client_request.post(url, {"direction": "up"}, form_url=f"/staff/surveys/{survey.id}", follow=True)
    assert "Question moved up" in banner_text(page)
    text = main_text(page)
    assert text.index("What could be better?") < text.index("Were you worried?")
    assert client_request.client.get(url).status_code == 405
    client_request.post(url, {"direction": "sideways"}, form_url=f"/staff/surveys/{survey.id}", expected_status=400)


def test_a_move_that_breaks_a_condition_is_explained(client_request, lead, survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=3, condition_key="worried", condition_value="yes"))
    url = f"/staff/surveys/{survey.id}/questions/{question(survey, 'worried').id}/move"
    page = client_request.post(url, {"direction": "down"}, form_url=f"/staff/surveys/{survey.id}", follow=True)
    assert "You cannot move that question down" in main_text(page)


def test_remove_asks_first_then_removes(client_request, lead, survey):
    better = question(survey, "better")
    url = f"/staff/surveys/{survey.id}/questions/{better.id}/remove"
    assert "Are you sure you want to remove question 3?" in main_text(client_request.get(url))
    client_request.post(url)
    assert [q.key for q in question(survey, "overall").version.questions] == ["overall", "worried"]


# --- readability and preview -------------------------------------------------------------------


def test_easy_read_survey_warns_about_hard_wording(client_request, lead):
    easy = editor.create_survey(None, title="Your say", audience="parent_carer", easy_read=True,
                                intro="We want to know what you think.")
    assert "Check the wording" not in main_text(client_request.get(f"/staff/surveys/{easy.id}"))
    url = f"/staff/surveys/{easy.id}/questions/new/yes_no"
    hard = "Notwithstanding the aforementioned considerations, is the multidisciplinary documentation comprehensive?"
    client_request.post(url, question_form(prompt=hard, page="1"))  # warned, never blocked
    text = main_text(client_request.get(f"/staff/surveys/{easy.id}"))
    assert "Check the wording" in text and "Question 1:" in text
    assert re.search(r"This line needs a reading age of about \d+( or over)?\. Easy read should suit a reading age "
                     r"of 7 to 9\.", text)


def test_plain_survey_gets_no_readability_warning(client_request, lead, survey):
    editor.update_survey(None, survey, title=survey.title, audience="parent_carer", easy_read=False, open_link=True,
                         active=False, intro="The multidisciplinary assessment necessitates documentation.")
    assert "Check the wording" not in main_text(client_request.get(f"/staff/surveys/{survey.id}"))


def test_preview_shows_the_questions_as_respondents_see_them(client_request, lead, survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why were you worried?",
                                                   max_length=500, page=4, condition_key="worried",
                                                   condition_value="yes"))
    page = client_request.get(f"/staff/surveys/{survey.id}/preview")
    text = main_text(page)
    assert "This is a preview" in text and "Page 1 of 4" in text
    main = page.select_one("main")
    assert main.select('input[type="radio"]') and "Very good" in text and main.select("textarea")
    assert "Only shown if the answer to question 2 is “Yes”" in text
    assert main.select("button") == []
