"""The survey editor's pages, read as HTML, with the roles and mistakes real staff bring."""

import re

import pytest
from sqlalchemy import select

from surveys.models import Question, Response, Survey, db
from surveys.services.capture import questions
from surveys.services.capture import survey_editor as editor
from surveys.services.capture.survey_editor import QuestionSpec
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_survey, make_user
from tests.html import check_page


@pytest.fixture
def lead(client, login, app_context):
    """A co-production lead, signed in."""
    user = make_user(role="coproduction_lead")
    login(user.email, PASSWORD)
    return user


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


def page(client, url: str, status: int = 200) -> str:
    """GET a page, check its status and its HTML, and return the HTML."""
    response = client.get(url)
    assert response.status_code == status, response.status_code
    html = response.get_data(as_text=True)
    check_page(html)
    return html


def post(client, url: str, data: dict | None = None, form_url: str | None = None):
    """POST like a browser: with the CSRF token from the page the form is on."""
    token = csrf_token_from(client.get(form_url or url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def question(survey: Survey, key: str) -> Question:
    db.session.expire_all()
    return next(q for q in survey.current_version.questions if q.key == key)


def question_form(**fields) -> dict:
    values = {"prompt": "Did you get help?", "hint": "", "page": "4", "condition": "", "key": ""}
    values.update(fields)
    return values


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "analyst", "pcf_rep"])
def test_viewing_roles_see_surveys_but_cannot_change_them(client, login, survey, role):
    user = make_user(role=role)
    login(user.email, PASSWORD)
    html = page(client, "/staff/surveys")
    assert "After your EHC plan" in html and "Create a survey" not in html
    assert 'href="/staff/surveys"' in html  # the staff menu has the area
    html = page(client, f"/staff/surveys/{survey.id}")
    assert "Add a question" not in html and "Move up" not in html
    page(client, f"/staff/surveys/{survey.id}/preview")
    rating = question(survey, "overall")
    for url in ("/staff/surveys/new", f"/staff/surveys/{survey.id}/edit",
                f"/staff/surveys/{survey.id}/questions/new", f"/staff/surveys/{survey.id}/questions/{rating.id}/edit"):
        assert client.get(url).status_code == 403, url
    token = csrf_token_from(client.get(f"/staff/surveys/{survey.id}").get_data(as_text=True))
    moved = client.post(f"/staff/surveys/{survey.id}/questions/{rating.id}/move",
                        data={"csrf_token": token, "direction": "down"})
    assert moved.status_code == 403
    assert question(survey, "overall").position == 1


@pytest.mark.parametrize("role", ["partner_lead", "complaints_officer", "safeguarding_lead"])
def test_other_roles_cannot_see_surveys(client, login, survey, role):
    user = make_user(role=role)
    login(user.email, PASSWORD)
    assert client.get("/staff/surveys").status_code == 403
    assert client.get(f"/staff/surveys/{survey.id}").status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client, survey):
    response = client.get(f"/staff/surveys/{survey.id}")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_admins_can_edit(client, login, survey):
    admin = make_user(role="admin")
    login(admin.email, PASSWORD)
    page(client, f"/staff/surveys/{survey.id}/edit")


# --- the list and the survey page ------------------------------------------------------------


def test_the_list_shows_audience_version_responses_and_tags(client, lead, survey):
    db.session.add(Response(version_id=survey.current_version.id, status="submitted"))
    db.session.commit()
    html = text_of(page(client, "/staff/surveys"))
    assert "After your EHC plan Parents and carers 1 3 1" in html
    assert "Not active" in html and "Open link" in html


def test_the_survey_page_shows_questions_in_order_by_page(client, lead, survey):
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert html.index("Page 1 Question 1") < html.index("Page 2 Question 2") < html.index("Page 3 Question 3")
    assert "How was it?" in html and "Very poor" in html and "2,000" in html
    assert "Add the equality monitoring questions" in html and "Add consent questions" in html
    assert "who helped you answer" not in html  # only for young people


def test_the_survey_page_says_when_a_conditional_question_shows(client, lead, survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=4, condition_key="worried", condition_value="yes"))
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert "Only if the answer to question 2 (“Were you worried?”) is “Yes”" in html


def test_unknown_survey_is_404(client, lead):
    page(client, "/staff/surveys/999999", status=404)


# --- creating and editing details --------------------------------------------------------------


def test_create_survey_shows_errors_then_creates(client, lead):
    response = post(client, "/staff/surveys/new", {"title": "", "intro": ""})
    html = response.get_data(as_text=True)
    check_page(html)
    assert "<title>Error: Create a survey" in html
    assert "Enter a title" in html and "Select who the survey is for" in html

    response = post(client, "/staff/surveys/new", {"title": "Have your say", "audience": "young_person",
                                                   "easy_read": "y", "open_link": "y"})
    created = db.session.scalar(select(Survey).where(Survey.slug == "have-your-say"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/surveys/{created.id}")
    assert created.easy_read and not created.active
    html = page(client, response.headers["Location"])
    assert "Survey created" in html and "Add ‘who helped you answer’ question" in html


def test_what_the_editor_saves_is_committed_by_the_request(client, lead):
    """The editor only flushes: the after-request hook commits, so another connection sees the new survey."""
    response = post(client, "/staff/surveys/new", {"title": "Committed", "audience": "anyone"})
    assert response.status_code == 302
    with db.engine.connect() as other:
        assert other.execute(select(Survey.id).where(Survey.slug == "committed")).first() is not None


def test_too_long_title_is_refused(client, lead):
    html = post(client, "/staff/surveys/new", {"title": "x" * 201, "audience": "anyone"}).get_data(as_text=True)
    check_page(html)
    assert "Title must be 200 characters or fewer" in html


def test_making_an_empty_survey_active_is_refused(client, lead):
    empty = editor.create_survey(None, title="Empty", audience="anyone")
    url = f"/staff/surveys/{empty.id}/edit"
    html = post(client, url, {"title": "Empty", "audience": "anyone", "active": "y"}).get_data(as_text=True)
    check_page(html)
    assert "Add at least one question before you make the survey active" in html


def test_editing_details_of_an_answered_survey(client, lead, survey):
    db.session.add(Response(version_id=survey.current_version.id))
    db.session.commit()
    url = f"/staff/surveys/{survey.id}/edit"
    response = post(client, url, {"title": "After the plan", "audience": "parent_carer", "intro": "Tell us more.",
                                  "open_link": "y", "active": "y"})
    assert response.status_code == 302
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert "the survey is now version 2" in html and "After the plan" in html
    assert [v.intro for v in survey.versions] == ["Tell us.", "Tell us more."]


# --- adding questions ----------------------------------------------------------------------------


def test_choose_a_type_then_add_a_rating_with_the_default_scale(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new"
    html = post(client, url, {}).get_data(as_text=True)
    check_page(html)
    assert "Select the type of question" in html
    response = post(client, url, {"kind": "rating"})
    assert response.headers["Location"].endswith(f"/staff/surveys/{survey.id}/questions/new/rating")
    add_url = response.headers["Location"]
    html = page(client, add_url)
    assert "1 | Very poor" in html and "5 | Very good" in html and 'value="4"' in html
    options = "1 | Very poor\n2 | Poor\n3 | Neither good nor poor\n4 | Good\n5 | Very good"
    response = post(client, add_url, question_form(prompt="How well did we listen?", options=options))
    assert response.status_code == 302
    added = question(survey, "well_listen")
    assert added.kind == "rating" and added.page == 4 and added.options == questions.RATING_OPTIONS


def test_unknown_question_type_is_404(client, lead, survey):
    assert client.get(f"/staff/surveys/{survey.id}/questions/new/slider").status_code == 404


def test_free_text_asks_for_a_length_and_refuses_too_long(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/free_text"
    html = page(client, url)
    assert 'value="2000"' in html
    html = post(client, url, question_form(max_length="20000")).get_data(as_text=True)
    check_page(html)
    assert "Maximum length must be between 1 and 10,000 characters" in html
    html = post(client, url, question_form(max_length="lots")).get_data(as_text=True)
    assert "Enter the most characters people can write, as a number from 1 to 10,000" in html
    assert post(client, url, question_form(max_length="500")).status_code == 302
    assert question(survey, "get_help").max_length == 500


def test_symbol_scale_needs_a_label_and_a_symbol_for_each_option(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/symbol_scale"
    html = post(client, url, question_form(options="😀\n🙁")).get_data(as_text=True)
    check_page(html)
    assert "Option 1 needs a symbol as well as a label" in html
    response = post(client, url, question_form(options="| Happy | 😀\n| Sad | 🙁"))
    assert response.status_code == 302
    assert question(survey, "get_help").options == [
        {"value": "1", "label": "Happy", "symbol": "😀"}, {"value": "2", "label": "Sad", "symbol": "🙁"}]


def test_option_mistakes_show_with_the_other_mistakes(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/single_choice"
    html = post(client, url, question_form(prompt="", options="a | b | c | d", page="x")).get_data(as_text=True)
    check_page(html)
    summary = text_of(html.split('class="govuk-error-summary"')[1].split("</ul>")[0])
    for message in ("Enter the question", "Line 1 has too many parts", "Enter the page number, from 1 to 200"):
        assert message in summary


def test_duplicate_key_and_too_long_question_are_shown_on_their_fields(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/yes_no"
    html = post(client, url, question_form(key="worried")).get_data(as_text=True)
    check_page(html)
    assert "Another question already uses the key worried" in html and 'href="#key"' in html
    html = post(client, url, question_form(prompt="Why " * 300)).get_data(as_text=True)
    assert "Question must be 1,000 characters or fewer" in html and 'href="#prompt"' in html


def test_conditions_offer_earlier_answers_and_refuse_tampered_ones(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/questions/new/free_text"
    html = page(client, url)
    assert 'value="worried:yes"' in html and 'value="overall:1"' in html
    assert "better:" not in html  # free text cannot drive a condition
    html = post(client, url, question_form(max_length="500", condition="better:anything")).get_data(as_text=True)
    check_page(html)
    assert "This question can only depend on a rating, symbol scale, single choice" in html
    html = post(client, url, question_form(max_length="500", condition="worried:maybe")).get_data(as_text=True)
    assert "Choose one of the answers to question 2" in html
    response = post(client, url, question_form(max_length="500", condition="worried:yes"))
    assert response.status_code == 302
    added = question(survey, "get_help")
    assert (added.condition_key, added.condition_value) == ("worried", "yes")


def test_condition_on_an_earlier_question_of_the_same_page_is_refused(client, lead, survey):
    rating = question(survey, "overall")
    url = f"/staff/surveys/{survey.id}/questions/new/yes_no"
    html = post(client, url, question_form(page="3", condition="worried:yes")).get_data(as_text=True)
    assert "Put this question on a later page" not in html  # page 3 is after the yes/no on page 2
    edit_url = f"/staff/surveys/{survey.id}/questions/{question(survey, 'worried').id}/edit"
    html = post(client, edit_url, question_form(prompt="Were you worried?", page="1",
                                                condition=f"{rating.key}:1")).get_data(as_text=True)
    check_page(html)
    assert "Put this question on a later page than question 1" in html


def test_standard_blocks_are_added_by_a_button(client, lead, survey):
    url = f"/staff/surveys/{survey.id}/standard/equality"
    response = post(client, url, form_url=f"/staff/surveys/{survey.id}")
    assert response.status_code == 302
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert "Equality monitoring questions added" in html and "What is your age group?" in html
    assert "Add the equality monitoring questions" not in html
    assert html.count("Prefer not to say") == 4
    assert client.get(url).status_code == 405  # nothing changes on GET
    assert post(client, f"/staff/surveys/{survey.id}/standard/lasers", form_url=url.rsplit("/", 2)[0]).status_code \
        == 404


# --- editing, moving, removing -----------------------------------------------------------------


def test_editing_a_question_in_place_and_in_a_new_version(client, lead, survey):
    worried = question(survey, "worried")
    url = f"/staff/surveys/{survey.id}/questions/{worried.id}/edit"
    html = page(client, url)
    assert "Change question 2" in html and "Were you worried?" in html
    assert post(client, url, question_form(prompt="Were you anxious?", page="2")).status_code == 302
    assert question(survey, "worried").id == worried.id

    db.session.add(Response(version_id=survey.current_version.id))
    db.session.commit()
    assert "Saving makes version 2" in text_of(page(client, url))
    response = post(client, url, question_form(prompt="Were you scared?", page="2"))
    assert response.status_code == 302
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert "Question saved. People had already started answering version 1, so the survey is now version 2." in html
    assert [q.prompt for q in survey.versions[0].questions][1] == "Were you anxious?"
    assert question(survey, "worried").prompt == "Were you scared?"

    # The old question's page now points at a version people answered: staff are sent back to the survey.
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/surveys/{survey.id}")


def test_a_question_from_another_survey_is_404(client, lead, survey):
    other = make_survey()
    theirs = other.current_version.questions[0]
    for url in (f"/staff/surveys/{survey.id}/questions/{theirs.id}/edit",
                f"/staff/surveys/{survey.id}/questions/{theirs.id}/remove"):
        page(client, url, status=404)
    token = csrf_token_from(client.get(f"/staff/surveys/{survey.id}").get_data(as_text=True))
    response = client.post(f"/staff/surveys/{survey.id}/questions/{theirs.id}/move",
                           data={"csrf_token": token, "direction": "up"})
    assert response.status_code == 404
    assert theirs.position == 1


def test_move_up_and_down(client, lead, survey):
    better = question(survey, "better")
    url = f"/staff/surveys/{survey.id}/questions/{better.id}/move"
    assert post(client, url, {"direction": "up"}, form_url=f"/staff/surveys/{survey.id}").status_code == 302
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert "Question moved up" in html
    assert html.index("What could be better?") < html.index("Were you worried?")
    assert client.get(url).status_code == 405
    response = post(client, url, {"direction": "sideways"}, form_url=f"/staff/surveys/{survey.id}")
    assert response.status_code == 400


def test_a_move_that_breaks_a_condition_is_explained(client, lead, survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why?", max_length=500,
                                                   page=3, condition_key="worried", condition_value="yes"))
    url = f"/staff/surveys/{survey.id}/questions/{question(survey, 'worried').id}/move"
    post(client, url, {"direction": "down"}, form_url=f"/staff/surveys/{survey.id}")
    html = text_of(page(client, f"/staff/surveys/{survey.id}"))
    assert "You cannot move that question down" in html


def test_remove_asks_first_then_removes(client, lead, survey):
    better = question(survey, "better")
    url = f"/staff/surveys/{survey.id}/questions/{better.id}/remove"
    html = page(client, url)
    assert "Are you sure you want to remove question 3?" in html
    assert post(client, url).status_code == 302
    assert [q.key for q in question(survey, "overall").version.questions] == ["overall", "worried"]


# --- readability and preview -------------------------------------------------------------------


def test_easy_read_survey_warns_about_hard_wording(client, lead):
    easy = editor.create_survey(None, title="Your say", audience="parent_carer", easy_read=True,
                                intro="We want to know what you think.")
    html = page(client, f"/staff/surveys/{easy.id}")
    assert "Check the wording" not in html
    url = f"/staff/surveys/{easy.id}/questions/new/yes_no"
    hard = "Notwithstanding the aforementioned considerations, is the multidisciplinary documentation comprehensive?"
    assert post(client, url, question_form(prompt=hard, page="1")).status_code == 302  # warned, never blocked
    html = text_of(page(client, f"/staff/surveys/{easy.id}"))
    assert "Check the wording" in html and "Question 1:" in html
    assert re.search(r"This line needs a reading age of about \d+( or over)?\. Easy read should suit a reading age "
                     r"of 7 to 9\.", html)


def test_plain_survey_gets_no_readability_warning(client, lead, survey):
    editor.update_survey(None, survey, title=survey.title, audience="parent_carer", easy_read=False, open_link=True,
                         active=False, intro="The multidisciplinary assessment necessitates documentation.")
    assert "Check the wording" not in page(client, f"/staff/surveys/{survey.id}")


def test_preview_shows_the_questions_as_respondents_see_them(client, lead, survey):
    editor.add_question(None, survey, QuestionSpec(key="why", kind="free_text", prompt="Why were you worried?",
                                                   max_length=500, page=4, condition_key="worried",
                                                   condition_value="yes"))
    html = page(client, f"/staff/surveys/{survey.id}/preview")
    text = text_of(html)
    assert "This is a preview" in text and "Page 1 of 4" in text
    assert 'type="radio"' in html and "Very good" in html and "<textarea" in html
    assert "Only shown if the answer to question 2 is “Yes”" in text
    assert "<button" not in html.split('id="main-content"')[1].split("</main>")[0]
