"""Sending messages to respondents: one ``Notifier`` interface, three ways to deliver.

``NOTIFIER`` picks one: ``outbox`` (the default: each message becomes a file in ``OUTBOX_DIR``, which works
offline and in development), ``smtp`` (your own mail server), or ``notify`` (GOV.UK Notify, email and text
messages). ``send_invitation`` writes the words of an invitation or reminder and records every message.
Nothing here is called inside a request: messages are queued in the outbox and the worker sends them
(``surveys.worker``; ``queued`` holds the emails whose words are written when they are queued).
"""

from collections.abc import Mapping

from surveys.config import ConfigError
from surveys.services.platform.notify.base import Notifier, NotifierError
from surveys.services.platform.notify.govuk_notify import NotifyNotifier
from surveys.services.platform.notify.messages import compose_invitation, send_invitation
from surveys.services.platform.notify.outbox import OutboxNotifier
from surveys.services.platform.notify.smtp import SmtpNotifier

NOTIFIERS = {"outbox": OutboxNotifier, "smtp": SmtpNotifier, "notify": NotifyNotifier}


def get_notifier(config: Mapping) -> Notifier:
    """The notifier named by ``config["NOTIFIER"]``, set up from the same config."""
    name = (config.get("NOTIFIER") or "outbox").lower()
    if name not in NOTIFIERS:
        raise ConfigError(f"NOTIFIER is {name!r}; use one of: {', '.join(NOTIFIERS)}.")
    return NOTIFIERS[name].from_config(config)


__all__ = [
    "NOTIFIERS", "Notifier", "NotifierError", "NotifyNotifier", "OutboxNotifier", "SmtpNotifier",
    "compose_invitation", "get_notifier", "send_invitation",
]
