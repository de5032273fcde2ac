"""Staff work on audio messages: list them, play them, type what was said.

A voice and its transcript are raw words: only roles that may read raw text open them (``raw_text``), a message
whose transcript triage flagged only those who review flags, and every opening is audited.
"""

from sqlalchemy import select

from surveys.models import AudioMessage, Comment, Response, User, db, utcnow
from surveys.services.platform import audit
from surveys.services.platform.errors import Forbidden, NotFound
from surveys.services.platform.raw_text import may_read_raw, record_raw_text_view
from surveys.services.platform.scoping import get_scoped, scoped
from surveys.services.understand.comments import add_comment


def list_messages(user: User) -> list[AudioMessage]:
    """Audio messages from submitted responses the user may see, those still to transcribe first."""
    query = select(AudioMessage).join(Response).where(Response.status == "submitted")
    if not may_read_raw(user, flagged=True):
        flagged = select(Comment.id).where(Comment.id == AudioMessage.comment_id, Comment.safeguarding_flag.is_(True))
        query = query.where(~flagged.exists())
    query = scoped(query, Response, user).order_by(AudioMessage.transcribed_at.is_not(None), AudioMessage.id.desc())
    return list(db.session.scalars(query))


def get_message(user: User, message_id: int) -> AudioMessage:
    """One audio message the user may see (404 otherwise, including another partner's; 403 for a flagged
    transcript to anyone who does not review safeguarding flags)."""
    message = db.session.get(AudioMessage, message_id)
    if message is None or message.response.status != "submitted":
        raise NotFound()
    get_scoped(Response, message.response_id, user)
    if not may_read_raw(user, flagged=is_flagged(message)):
        raise Forbidden("This message was flagged as a possible safeguarding concern: only the safeguarding lead "
                        "can open it")
    return message


def is_flagged(message: AudioMessage) -> bool:
    """Whether the transcript's comment was flagged as a possible safeguarding concern."""
    comment = db.session.get(Comment, message.comment_id) if message.comment_id else None
    return bool(comment and comment.safeguarding_flag)


def record_opened(user: User, message: AudioMessage) -> None:
    """Opening a message shows its transcript: raw words, so it goes in the audit log."""
    record_raw_text_view(user, message, "audio_transcript")


def record_listen(user: User, message: AudioMessage) -> None:
    """Listening to a young person's voice is reading raw words: it goes in the audit log."""
    record_raw_text_view(user, message, "audio")


def save_transcript(user: User, message: AudioMessage, transcript: str) -> None:
    """Keep the typed transcript and make it a comment for analysis (replacing an earlier one)."""
    response = message.response
    message.transcript = transcript.strip()
    message.transcribed_by_id = user.id
    message.transcribed_at = utcnow()
    if message.comment_id is not None:
        old = db.session.get(Comment, message.comment_id)
        if old is not None and not old.safeguarding_flag:
            db.session.delete(old)  # a flagged transcript stays for the safeguarding lead, never dropped
        message.comment_id = None
    comment = add_comment(
        message.transcript, "transcript", response=response, partner_id=response.partner_id,
        audience=response.version.survey.audience, journey_stage=response.journey_stage,
        locality=response.locality, need_type=response.need_type, consent_quote=response.consent_quote,
        received_at=response.submitted_at,
    )
    if comment is not None:
        db.session.flush()
        message.comment_id = comment.id
    audit.record(user, "transcribe_audio", message)
    db.session.flush()
