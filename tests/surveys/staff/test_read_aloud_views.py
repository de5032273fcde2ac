"""Read-aloud recordings: staff attach one to an easy-read question; the page plays it, or offers Listen."""

import io

import pytest

from surveys.models import Question, db
from surveys.services.capture import survey_editor as editor
from surveys.services.capture.survey_editor import QuestionSpec
from surveys.services.capture.symbols import scale_options
from tests.html import error_messages
from tests.surveys.respond.helpers import start

OGG = b"OggS" + b"\x01" * 300


@pytest.fixture
def easy_survey(app_context):
    """An active easy-read survey for young people with one symbol question, open to anyone."""
    survey = editor.create_survey(None, title="Your help", audience="young_person", easy_read=True)
    editor.add_question(None, survey, QuestionSpec(key="school", kind="symbol_scale", prompt="How is school?",
                                                   easy_read_prompt="How is school?", symbols="three_faces",
                                                   options=scale_options("three_faces"), page=1))
    survey.active = True
    db.session.commit()
    return survey


def first_question(survey) -> Question:
    db.session.expire_all()
    return survey.current_version.questions[0]


def attach_url(survey) -> str:
    return f"/staff/surveys/{survey.id}/questions/{first_question(survey).id}/read-aloud"


def test_without_a_recording_the_page_offers_a_listen_button_hidden_until_javascript(client_request, easy_survey):
    start(client_request, easy_survey.slug)
    page = client_request.get("/respond/survey/page/1")
    button = page.select_one("main button.app-listen")
    assert button.has_attr("hidden") and button["type"] == "button"  # never seen without JavaScript
    assert button["data-text"] == "How is school?"
    assert page.select_one("main audio") is None


def test_staff_attach_a_recording_and_the_page_plays_it(client_request, easy_survey):
    client_request.sign_in_as("coproduction_lead")
    assert "Read-aloud recording" in client_request.get(f"/staff/surveys/{easy_survey.id}").select_one("main").text
    client_request.post(attach_url(easy_survey), {}, files={"recording": (io.BytesIO(OGG), "question.ogg")})
    question = first_question(easy_survey)
    assert question.read_aloud and question.read_aloud.endswith(".ogg")
    staff_copy = client_request.client.get(f"{attach_url(easy_survey)}/file")
    assert staff_copy.status_code == 200 and staff_copy.data == OGG

    respondent = client_request.another_browser()
    start(respondent, easy_survey.slug)
    page = respondent.get("/respond/survey/page/1")
    player = page.select_one("main audio")
    assert player.has_attr("controls") and player["src"] == f"/respond/survey/read-aloud/{question.id}"
    assert page.select_one("main button.app-listen") is None
    played = respondent.client.get(player["src"])
    assert played.status_code == 200 and played.data == OGG and played.mimetype == "audio/ogg"


def test_the_recording_is_only_for_someone_answering_that_survey(client_request, easy_survey):
    client_request.sign_in_as("coproduction_lead")
    client_request.post(attach_url(easy_survey), {}, files={"recording": (io.BytesIO(OGG), "question.ogg")})
    question = first_question(easy_survey)
    stranger = client_request.another_browser()
    stranger.get(f"/respond/survey/read-aloud/{question.id}", expected_status=404)  # no survey session


def test_a_file_that_is_not_audio_is_refused(client_request, easy_survey):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.post(attach_url(easy_survey), {},
                               files={"recording": (io.BytesIO(b"<html></html>"), "q.mp3")}, expected_status=200)
    assert any("must be an audio recording" in message for message in error_messages(page))
    page = client_request.post(attach_url(easy_survey), {}, expected_status=200)
    assert error_messages(page) == ["Choose a recording to upload"]
    assert page.title.get_text().startswith("Error: ")
    assert first_question(easy_survey).read_aloud is None


def test_staff_remove_the_recording(client_request, easy_survey):
    client_request.sign_in_as("coproduction_lead")
    client_request.post(attach_url(easy_survey), {}, files={"recording": (io.BytesIO(OGG), "question.ogg")})
    client_request.post(f"{attach_url(easy_survey)}/remove", {}, form_url=attach_url(easy_survey))
    assert first_question(easy_survey).read_aloud is None


def test_only_survey_editors_attach_recordings(client_request, easy_survey):
    client_request.sign_in_as("viewer")
    client_request.get(attach_url(easy_survey), expected_status=403)


def test_surveys_not_in_easy_read_have_no_recordings(client_request, app_context):
    survey = editor.create_survey(None, title="Parents", audience="parent_carer")
    editor.add_question(None, survey, QuestionSpec(key="ok", kind="yes_no", prompt="OK?", page=1,
                                                   options=[{"value": "yes", "label": "Yes"},
                                                            {"value": "no", "label": "No"}]))
    db.session.commit()
    client_request.sign_in_as("coproduction_lead")
    client_request.get(f"/staff/surveys/{survey.id}/questions/{first_question(survey).id}/read-aloud",
                       expected_status=404)
