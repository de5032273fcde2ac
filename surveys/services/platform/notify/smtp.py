"""Email through an SMTP server (the council's own relay, for example). Text messages need GOV.UK Notify."""

import smtplib
import ssl
from collections.abc import Mapping

from surveys.services.platform.notify.base import NotifierError, plain_email

IMPLICIT_TLS_PORT = 465


class SmtpNotifier:
    """Sends plain-text email with smtplib: STARTTLS unless turned off, a login when a username is set."""

    name = "smtp"

    def __init__(self, host: str, port: int, sender: str, *, username: str = "", password: str = "",
                 starttls: bool = True, timeout: float = 30):
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password = username, password
        self.starttls, self.timeout = starttls, timeout

    @classmethod
    def from_config(cls, config: Mapping) -> "SmtpNotifier":
        """Use SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_USERNAME, SMTP_PASSWORD and SMTP_STARTTLS."""
        return cls(
            config["SMTP_HOST"], int(config["SMTP_PORT"]), config["SMTP_FROM"],
            username=config.get("SMTP_USERNAME") or "", password=config.get("SMTP_PASSWORD") or "",
            starttls=bool(config.get("SMTP_STARTTLS", True)),
        )

    def send_email(self, to: str, subject: str, body: str, *, reference: str) -> str:
        """Send one email; returns its Message-ID."""
        message = plain_email(self.sender, to, subject, body, reference=reference)
        with self._connect() as server:
            server.send_message(message)
        return message["Message-ID"]

    def send_sms(self, to: str, body: str, *, reference: str) -> str:
        """SMTP cannot send text messages."""
        raise NotifierError("Text messages need GOV.UK Notify: set NOTIFIER=notify, or invite by email")

    def _connect(self) -> smtplib.SMTP:
        """An open, secured and signed-in connection. Never sends a password without encryption."""
        context = ssl.create_default_context()
        if self.port == IMPLICIT_TLS_PORT:
            server = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                server.ehlo()
                if self.starttls:
                    server.starttls(context=context)
                    server.ehlo()
            except Exception:
                server.close()
                raise
        if self.username:
            server.login(self.username, self.password)
        return server
