"""Young people's easy-read survey: symbol scales with words, audio messages, who helped."""

import io
from pathlib import Path

from sqlalchemy import select

from surveys.models import AudioMessage, Comment, Response, db
from tests.html import error_messages, link_hrefs, main_text, summary_list, text_of
from tests.surveys.respond.helpers import post_page, start, submit

OGG = b"OggS" + b"\x00" * 200


def test_symbol_scale_always_has_words(client_request, young_person_survey):
    start(client_request, "young-people")
    page = client_request.get("/respond/survey/page/1")
    assert text_of(page.select_one("main legend")) == "How do you feel at school?"  # the easy-read wording
    labels = page.select('input[name="school"] + label')
    assert [text_of(label) for label in labels] == ["😀 Happy", "😐 OK", "🙁 Sad"]
    symbol = labels[0].select_one(".app-symbol")
    assert text_of(symbol) == "😀" and symbol["aria-hidden"] == "true"  # read aloud as its word, not the picture
    assert text_of(page.select_one("main form button")) == "Next"
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
    assert any("must be an audio recording" in message for message in error_messages(page))
    assert db.session.scalar(select(AudioMessage)) is None


def test_oversized_audio_is_refused(client_request, app, young_person_survey):
    app.config["AUDIO_MAX_BYTES"] = 1024
    try:
        start(client_request, "young-people")
        page = post_page(client_request, 2, {}, files={"voice": (io.BytesIO(OGG * 10), "big.ogg")},
                         expected_status=200)
        assert any("must be smaller than" in message for message in error_messages(page))
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
    assert comment.raw_text == "I want a quiet room at lunch." and comment.analysed_at is not None


def test_audio_is_not_for_every_role(client_request, young_person_survey):
    client_request.sign_in_as("viewer")
    client_request.get("/staff/audio", expected_status=403)
