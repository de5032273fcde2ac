"""Young people's easy-read survey: symbol scales with words, audio messages, who helped."""

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.models import AudioMessage, Comment, Response, db
from surveys.services.capture.symbols import SCALES, scale_options
from surveys.worker import drain
from tests.html import error_messages, link_hrefs, main_text, summary_list, text_of
from tests.surveys.respond.helpers import post_page, start, submit

OGG = b"OggS" + b"\x00" * 200
EMOJI = re.compile("[\u2600-\u27bf\U0001F000-\U0001FAFF]")


def test_symbol_scale_always_has_words(client_request, young_person_survey):
    start(client_request, "young-people")
    page = client_request.get("/respond/survey/page/1")
    assert text_of(page.select_one("main legend")) == "How do you feel at school?"  # the easy-read wording
    labels = page.select('input[name="school"] + label')
    assert [text_of(label) for label in labels] == ["Happy", "OK", "Sad"]  # the word, and no emoji character
    pictures = [label.select_one("img.app-symbol") for label in labels]
    assert [img["src"] for img in pictures] == ["/static/symbols/happy.svg", "/static/symbols/ok.svg",
                                                 "/static/symbols/sad.svg"]
    assert all(img["alt"] == "" for img in pictures)  # read aloud as its word, not twice
    assert text_of(page.select_one("main form button:not(.app-listen)")) == "Next"
    assert "part 1 of" in text_of(page.select_one(".govuk-caption-l"))


def test_audio_upload_and_who_helped(client_request, app, young_person_survey):
    start(client_request, "young-people")
    post_page(client_request, 1, {"school": "3"})
    post_page(client_request, 2, {"better": "More quiet places"}, files={"voice": (io.BytesIO(OGG), "me.ogg")})
    post_page(client_request, 3, {"supported_by": "parent"})
    assert "Audio message sent" in summary_list(client_request.get("/respond/survey/check")).values()
    submit(client_request)
    [response] = db.session.scalars(select(Response)).all()
    assert response.supported_by == "A parent or carer"
    [message] = db.session.scalars(select(AudioMessage)).all()
    stored = Path(app.config["AUDIO_DIR"]) / message.storage_name
    assert stored.read_bytes() == OGG and message.content_type == "audio/ogg"
    assert stored.stat().st_mode & 0o077 == 0  # private to the service


def test_not_audio_is_refused_with_a_clear_message(client_request, young_person_survey):
    start(client_request, "young-people")
    post_page(client_request, 1, {"school": "2"})
    page = post_page(client_request, 2, {}, files={"voice": (io.BytesIO(b"<html>not audio</html>"), "song.mp3")},
                     expected_status=200)
    assert error_messages(page) == ["That is not a sound recording. Please choose a different file."]  # easy read
    assert db.session.scalar(select(AudioMessage)) is None


def test_oversized_audio_is_refused(client_request, app, young_person_survey):
    app.config["AUDIO_MAX_BYTES"] = 1024
    try:
        start(client_request, "young-people")
        page = post_page(client_request, 2, {}, files={"voice": (io.BytesIO(OGG * 10), "big.ogg")},
                         expected_status=200)
        assert error_messages(page) == ["The recording is too big. It must be smaller than 0 MB."]
    finally:
        app.config["AUDIO_MAX_BYTES"] = 10 * 1024 * 1024


def test_audio_hint_states_the_configured_limit(client_request, app, young_person_survey):
    app.config["AUDIO_MAX_BYTES"] = 5 * 1024 * 1024
    try:
        start(client_request, "young-people")
        page = client_request.get("/respond/survey/page/2")
        assert "It must be smaller than 5 MB." in text_of(page.select_one("#voice-hint"))
    finally:
        app.config["AUDIO_MAX_BYTES"] = 10 * 1024 * 1024


def test_staff_play_and_transcribe_audio(client_request, young_person_survey):
    respondent = client_request.another_browser()
    start(respondent, "young-people")
    post_page(respondent, 1, {"school": "1"})
    post_page(respondent, 2, {}, files={"voice": (io.BytesIO(OGG), "me.ogg")})
    submit(respondent)
    [message] = db.session.scalars(select(AudioMessage)).all()
    client_request.sign_in_as("safeguarding_lead")
    listing = client_request.get("/staff/audio")
    assert f"/staff/audio/{message.id}" in link_hrefs(listing.select_one("main"))
    audio = client_request.client.get(f"/staff/audio/{message.id}/file")
    assert audio.status_code == 200 and audio.data == OGG and audio.headers["Cache-Control"] == "no-store"
    page = client_request.get(f"/staff/audio/{message.id}")
    assert page.select_one("main audio")["src"] == f"/staff/audio/{message.id}/file"
    assert f"Audio message {message.id}" in main_text(page)
    client_request.post(f"/staff/audio/{message.id}", {"transcript": "I want a quiet room at lunch."})
    db.session.expire_all()
    comment = db.session.scalar(select(Comment).where(Comment.source == "transcript"))
    assert comment.raw_text == "I want a quiet room at lunch."
    drain()
    db.session.refresh(comment)
    assert comment.analysed_at is not None


def test_audio_is_not_for_every_role(client_request, young_person_survey):
    client_request.sign_in_as("viewer")
    client_request.get("/staff/audio", expected_status=403)


@pytest.mark.parametrize("scale", list(SCALES))
def test_every_scale_shows_a_picture_beside_each_word(client_request, young_person_survey, scale):
    question = young_person_survey.current_version.questions[0]
    question.symbols, question.options = scale, scale_options(scale)
    db.session.commit()
    start(client_request, "young-people")
    page = client_request.get("/respond/survey/page/1")
    labels = page.select('input[name="school"] + label')
    assert [text_of(label) for label in labels] == [label for _, label, _ in SCALES[scale].options]
    for label, (_, _, name) in zip(labels, SCALES[scale].options, strict=True):
        src = label.select_one("img.app-symbol")["src"]
        assert src == f"/static/symbols/{name}.svg"
        assert client_request.client.get(src).status_code == 200  # the build copied the picture
    assert not EMOJI.search(main_text(page))


def test_an_unknown_symbol_shows_only_its_word(client_request, young_person_survey):
    question = young_person_survey.current_version.questions[0]
    question.options = [{**option, "symbol": "😀"} for option in question.options]
    db.session.commit()
    start(client_request, "young-people")
    page = client_request.get("/respond/survey/page/1")
    assert page.select_one("main img") is None
    assert not EMOJI.search(main_text(page))
