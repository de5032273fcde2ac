"""Invitations: one-time survey links for a family after a milestone, and CSV upload of many at once.

Tokens
    ``new_token`` makes 256 random bits (``secrets.token_urlsafe(32)``); only ``hash_token`` of it (SHA-256,
    64 hex characters) is stored. The plain token exists only in memory long enough to be put in a message;
    it is never stored, logged or shown to staff.

Reminders and tokens: rotation
    A reminder needs a link, but the token cannot be read back from its hash. Each reminder therefore carries
    a NEW token, and the invitation's ``token_hash`` is replaced by the new hash once the reminder has been
    handed to the notifier (see ``surveys.services.platform.notify.send_invitation``). The older link then
    stops working;
    nothing is lost, because saved progress belongs to the invitation and its response, not to the link, and
    the respondent pages swap the token for a session at once. If a reminder fails to send, the hash is left
    alone, so the link the person already has keeps working.

    We chose rotation over deriving tokens from SECRET_KEY (HMAC of the invitation id): with derivation, one
    leaked key would open every family's survey, in-progress answers included; with rotation a leaked key or a
    leaked database opens nothing.

Uploading many at once is ``surveys.services.capture.invitation_upload``; lists for staff are
``surveys.services.capture.invitation_lists``. Like every service, these add and flush: the caller commits.
"""

import hashlib
import secrets
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from surveys.models import JOURNEY_STAGES, Invitation, Partner, Survey, db, utcnow
from surveys.services.platform.calendar import LONDON

TOKEN_BYTES = 32  # 256 bits; the design asks for at least 128
MAX_TOKEN_LENGTH = 200
# stop_reminders() sets reminders_sent to this, so a later, larger MAX_REMINDERS never restarts them.
REMINDERS_STOPPED = 1_000


# -- tokens and links -------------------------------------------------------------------------------------


def new_token() -> str:
    """A fresh random token for a link (43 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The stored form of a token: SHA-256 as 64 lower-case hex characters."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_invitation(token: str | None) -> Invitation | None:
    """The invitation whose token this is, looked up by hash; None for anything else (expired ones included)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def is_expired(invitation: Invitation, now: datetime | None = None) -> bool:
    """True once the invitation's link has passed its expiry time."""
    return (now or utcnow()) >= invitation.expires_at


def invitation_url(token: str) -> str:
    """The link a respondent follows: ``{PUBLIC_BASE_URL}/respond/i/{token}``."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/respond/i/{token}"


def expiry_for(valid_days: int, now: datetime | None = None) -> datetime:
    """The end of the day, in England, ``valid_days`` from now: "works until 14 June" means all of 14 June."""
    last_day = (now or utcnow()).astimezone(LONDON).date() + timedelta(days=valid_days)
    return datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=LONDON).astimezone(UTC)


def expiry_date_text(invitation: Invitation) -> str:
    """The last day a link works, as people write it: 14 June 2026."""
    last_moment = invitation.expires_at.astimezone(LONDON) - timedelta(seconds=1)
    return f"{last_moment.day} {last_moment:%B %Y}"


# -- single invitations -----------------------------------------------------------------------------------


def build_invitation(
    survey: Survey,
    *,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    journey_stage: str | None = None,
    locality: str | None = None,
    partner: Partner | None = None,
    need_type: str | None = None,
    valid_days: int | None = None,
) -> tuple[Invitation, str]:
    """A new invitation added to the session (not flushed) and its plain token."""
    if journey_stage is not None and journey_stage not in JOURNEY_STAGES:
        raise ValueError(f"Unknown journey stage {journey_stage!r}")
    token = new_token()
    days = valid_days if valid_days is not None else current_app.config["INVITATION_VALID_DAYS"]
    invitation = Invitation(
        survey_id=survey.id,
        token_hash=hash_token(token),
        expires_at=expiry_for(days),
        journey_stage=journey_stage,
        locality=locality or None,
        partner_id=partner.id if partner is not None else None,
        need_type=need_type or None,
        contact_email=contact_email or None,
        contact_phone=contact_phone or None,
        reminders_sent=0,
    )
    db.session.add(invitation)
    return invitation, token


def create_invitation(survey: Survey, **details) -> tuple[Invitation, str]:
    """Create one invitation (flushed, so it has its id); returns it and the plain token (for its message only)."""
    invitation, token = build_invitation(survey, **details)
    db.session.flush()
    return invitation, token


def stop_reminders(invitation: Invitation) -> None:
    """The respondent asked for no more reminders: none will be sent, whatever MAX_REMINDERS becomes."""
    invitation.reminders_sent = max(invitation.reminders_sent or 0, REMINDERS_STOPPED)


def reminders_stopped(invitation: Invitation) -> bool:
    """True when the respondent asked us to stop reminding them."""
    return (invitation.reminders_sent or 0) >= REMINDERS_STOPPED
