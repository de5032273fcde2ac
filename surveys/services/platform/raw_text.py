"""The one rule for raw text: who may read what people wrote in their own words, and the audit of each reading.

Raw text is a person's own words (a case's details, summary and draft response, which starts "Dear <name>" and
quotes them; a free-text answer; an audio message and its transcript) and their contact details. Only
``RAW_TEXT_ROLES`` read it; everyone else reads the redacted text (``analysis.redaction``) or nothing. Words that
triage flagged as a possible safeguarding concern are narrower still: only those who review flags
(``FLAGGED_TEXT_ROLES``) read them raw. Every page that shows raw text calls ``record_raw_text_view``.
"""

from surveys.models import AuditEvent, User
from surveys.services.platform import audit

RAW_TEXT_ROLES = frozenset({"admin", "complaints_officer", "partner_lead", "safeguarding_lead"})
FLAGGED_TEXT_ROLES = frozenset({"admin", "safeguarding_lead"})
RAW_TEXT_VIEW = "view_raw_text"


def may_read_raw(user: User, *, flagged: bool = False) -> bool:
    """Whether ``user`` may read raw words (``flagged``: words triage flagged for the safeguarding lead)."""
    return user.role in (FLAGGED_TEXT_ROLES if flagged else RAW_TEXT_ROLES)


def record_raw_text_view(user: User, obj, purpose: str, **detail) -> AuditEvent:
    """Audit that ``user`` was shown the raw words of ``obj`` (a case, a comment, an audio message), and why
    (``detail``: counts and ids only, never the words)."""
    return audit.record(user, RAW_TEXT_VIEW, obj, purpose=purpose, **detail)
