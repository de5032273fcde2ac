"""Audio messages: a young person's recorded or uploaded voice instead of typing."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow
from surveys.models.responses import Response


class AudioMessage(db.Model):
    """A private audio file for one answer; staff type a transcript, which becomes a comment."""

    __tablename__ = "audio_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    storage_name: Mapped[str] = mapped_column(String(100), unique=True)  # random name in the private folder
    content_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    transcript: Mapped[str] = mapped_column(Text, default="")
    transcribed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    transcribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    response: Mapped[Response] = relationship()
