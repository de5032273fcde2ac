"""Sending a "come back later" code by email or text message, through the configured notifier.

The person typed the address only to get this message, on an anonymous response, so the record of the message
keeps neither the address nor the response: anonymous answers stay unlinked to contact details.
"""

import logging
import secrets
from datetime import datetime
from urllib.parse import urlencode

from flask import current_app

from surveys.formatters import local_date
from surveys.models import Notification, db
from surveys.services.platform.notify.base import Notifier

log = logging.getLogger(__name__)


def resume_url(code: str) -> str:
    """The link that opens the code page with the code filled in (the code is only spent when they press on)."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/respond/resume?{urlencode({'code': code})}"


def compose(code: str, survey_title: str, expires_at: datetime) -> tuple[str, str]:
    """(subject, body) of the message; plain characters only, so a text message costs one rate."""
    subject = f"Your code to finish {survey_title}"
    body = (f"Your code is {code}. Use it to finish the survey on any device. "
            f"It works once, until {local_date(expires_at)}. Open this link to carry on: {resume_url(code)}")
    return subject, body


def send(channel: str, recipient: str, code: str, survey_title: str, expires_at: datetime, *,
         notifier: Notifier | None = None) -> bool:
    """Send the code by "email" or "sms"; True when the notifier took it. Failures are recorded, never raised."""
    if notifier is None:
        from surveys.services.platform.notify import get_notifier

        notifier = get_notifier(current_app.config)
    subject, body = compose(code, survey_title, expires_at)
    reference = f"yousaid-resume-{secrets.token_hex(8)}"
    notification = Notification(kind="resume_code", channel=channel, recipient="(not kept)",
                                notifier=notifier.name, status="sent", error="", provider_reference=reference)
    try:
        if channel == "email":
            provided = notifier.send_email(recipient, subject, body + "\n", reference=reference)
        else:
            provided = notifier.send_sms(recipient, body, reference=reference)
        notification.provider_reference = str(provided or reference)[:200]
    except Exception as error:  # noqa: BLE001 - the page says it could not be sent; the code still works
        notification.status = "failed"
        notification.error = f"{type(error).__name__}: {error}".replace(code, "[code]").replace(recipient, "[to]")[:500]
        log.warning("resume code message %s failed: %s", reference, notification.error)
    db.session.add(notification)
    db.session.flush()
    return notification.status == "sent"
