"""Save and come back later on open-link surveys: a short code, perhaps on another device.

An open-link response lives in one browser's session. To finish elsewhere, the person asks for a code: eight
characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read off a phone and typed on a
laptop. About 40 bits: too few for a token nobody can guess, which is why codes also expire (``VALID_DAYS``),
work once, and the page that takes them is rate limited. As with invitation tokens, only the SHA-256 of a code
is stored (``invitations.hash_token``) and a code is exchanged for a session, after which the browser moves on.
A new code for a response replaces the one before. Invitation links are unchanged: their link is their way back.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update

from surveys.models import Response, ResumeCode, db, utcnow
from surveys.services.capture.invitations import hash_token

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
VALID_DAYS = 7


class CodeProblem(Exception):
    """A code that cannot be used: ``expired`` when it was real but has run out."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "unknown")
        self.expired = expired


@dataclass(frozen=True)
class IssuedCode:
    """A new code as the person should see it (``ABCD-EFGH``) and when it stops working."""

    code: str
    expires_at: object


def normalise(text: str | None) -> str:
    """A code as typed (any case, spaces or dashes) in its stored form, or "" when it cannot be one."""
    cleaned = "".join((text or "").upper().split()).replace("-", "")
    return cleaned if len(cleaned) == LENGTH and all(char in ALPHABET for char in cleaned) else ""


def display(code: str) -> str:
    """A code in two halves, easier to read and type."""
    return f"{code[:4]}-{code[4:]}"


def can_save(response: Response | None) -> bool:
    """Codes are for unfinished open-link responses; invitation links already bring people back."""
    return response is not None and response.invitation_id is None and response.status != "submitted"


def issue(response: Response) -> IssuedCode:
    """A new code for an unfinished open-link response (replacing earlier ones), flushed."""
    if not can_save(response):
        raise ValueError("only unfinished open-link responses get codes")
    db.session.execute(delete(ResumeCode).where(ResumeCode.response_id == response.id))
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    expires_at = utcnow() + timedelta(days=VALID_DAYS)
    db.session.add(ResumeCode(response_id=response.id, code_hash=hash_token(code), expires_at=expires_at))
    db.session.flush()
    return IssuedCode(display(code), expires_at)


def find(text: str | None) -> ResumeCode | None:
    """The stored code this is, looked up by hash; None for anything else."""
    code = normalise(text)
    return db.session.scalar(select(ResumeCode).where(ResumeCode.code_hash == hash_token(code))) if code else None


def live_code_for(response: Response, text: str | None) -> ResumeCode | None:
    """The code, if it is this response's and still usable (for sending it on by email or text)."""
    found = find(text)
    if found is None or found.response_id != response.id or found.used_at or found.expires_at <= utcnow():
        return None
    return found


def exchange(text: str | None) -> dict:
    """Session data for a usable code, which is then spent; raises CodeProblem otherwise.

    Spending is one conditional UPDATE, so two devices racing with the same code cannot both use it."""
    found = find(text)
    if found is None or found.used_at is not None:
        raise CodeProblem(expired=False)
    if found.expires_at <= utcnow():
        raise CodeProblem(expired=True)
    spent = db.session.execute(update(ResumeCode).where(ResumeCode.id == found.id, ResumeCode.used_at.is_(None))
                               .values(used_at=utcnow()))
    if spent.rowcount != 1:
        raise CodeProblem(expired=False)
    response = db.session.get(Response, found.response_id)
    return {"survey_id": response.version.survey_id, "invitation_id": None, "response_id": response.id}


def remove_spent(now) -> int:
    """Delete codes that have expired or been used (only their hashes were kept); how many."""
    spent = (ResumeCode.expires_at < now) | ResumeCode.used_at.is_not(None)
    return db.session.execute(delete(ResumeCode).where(spent)).rowcount or 0
