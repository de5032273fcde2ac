"""The outbox: every message becomes a file, so the service works offline and people can read what it sent."""

import os
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from surveys.services.platform.notify.base import plain_email


class OutboxNotifier:
    """Writes emails as .eml files and text messages as .txt files in a private folder."""

    name = "outbox"

    def __init__(self, directory: str | Path, sender: str = "yousaid@localhost"):
        self.directory = Path(directory)
        self.sender = sender

    @classmethod
    def from_config(cls, config: Mapping) -> "OutboxNotifier":
        """Use OUTBOX_DIR, and SMTP_FROM as the sender."""
        return cls(config["OUTBOX_DIR"], config.get("SMTP_FROM") or "yousaid@localhost")

    def send_email(self, to: str, subject: str, body: str, *, reference: str) -> str:
        """Write the email as a standard .eml file any mail program can open."""
        message = plain_email(self.sender, to, subject, body, reference=reference)
        return self._write("eml", message.as_bytes())

    def send_sms(self, to: str, body: str, *, reference: str) -> str:
        """Write the text message as a .txt file."""
        text = f"To: {to}\nReference: {reference}\n\n{body}\n"
        return self._write("txt", text.encode("utf-8"))

    def _write(self, extension: str, content: bytes) -> str:
        """Write atomically (a reader never sees half a message) and readable only by this user: links are live."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex}.{extension}"
        partial = self.directory / f".{name}.part"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(partial, self.directory / name)
        return name
