"""Audio messages: checked by their bytes (not their name), stored privately, never served as static files.

Capped per respondent (``AUDIO_MAX_PER_RESPONSE`` messages, ``AUDIO_MAX_TOTAL_BYTES`` in all; a new message
for a question replaces the one before), so an anonymous visitor cannot fill the disk; audio nobody points at
any more is removed by the nightly clean-up (``remove_unused_audio``, then ``remove_files_without_rows``). A full
disk, or any failure to write, refuses the upload with a plain message and leaves nothing behind: the rest of the
service carries on.
"""

import errno
import logging
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from surveys.models import Answer, AudioMessage, Question, Response, db

log = logging.getLogger(__name__)
NOT_SAVED = ("We could not save your audio message just now. Try again later, or type your answer instead: "
             "your other answers are kept")

# Recognised by their first bytes: what browsers record and phones save.
FORMATS = (
    ("webm", "audio/webm", lambda head: head.startswith(b"\x1a\x45\xdf\xa3")),
    ("ogg", "audio/ogg", lambda head: head.startswith(b"OggS")),
    ("mp3", "audio/mpeg", lambda head: head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ("wav", "audio/wav", lambda head: head.startswith(b"RIFF") and head[8:12] == b"WAVE"),
    ("m4a", "audio/mp4", lambda head: head[4:8] == b"ftyp"),
)


class AudioRejected(ValueError):
    """The upload is not an audio file we accept; the message says why in plain words."""


def detect_format(head: bytes) -> tuple[str, str] | None:
    """(extension, content type) for the audio format these first bytes start, or None."""
    for extension, content_type, matches in FORMATS:
        if matches(head):
            return extension, content_type
    return None


def audio_dir() -> Path:
    """The private folder for audio files, created on first use."""
    folder = Path(current_app.config["AUDIO_DIR"])
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def save_upload(response: Response, question: Question, upload: FileStorage) -> str:
    """Store an uploaded audio message, replacing the question's earlier one, within the respondent's caps; returns
    the answer value that points at it."""

    def make_room(size: int) -> None:
        _replace_earlier(response, question)
        _check_caps(response, size)

    storage_name, content_type, size = store_checked(upload, before_write=make_room)
    message = AudioMessage(response_id=response.id, question_id=question.id, storage_name=storage_name,
                           content_type=content_type, size_bytes=size)
    db.session.add(message)
    db.session.flush()
    return f"audio:{message.id}"


def store_checked(upload: FileStorage, *, prefix: str = "", before_write=None) -> tuple[str, str, int]:
    """Check an upload is audio by its bytes and within the size limit, and keep it privately.

    ``before_write(size)``, when given, runs once the bytes are known to be audio and may refuse too. Returns (file
    name in the audio folder, content type, size); raises AudioRejected with the reason."""
    limit = current_app.config["AUDIO_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if not data:
        raise AudioRejected("The selected file is empty")
    if len(data) > limit:
        raise AudioRejected(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    detected = detect_format(data[:16])
    if detected is None:
        raise AudioRejected("The selected file must be an audio recording, like MP3, M4A, WAV, OGG or WEBM")
    extension, content_type = detected
    if before_write is not None:
        before_write(len(data))
    storage_name = f"{prefix}{secrets.token_hex(16)}.{extension}"
    _write_private(audio_dir, storage_name, data)
    return storage_name, content_type, len(data)


def content_type_of(storage_name: str) -> str:
    """The content type of a stored audio file, from the extension it was given when its bytes were checked."""
    extension = storage_name.rsplit(".", 1)[-1]
    return next((content_type for known, content_type, _ in FORMATS if known == extension), "application/octet-stream")


def audio_path(message: AudioMessage) -> Path:
    """Where an audio message's file is kept."""
    return audio_dir() / message.storage_name


def _replace_earlier(response: Response, question: Question) -> None:
    """A new message for a question replaces the one before (its file goes in the nightly clean-up)."""
    for earlier in db.session.scalars(select(AudioMessage).where(
            AudioMessage.response_id == response.id, AudioMessage.question_id == question.id,
            AudioMessage.transcribed_at.is_(None))):
        db.session.delete(earlier)
    db.session.flush()


def _check_caps(response: Response, size: int) -> None:
    """``AudioRejected`` when this message would take the respondent over their count or bytes."""
    count, total = db.session.execute(
        select(func.count(AudioMessage.id), func.coalesce(func.sum(AudioMessage.size_bytes), 0))
        .where(AudioMessage.response_id == response.id)).one()
    most = current_app.config["AUDIO_MAX_PER_RESPONSE"]
    if count >= most:
        raise AudioRejected(f"You can send up to {most} audio messages. Type the rest of your answer instead")
    cap = current_app.config["AUDIO_MAX_TOTAL_BYTES"]
    if total + size > cap:
        raise AudioRejected(f"Your audio messages together must be smaller than {cap // (1024 * 1024)} MB. "
                            "Send a shorter message, or type your answer instead")


def _write_private(folder, storage_name: str, data: bytes) -> None:
    """Write the file readable by this service only; on any failure (a full disk above all) remove what was
    written and refuse the upload with a plain message."""
    path = None
    try:
        path = folder() / storage_name
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        reason = "the disk is full" if error.errno in (errno.ENOSPC, errno.EDQUOT) else errno.errorcode.get(
            error.errno or 0, "an error")
        log.error("audio upload not saved: %s", reason)  # never the file name or anything the person sent
        if path is not None:
            path.unlink(missing_ok=True)
        raise AudioRejected(NOT_SAVED) from error


def remove_unused_audio(now: datetime, *, grace: timedelta = timedelta(hours=1)) -> dict[str, int]:
    """Remove audio messages nobody needs: those left in answers never sent after ``AUDIO_UNSENT_DAYS``, and those
    no answer points at (replaced, or on a page the person skipped) once ``grace`` has passed; never one that was
    transcribed. Their files go with ``remove_files_without_rows`` after this is committed. Counts by kind."""
    removed = {"unsent": 0, "unused": 0}
    cutoff = now - timedelta(days=current_app.config["AUDIO_UNSENT_DAYS"])
    unsent = select(AudioMessage).join(Response).where(Response.status == "in_progress",
                                                       Response.started_at < cutoff)
    for message in db.session.scalars(unsent):
        db.session.delete(message)
        removed["unsent"] += 1
    pointed_at = set(db.session.scalars(select(Answer.value_text).where(Answer.value_text.like("audio:%"))))
    submitted = select(AudioMessage).join(Response).where(
        Response.status == "submitted", AudioMessage.transcribed_at.is_(None), AudioMessage.created_at < now - grace)
    for message in db.session.scalars(submitted):
        if f"audio:{message.id}" not in pointed_at:
            db.session.delete(message)
            removed["unused"] += 1
    db.session.flush()
    return removed


def remove_files_without_rows(now: datetime, *, grace: timedelta = timedelta(hours=1)) -> int:
    """Delete files in the audio folder that no message and no question's read-aloud recording names (run after
    the rows' removal is committed), if last changed before ``grace`` ago: an upload in flight has its file before
    its row is committed. How many."""
    folder = Path(current_app.config["AUDIO_DIR"])
    if not folder.is_dir():
        return 0
    known = set(db.session.scalars(select(AudioMessage.storage_name)))
    known |= set(db.session.scalars(select(Question.read_aloud).where(Question.read_aloud.is_not(None))))
    before = (now - grace).timestamp()
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and path.name not in known and path.stat().st_mtime < before:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
