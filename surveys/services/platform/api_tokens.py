"""API tokens: create one (the plain token is returned once, only its hash is kept), find one, revoke one.

A token acts as its user: their role and partner scope, nothing more, and only while the account is active.
Tokens start with ``ys_`` so secret scanners and people can tell what they are; the rest is 256 random bits, so a
plain SHA-256 is enough to store it (the same hash as invitation links, ``invitations.hash_token``).
Everyone manages their own tokens; administrators see and revoke everybody's. Like every service, these add and
flush: the caller commits.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from surveys.models import ApiToken, User, db, utcnow
from surveys.services.capture.invitations import hash_token, new_token
from surveys.services.platform import audit
from surveys.services.platform.errors import Invalid, NotFound

PREFIX = "ys_"
MAX_TOKEN_LENGTH = 200
NAME_LENGTH = 100
DEFAULT_VALID_DAYS = 90
MAX_VALID_DAYS = 366
LAST_USED_EVERY = timedelta(minutes=1)  # how stale ``last_used_at`` may be: not one write per request


def name_problem(name: str) -> str | None:
    """Why a token's name cannot be used, or None."""
    if not name.strip():
        return "Enter a name for this token"
    if len(name.strip()) > NAME_LENGTH:
        return f"The name must be {NAME_LENGTH} characters or fewer"
    return None


def days_problem(days: int | None) -> str | None:
    """Why a number of days until expiry cannot be used, or None."""
    if days is None or not 1 <= days <= MAX_VALID_DAYS:
        return f"Enter how many days the token works for, from 1 to {MAX_VALID_DAYS}"
    return None


def create_token(user: User, name: str, *, days: int = DEFAULT_VALID_DAYS,
                 created_by: User | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user`` (flushed) and its plain text, which is never stored and must be shown only once."""
    problem = name_problem(name) or days_problem(days)
    if problem:
        raise Invalid(problem)
    if not user.active:
        raise Invalid("That account is not active")
    plain = PREFIX + new_token()
    token = ApiToken(user=user, name=name.strip(), token_hash=hash_token(plain), hint=plain[:8],
                     expires_at=utcnow() + timedelta(days=days), created_by_id=(created_by or user).id)
    db.session.add(token)
    db.session.flush()
    audit.record(created_by or user, "api_token.create", token, for_user=user.id, days=days)  # the id, not the name
    return token, plain


def find_token(plain: str | None, now: datetime | None = None) -> ApiToken | None:
    """The usable token with this text (not revoked, not expired, its user active), or None."""
    if not plain or len(plain) > MAX_TOKEN_LENGTH or not plain.startswith(PREFIX):
        return None
    token = db.session.scalar(select(ApiToken).options(selectinload(ApiToken.user))
                              .where(ApiToken.token_hash == hash_token(plain)))
    return token if token is not None and token.usable(now or utcnow()) else None


def note_use(token: ApiToken, now: datetime | None = None) -> None:
    """Record that the token was used (at most once a minute, so reading a page of data is not a write each time)."""
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now


def tokens_for(user: User) -> list[ApiToken]:
    """The tokens ``user`` may manage, newest first: their own, or everybody's for an administrator."""
    query = select(ApiToken).options(selectinload(ApiToken.user)).order_by(ApiToken.created_at.desc(),
                                                                           ApiToken.id.desc())
    if user.role != "admin":
        query = query.where(ApiToken.user_id == user.id)
    return list(db.session.scalars(query))


def get_token(user: User, token_id: int) -> ApiToken:
    """A token ``user`` may manage; ``NotFound`` for any other, so guessing ids reveals nothing."""
    token = db.session.get(ApiToken, token_id)
    if token is None or (user.role != "admin" and token.user_id != user.id):
        raise NotFound()
    return token


def revoke_token(user: User, token: ApiToken) -> None:
    """Stop the token working at once (revoking twice changes nothing)."""
    if token.revoked_at is not None:
        return
    token.revoked_at, token.revoked_by_id = utcnow(), user.id
    audit.record(user, "api_token.revoke", token)
