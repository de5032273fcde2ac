"""Messages sent: invitations, reminders and news of what changed to respondents; safeguarding alerts to staff."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models.base import UTCDateTime, db, utcnow

NOTIFICATION_KINDS = ("invitation", "reminder", "what_changed", "case_acknowledgement", "safeguarding_alert",
                      "case_deadline_alert", "two_factor_set_up")
CHANNELS = ("email", "sms")


class Notification(db.Model):
    """One message handed to a notifier (outbox, SMTP or GOV.UK Notify)."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    channel: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(254))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id", ondelete="SET NULL"), index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_case.id", ondelete="SET NULL"), index=True)
    # The flagged comment a safeguarding alert is about. Kept if the comment goes: the alert was still sent.
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="SET NULL"), index=True)
    notifier: Mapped[str] = mapped_column(String(16))  # outbox, smtp, notify
    status: Mapped[str] = mapped_column(String(16), default="sent")  # sent, failed
    provider_reference: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
