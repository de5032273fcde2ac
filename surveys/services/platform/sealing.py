"""Secrets kept sealed in the database: two-factor secrets are encrypted, so a copy of the database or a backup
alone cannot make anyone's sign-in codes.

Fernet (from ``cryptography``: AES-128-CBC with an HMAC-SHA256, a well-kept library rather than hand-made
crypto). The key is ``DATA_ENCRYPTION_KEY`` when set (a Fernet key: ``python -c "from cryptography.fernet import
Fernet; print(Fernet.generate_key().decode())"``), otherwise derived from ``SECRET_KEY`` with HKDF, so changing
``SECRET_KEY`` without setting ``DATA_ENCRYPTION_KEY`` means everyone enrols their two-factor again.
A value written before sealing existed is read as it is and sealed the next time it is used.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "sealed:v1:"


def _fernet() -> Fernet:
    key = current_app.config.get("DATA_ENCRYPTION_KEY")
    if not key:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"yousaid sealed secrets v1").derive(
            current_app.config["SECRET_KEY"].encode())
        key = base64.urlsafe_b64encode(derived)
    return Fernet(key)


def seal(plain: str) -> str:
    """The text encrypted and marked as sealed, to store."""
    return PREFIX + _fernet().encrypt(plain.encode()).decode("ascii")


def is_sealed(stored: str | None) -> bool:
    """True when a stored value was sealed (False for an empty or an older, plain value)."""
    return bool(stored) and stored.startswith(PREFIX)


def unseal(stored: str | None) -> str | None:
    """The plain text of a stored value: None when empty or when it cannot be opened with the current key (the
    key changed); an older plain value as it is."""
    if not stored:
        return None
    if not is_sealed(stored):
        return stored
    try:
        return _fernet().decrypt(stored[len(PREFIX):].encode("ascii")).decode()
    except InvalidToken:
        current_app.logger.warning("A sealed secret could not be opened: DATA_ENCRYPTION_KEY or SECRET_KEY changed")
        return None
