"""Audio messages: checked by their bytes (not their name), stored privately, never served as static files."""

import os
import secrets
from pathlib import Path

from flask import current_app
from werkzeug.datastructures import FileStorage

from surveys.models import AudioMessage, Question, Response, db

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
    """Store an uploaded audio message; returns the answer value that points at it."""
    storage_name, content_type, size = store_checked(upload)
    message = AudioMessage(response_id=response.id, question_id=question.id, storage_name=storage_name,
                           content_type=content_type, size_bytes=size)
    db.session.add(message)
    db.session.flush()
    return f"audio:{message.id}"


def store_checked(upload: FileStorage, *, prefix: str = "") -> tuple[str, str, int]:
    """Check an upload is audio by its bytes and within the size limit, and keep it privately.

    Returns (file name in the audio folder, content type, size); raises AudioRejected with the reason."""
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
    storage_name = f"{prefix}{secrets.token_hex(16)}.{extension}"
    path = audio_dir() / storage_name
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
        file.write(data)
    return storage_name, content_type, len(data)


def content_type_of(storage_name: str) -> str:
    """The content type of a stored audio file, from the extension it was given when its bytes were checked."""
    extension = storage_name.rsplit(".", 1)[-1]
    return next((content_type for known, content_type, _ in FORMATS if known == extension), "application/octet-stream")


def audio_path(message: AudioMessage) -> Path:
    """Where an audio message's file is kept."""
    return audio_dir() / message.storage_name
