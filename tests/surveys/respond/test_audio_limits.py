"""Audio uploads: a cap per respondent, replacement, clean-up of what nobody needs, and a full disk that refuses
the upload plainly while everything else carries on."""

import errno
import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys import jobs
from surveys.models import AudioMessage, Question, db, utcnow
from surveys.respond import easy_words
from surveys.services.capture import audio
from tests.html import error_messages, main_text
from tests.surveys.respond.conftest import build_survey
from tests.surveys.respond.helpers import post_page, start, submit

OGG = b"OggS" + b"\x00" * 200


@pytest.fixture(autouse=True)
def own_audio_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIO_DIR", str(tmp_path / "audio"))


@pytest.fixture
def two_voices(app_context):
    return build_survey("two-voices", "young_person", [
        {"key": "first", "kind": "audio", "prompt": "Tell us about school", "page": 1},
        {"key": "second", "kind": "audio", "prompt": "Tell us about home", "page": 2},
    ], easy_read=True)


def upload(client_request, page: int, name: str, **expected):
    field = "first" if page == 1 else "second"
    return post_page(client_request, page, {}, files={field: (io.BytesIO(OGG), name)}, **expected)


def files(app) -> list[Path]:
    folder = Path(app.config["AUDIO_DIR"])
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_new_message_for_a_question_replaces_the_one_before(client_request, app, two_voices):
    start(client_request, "two-voices")
    upload(client_request, 1, "a.ogg")
    upload(client_request, 1, "b.ogg")
    assert len(db.session.scalars(select(AudioMessage)).all()) == 1


def test_the_count_per_respondent_is_capped(client_request, app, two_voices, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIO_MAX_PER_RESPONSE", 1)
    start(client_request, "two-voices")
    upload(client_request, 1, "a.ogg")
    page = upload(client_request, 2, "b.ogg", expected_status=200)
    # an easy-read survey, so the message is in easy words
    assert error_messages(page) == ["You have sent all the recordings you can. Please write the rest of your answer."]
    assert len(db.session.scalars(select(AudioMessage)).all()) == 1


def test_the_bytes_per_respondent_are_capped(client_request, app, two_voices, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIO_MAX_TOTAL_BYTES", len(OGG) + 10)
    start(client_request, "two-voices")
    upload(client_request, 1, "a.ogg")
    page = upload(client_request, 2, "b.ogg", expected_status=200)
    assert error_messages(page) == ["Your recordings are too big. Please send a shorter one, or write your answer."]
    assert len(files(app)) == 1


class FullDisk(io.RawIOBase):
    """A file on a full filesystem: opening works, writing fails as the kernel says ENOSPC."""

    def __init__(self, fd):
        import os
        os.close(fd)

    def writable(self):
        return True

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_refuses_the_upload_plainly_and_nothing_else_breaks(client_request, app, two_voices, monkeypatch):
    monkeypatch.setattr(audio, "open", lambda fd, mode: FullDisk(fd), raising=False)
    start(client_request, "two-voices")
    page = upload(client_request, 1, "a.ogg", expected_status=200)
    assert error_messages(page) == [easy_words.message("file_not_kept")]
    assert page.title.get_text().startswith("Error: ")
    assert files(app) == [] and db.session.scalar(select(AudioMessage)) is None  # nothing half-written
    assert main_text(client_request.get("/"))  # public pages are still served
    client_request.get("/you-said-we-did")
    client_request.get("/privacy")
    post_page(client_request, 1, {})  # the person can go on without it
    monkeypatch.undo()  # space again: the upload works
    upload(client_request, 2, "b.ogg")
    submit(client_request)
    assert len(db.session.scalars(select(AudioMessage)).all()) == 1


def test_the_clean_up_removes_replaced_and_unsent_audio(client_request, app, two_voices):
    start(client_request, "two-voices")
    upload(client_request, 1, "a.ogg")
    upload(client_request, 1, "b.ogg")  # replaces a.ogg: its file stays until the clean-up
    other = client_request.another_browser()
    start(other, "two-voices")
    upload(other, 1, "c.ogg")  # never sent
    post_page(client_request, 2, {})
    submit(client_request)
    assert len(files(app)) == 3
    kept = db.session.scalar(select(AudioMessage).join(AudioMessage.response).where(
        AudioMessage.response.has(status="submitted")))
    later = utcnow() + timedelta(days=app.config["AUDIO_UNSENT_DAYS"] + 1)
    report = audio.remove_unused_audio(later)
    db.session.commit()
    assert report == {"unsent": 1, "unused": 0}
    assert audio.remove_files_without_rows(later) == 2
    assert [path.name for path in files(app)] == [kept.storage_name]
    again = jobs.run_job("clean_up")
    assert again["audio_unsent"] == again["audio_unused"] == again["audio_files"] == 0


def test_the_clean_up_keeps_read_aloud_recordings(app, two_voices):
    """A question's read-aloud recording lives in the audio folder with no message row: it is not an orphan."""
    question = db.session.scalar(select(Question))
    question.read_aloud = "read-aloud-kept.ogg"
    db.session.commit()
    folder = Path(app.config["AUDIO_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "read-aloud-kept.ogg").write_bytes(b"OggS" + b"\x00" * 50)
    (folder / "stray.ogg").write_bytes(b"OggS" + b"\x00" * 50)
    later = utcnow() + timedelta(days=2)
    assert audio.remove_files_without_rows(later) == 1
    assert (folder / "read-aloud-kept.ogg").exists() and not (folder / "stray.ogg").exists()
