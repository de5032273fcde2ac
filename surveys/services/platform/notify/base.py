"""The one interface every way of sending messages has, and the plain-text email both email senders use."""

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol, runtime_checkable

SMTP_LINE_LIMIT = 998


class NotifierError(RuntimeError):
    """A message could not be handed over; the message says why (never with the message's text)."""


@runtime_checkable
class Notifier(Protocol):
    """Sends one email or one text message and returns the provider's reference for it.

    Implementations raise an exception when the message was not accepted; callers record it as failed.
    """

    name: str  # stored on each Notification: outbox, smtp or notify

    def send_email(self, to: str, subject: str, body: str, *, reference: str) -> str:
        """Send a plain-text email."""
        ...

    def send_sms(self, to: str, body: str, *, reference: str) -> str:
        """Send a text message to a mobile number."""
        ...


def plain_email(sender: str, to: str, subject: str, body: str, *, reference: str) -> EmailMessage:
    """A plain-text email. Plain ASCII goes as 7bit, so a link is never split by quoted-printable soft breaks."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["X-Yousaid-Reference"] = reference
    simple = body.isascii() and all(len(line) < SMTP_LINE_LIMIT for line in body.splitlines())
    message.set_content(body, cte="7bit" if simple else None)
    return message
