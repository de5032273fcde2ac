"""The words of invitations and reminders, and sending them with a record of every message.

Messages are short and kind, in plain English: who it is from, why we are asking, the link and until when
it works, that answering is optional, how answers are used, and how reminders stop. Text messages use
plain characters only (GSM-7), so they cost one rate.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from surveys.models import Invitation, Notification, db, utcnow
from surveys.services.capture.invitations import expiry_date_text, hash_token, invitation_url
from surveys.services.platform.notify.base import Notifier

log = logging.getLogger(__name__)

KINDS = ("invitation", "reminder")

WHY = {
    "parent": {
        "needs_assessment": "Your child recently had an EHC needs assessment.",
        "final_plan": "You recently received your child's final EHC plan.",
        "annual_review": "Your child recently had an annual review of their EHC plan.",
        "phase_transfer": "Your child recently moved to a new school or setting.",
        "tribunal": "You were recently part of a SEND tribunal appeal.",
        "mediation": "You recently took part in SEND mediation.",
        None: "You have recently been in touch with SEND services.",
    },
    "young_person": {
        "needs_assessment": "You recently had an assessment for an EHC plan.",
        "final_plan": "You recently got your EHC plan.",
        "annual_review": "You recently had a review of your EHC plan.",
        "phase_transfer": "You recently moved to a new school or college.",
        "tribunal": "You were recently part of a SEND tribunal.",
        "mediation": "You were recently part of SEND mediation.",
        None: "We want to know what you think about the help you get.",
    },
    "practitioner": {None: "We want to hear from people who work with children and young people with SEND."},
}
ASK = {
    "parent": "Tell us how it went. It takes about 5 minutes.",
    "young_person": "Tell us what you think. It takes about 5 minutes.",
    "practitioner": "Tell us how it is going. It takes about 5 minutes.",
}
OPTIONAL = {
    "parent": "You do not have to answer. Answering, or not, will not change the support your child gets.",
    "young_person": "You do not have to answer. It will not change the help you get.",
    "practitioner": "You do not have to answer.",
}
HOW_WE_USE = (
    "We use what you tell us to improve SEND services. We do not publish names or anything that could "
    "identify you, and we only quote your words if you say we may."
)
STOP_WITHOUT_ANSWERING = "To stop them without answering, open the link and select 'Stop reminders'."


@dataclass(frozen=True)
class InvitationMessage:
    """An invitation or reminder, ready for email and for text message."""

    subject: str
    email_body: str
    sms_body: str


def audience_group(invitation: Invitation) -> str:
    """Whom the words are for: a parent or carer (also for "anyone"), a young person, or a practitioner."""
    audience = invitation.survey.audience if invitation.survey is not None else None
    return audience if audience in ("young_person", "practitioner") else "parent"


def reminder_sentence(kind: str, number: int, most: int) -> str:
    """What the person should know about reminders."""
    if kind == "reminder" and number >= most:
        return "This is the last reminder we will send."
    if kind == "reminder":
        return f"This is reminder {number} of {most}. Answering stops reminders. {STOP_WITHOUT_ANSWERING}"
    if most <= 0:
        return ""
    times = "1 reminder" if most == 1 else f"up to {most} reminders"
    return f"If you do not answer, we may send you {times}. Answering stops them. {STOP_WITHOUT_ANSWERING}"


def compose_invitation(invitation: Invitation, url: str, *, kind: str = "invitation",
                       reminder_number: int = 0) -> InvitationMessage:
    """The subject, email and text message for an invitation or a reminder."""
    config = current_app.config
    area = config["LOCAL_AREA_NAME"]
    group = audience_group(invitation)
    reasons = WHY[group]
    why = reasons.get(invitation.journey_stage, reasons[None])
    until = expiry_date_text(invitation)
    privacy = f"{config['PUBLIC_BASE_URL'].rstrip('/')}/privacy"
    reminders = reminder_sentence(kind, reminder_number, config["MAX_REMINDERS"])
    subject = f"{area}: {'how did it go?' if group == 'parent' else 'tell us what you think'}"
    opening = why
    replaces = ""
    if kind == "reminder":
        subject = f"Reminder - {subject}"
        opening = f"This is a reminder. {why} We would still like to hear from you."
        replaces = " It replaces the link in our earlier message."
    email_body = "\n\n".join(part for part in (
        "Hello,",
        f"{opening} {ASK[group]}",
        f"Answer the survey:\n{url}",
        f"This link is just for you, so please do not share it. It works until {until}.{replaces}",
        OPTIONAL[group],
        f"How we use your answers\n{HOW_WE_USE} Read our privacy notice: {privacy}",
        f"Reminders\n{reminders}" if reminders else "",
        f"From {area}",
    ) if part)
    sms_body = " ".join(part for part in (
        f"{area}: {opening} {ASK[group]} It is optional.",
        url,
        f"This link is just for you and works until {until}.{replaces}",
        "Answering stops reminders." if reminders else "",
        f"How we use your answers: {privacy}",
    ) if part)
    return InvitationMessage(subject=subject, email_body=email_body + "\n", sms_body=sms_body)


def send_invitation(invitation: Invitation, token: str, kind: str = "invitation", *,
                    notifier: Notifier | None = None, now: datetime | None = None) -> list[Notification]:
    """Send an invitation or reminder by email and/or text, and record each message (flushed; the caller commits).

    ``token`` becomes the invitation's working token once any message has been accepted (for a reminder this
    rotates the token; see ``surveys.services.capture.invitations``). A message that fails is recorded as failed,
    with the reason, and never raises: the caller's batch goes on and the invitation is kept.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if notifier is None:
        from surveys.services.platform.notify import get_notifier

        notifier = get_notifier(current_app.config)
    message = compose_invitation(invitation, invitation_url(token), kind=kind,
                                 reminder_number=invitation.reminders_sent or 0)
    notifications = [
        _deliver(notifier, invitation, kind, channel, recipient, message, token)
        for channel, recipient in (("email", invitation.contact_email), ("sms", invitation.contact_phone))
        if recipient
    ]
    if any(n.status == "sent" for n in notifications):
        invitation.token_hash = hash_token(token)
        if invitation.sent_at is None:
            invitation.sent_at = now or utcnow()
    db.session.flush()
    return notifications


def _deliver(notifier: Notifier, invitation: Invitation, kind: str, channel: str, recipient: str,
             message: InvitationMessage, token: str) -> Notification:
    """Hand one message to the notifier and return its record (added to the session)."""
    reference = f"yousaid-{kind}-{invitation.id}-{secrets.token_hex(4)}"
    notification = Notification(kind=kind, channel=channel, recipient=recipient, invitation_id=invitation.id,
                                notifier=notifier.name, status="sent", error="")
    try:
        if channel == "email":
            provider_reference = notifier.send_email(recipient, message.subject, message.email_body,
                                                     reference=reference)
        else:
            provider_reference = notifier.send_sms(recipient, message.sms_body, reference=reference)
        notification.provider_reference = str(provider_reference or reference)[:200]
    except Exception as error:  # noqa: BLE001 - any failure of one message is recorded, never fatal
        notification.status = "failed"
        notification.provider_reference = reference
        notification.error = _describe(error, token)
        log.warning("%s %s for invitation %s failed: %s", channel, kind, invitation.id, notification.error)
    db.session.add(notification)
    return notification


def _describe(error: Exception, token: str) -> str:
    """The reason a message failed, for staff: short, and never containing the link's token."""
    text = f"{type(error).__name__}: {error}".replace(token, "[token]")
    return text[:500]
