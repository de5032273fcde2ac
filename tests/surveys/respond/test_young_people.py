"""Young people's easy-read survey: symbol scales with words, audio messages, who helped."""

import io
from pathlib import Path

from sqlalchemy import select

from surveys.models import AudioMessage, Comment, Response, db
from tests.factories import PASSWORD, make_user
from tests.html import check_page, csrf_token_from
from tests.surveys.respond.helpers import post_page, submit

OGG = b"OggS" + b"\x00" * 200


def test_symbol_scale_always_has_words(client, young_person_survey):
    client.get("/respond/s/young-people")
    html = client.get("/respond/survey/page/1").get_data(as_text=True)
    check_page(html)
    assert "How do you feel at school?" in html  # the easy-read wording
    assert '<span class="app-symbol" aria-hidden="true">😀</span> Happy' in html
    assert "Next" in html and "part 1 of" in html


def test_audio_upload_and_who_helped(client, app, young_person_survey):
    client.get("/respond/s/young-people")
    post_page(client, 1, {"school": "3"})
    reply = post_page(client, 2, {"better": "More quiet places"}, files={"voice": (io.BytesIO(OGG), "me.ogg")})
    assert reply.status_code == 302
    post_page(client, 3, {"supported_by": "parent"})
    assert "Audio message sent" in client.get("/respond/survey/check").get_data(as_text=True)
    submit(client)
    [response] = db.session.scalars(select(Response)).all()
    assert response.supported_by == "A parent or carer"
    [message] = db.session.scalars(select(AudioMessage)).all()
    stored = Path(app.config["AUDIO_DIR"]) / message.storage_name
    assert stored.read_bytes() == OGG and message.content_type == "audio/ogg"
    assert stored.stat().st_mode & 0o077 == 0  # private to the service


def test_not_audio_is_refused_with_a_clear_message(client, young_person_survey):
    client.get("/respond/s/young-people")
    post_page(client, 1, {"school": "2"})
    reply = post_page(client, 2, {}, files={"voice": (io.BytesIO(b"<html>not audio</html>"), "song.mp3")})
    assert "must be an audio recording" in reply.get_data(as_text=True)
    assert db.session.scalar(select(AudioMessage)) is None


def test_oversized_audio_is_refused(client, app, young_person_survey):
    app.config["AUDIO_MAX_BYTES"] = 1024
    try:
        client.get("/respond/s/young-people")
        reply = post_page(client, 2, {}, files={"voice": (io.BytesIO(OGG * 10), "big.ogg")})
        assert "must be smaller than" in reply.get_data(as_text=True)
    finally:
        app.config["AUDIO_MAX_BYTES"] = 10 * 1024 * 1024


def test_staff_play_and_transcribe_audio(client, app, login, young_person_survey):
    respondent = app.test_client()
    respondent.get("/respond/s/young-people")
    post_page(respondent, 1, {"school": "1"})
    post_page(respondent, 2, {}, files={"voice": (io.BytesIO(OGG), "me.ogg")})
    submit(respondent)
    [message] = db.session.scalars(select(AudioMessage)).all()
    lead = make_user(role="coproduction_lead")
    login(lead.email, PASSWORD)
    listing = client.get("/staff/audio").get_data(as_text=True)
    check_page(listing)
    assert f"/staff/audio/{message.id}" in listing
    audio = client.get(f"/staff/audio/{message.id}/file")
    assert audio.status_code == 200 and audio.data == OGG and audio.headers["Cache-Control"] == "no-store"
    page = client.get(f"/staff/audio/{message.id}").get_data(as_text=True)
    check_page(page)
    client.post(f"/staff/audio/{message.id}", data={"csrf_token": csrf_token_from(page),
                                                    "transcript": "I want a quiet room at lunch."})
    db.session.expire_all()
    comment = db.session.scalar(select(Comment).where(Comment.source == "transcript"))
    assert comment.raw_text == "I want a quiet room at lunch." and comment.analysed_at is not None


def test_audio_is_not_for_every_role(client, login, young_person_survey):
    viewer = make_user(role="viewer")
    login(viewer.email, PASSWORD)
    assert client.get("/staff/audio").status_code == 403
