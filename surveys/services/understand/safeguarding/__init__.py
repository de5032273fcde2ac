"""Safeguarding: text suggesting a child or adult may be at risk reaches a named person at once, and is never lost.

Triage on arrival (``surveys.services.understand.comments.analyse_comment``) sets
``Comment.safeguarding_flag``. This module makes sure a person acts on it:

- ``queue_alerts(comment)`` queues, in the transaction that flags the comment, an email to the named contact (the
  SAFEGUARDING_CONTACT_EMAIL setting) and to every active safeguarding lead. The email says only that a comment
  needs urgent review, its reference, the kind of risk, when it arrived and the link to the review page: never the
  words or anything about the person, because email may not be secure. The outbox worker sends it within seconds
  and records every attempt as a ``Notification`` of kind ``safeguarding_alert`` with its ``comment_id``; one that
  could not be sent is tried again with backoff, and one that failed every time is shown at /staff/outbox.
- The review pages: ``flagged_queue``, ``open_flag``, ``flag_details``, ``record_raw_text_view``, ``record_review``.

Like every service, these add and flush, and whoever called them commits (``surveys.transactions``).

Nothing here unflags or deletes a comment. A review records who looked, when and what they did; the flag stays
True, so the comment is never published automatically (``Comment.publishable``).

The parts: ``words`` (who may review; risk, times), ``alerts`` and ``review``. Import from here.
"""

from surveys.services.understand.safeguarding.alerts import (
    ALERT_KIND,
    AlertMessage,
    alert_recipients,
    alerts_by_comment,
    compose_alert,
    queue_alerts,
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
    "alert_recipients", "alerts_by_comment", "compose_alert", "flag_details", "flagged_queue", "how_long",
    "latest_outcomes", "long_time", "may_review", "open_flag", "queue_alerts", "record_raw_text_view", "record_review",
    "review_history", "review_url", "risk_words",
]
