"""Read-aloud recordings: a member of staff reads an easy-read question aloud, and the page plays it.

Children's services prefer a human voice to a synthetic one. The recording goes through the same checks as
young people's audio messages (``audio.store_checked``: audio by its bytes, within the size limit) and is kept in
the same private folder; the respondent pages serve it only to someone answering that question's version.
Attaching or removing one is a change to the question, so it follows the versioning rule like any other edit.
"""

from pathlib import Path

from werkzeug.datastructures import FileStorage

from surveys.models import Question, Survey, User
from surveys.services.capture import audio
from surveys.services.capture.survey_editor import EditResult, set_read_aloud

PREFIX = "read-aloud-"


def attach(user: User | None, survey: Survey, question_id: int, upload: FileStorage) -> EditResult:
    """Check and keep a recording, and attach it to the question (raises audio.AudioRejected)."""
    storage_name, _, _ = audio.store_checked(upload, prefix=PREFIX)
    return set_read_aloud(user, survey, question_id, storage_name)


def remove(user: User | None, survey: Survey, question_id: int) -> EditResult:
    """Take the recording off the question. The file stays while an older version may still play it."""
    return set_read_aloud(user, survey, question_id, None)


def path_of(question: Question) -> Path | None:
    """Where a question's recording is kept, or None when it has none (or its file is gone)."""
    if not question.read_aloud:
        return None
    path = audio.audio_dir() / question.read_aloud
    return path if path.is_file() else None
