"""Safeguarding: text suggesting a child or adult may be at risk reaches a named person at once, and is never lost.

Triage on arrival (``surveys.services.understand.comments.analyse_comment``) sets
``Comment.safeguarding_flag``. This module makes sure a person acts on it:

- ``alert_safeguarding_contact(comment)`` emails the named contact (the SAFEGUARDING_CONTACT_EMAIL setting) and
  every active safeguarding lead about a comment already committed. The email says only that a comment needs urgent
  review, its reference, the kind of risk, when it arrived and the link to the review page: never the words or
  anything about the person, because email may not be secure. Every message is recorded as a ``Notification`` of
  kind ``safeguarding_alert`` with its ``comment_id``; one that could not be sent is recorded as failed, with the
  reason, and is tried again by ``send_pending_alerts``.
- ``alert_after_commit(comment)`` is for code in the middle of a transaction (``add_comment``): the alert goes once
  the edge commits that transaction, and never for one rolled back.
- ``send_pending_alerts()`` (a scheduled job) alerts about every flagged, unreviewed comment that has no alert
  that was sent, so a crash between saving and sending, or a mail server that was down, never loses an alert.
- The review pages: ``flagged_queue``, ``open_flag``, ``flag_details``, ``record_raw_text_view``, ``record_review``.

Like every service, these add and flush, and whoever called them commits (``surveys.transactions``). The one
exception is the alert sent after a commit: the committed session can run no more SQL, so that alert is recorded
in a session of its own.

Nothing here unflags or deletes a comment. A review records who looked, when and what they did; the flag stays
True, so the comment is never published automatically (``Comment.publishable``).

The parts: ``words`` (who may review; risk, times), ``alerts`` and ``review``. Import from here.
"""

from surveys.services.understand.safeguarding.alerts import (
    ALERT_KIND,
    AlertMessage,
    alert_after_commit,
    alert_recipients,
    alert_safeguarding_contact,
    alerts_by_comment,
    comments_awaiting_alert,
    compose_alert,
    send_pending_alerts,
)
from surveys.services.understand.safeguarding.review import (
    NOTE_MAX,
    REVIEW_OUTCOMES,
    REVIEWED_SHOWN,
    SOURCE_NAMES,
    FlagDetails,
    Queue,
    QueueItem,
    ReviewRecord,
    flag_details,
    flagged_queue,
    latest_outcomes,
    open_flag,
    record_raw_text_view,
    record_review,
    review_history,
)
from surveys.services.understand.safeguarding.words import (
    REVIEWER_ROLES,
    how_long,
    long_time,
    may_review,
    review_url,
    risk_words,
)

__all__ = [
    "ALERT_KIND", "NOTE_MAX", "REVIEWED_SHOWN", "REVIEWER_ROLES", "REVIEW_OUTCOMES", "SOURCE_NAMES",
    "AlertMessage", "FlagDetails", "Queue", "QueueItem", "ReviewRecord",
    "alert_after_commit", "alert_recipients", "alert_safeguarding_contact", "alerts_by_comment",
    "comments_awaiting_alert", "compose_alert", "flag_details", "flagged_queue", "how_long", "latest_outcomes",
    "long_time", "may_review", "open_flag", "record_raw_text_view", "record_review", "review_history", "review_url",
    "risk_words", "send_pending_alerts",
]
