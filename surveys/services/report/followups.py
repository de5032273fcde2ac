"""Personal follow-ups: who gets a message when a publication shows a new action or changes an action's status,
and sending it.

Who: a submitted response whose person agreed to be contacted (``consent_contact``), left an email address or
phone number, has not unsubscribed, and wrote a comment in a theme with an action that is new in this publication
(the first publication's actions are all new) or whose status differs from the previous publication's. Asked
"can we contact you to tell you what we did", people hear of an action when it is first published, not only when it
later moves on. At most one message per person per publication: ``queue_follow_up`` adds the ``FollowUp`` row that
a unique constraint keeps single and queues the message in the outbox in the same transaction (committed by
``surveys.batches.send_follow_ups``); the worker sends it (``send_queued_follow_up``), with retries.

Like every service this only flushes; the batch commits.
"""

import logging
import secrets
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from flask import current_app
from sqlalchemy import exists, or_, select

from surveys.models import Comment, CommentTheme, FollowUp, Notification, Publication, Response, db, utcnow
from surveys.services.capture.invitations import hash_token, new_token
from surveys.services.platform import outbox
from surveys.services.platform.notify import Notifier, get_notifier
from surveys.services.platform.notify.follow_up_messages import ChangedAction, ThemeNews, compose_follow_up, shorten
from surveys.services.report.publications import live_publication

log = logging.getLogger(__name__)

MAX_TOKEN_LENGTH = 200


@dataclass(frozen=True)
class DueFollowUp:
    """One person to tell, how to reach them, and what to tell them."""

    response_id: int
    email: str | None
    phone: str | None
    news: tuple[ThemeNews, ...]

    @property
    def action_ids(self) -> list[int]:
        """Every changed action the message is about."""
        return [action.id for item in self.news for action in item.actions]


def changed_actions(previous_snapshot: dict | None, new_snapshot: dict) -> dict[int, tuple[dict, list[dict]]]:
    """Theme id to (theme, actions new or with a changed status) between two snapshots (the snapshot contract);
    a new action is marked ``"new": True``."""
    before = {action["id"]: action.get("status")
              for theme in (previous_snapshot or {}).get("themes", []) for action in theme.get("actions", [])}
    changed: dict[int, tuple[dict, list[dict]]] = {}
    for theme in new_snapshot.get("themes", []):
        actions = [{**action, "new": action["id"] not in before} for action in theme.get("actions", [])
                   if action["id"] not in before or before[action["id"]] != action.get("status")]
        if actions:
            changed[theme["id"]] = (theme, actions)
    return changed


def reachable_response():
    """The conditions for a person we may write to: submitted, agreed, reachable, not unsubscribed."""
    return (
        (Response.status == "submitted")
        & Response.consent_contact.is_(True)
        & Response.follow_ups_stopped_at.is_(None)
        & or_(Response.contact_email.is_not(None) & (Response.contact_email != ""),
              Response.contact_phone.is_not(None) & (Response.contact_phone != ""))
    )


def due_follow_ups(previous_snapshot: dict | None, new_snapshot: dict, version: int) -> list[DueFollowUp]:
    """Everyone to tell about publication ``version``, one entry per person, without those already told."""
    changed = changed_actions(previous_snapshot, new_snapshot)
    if not changed:
        return []
    already = exists().where(FollowUp.publication_version == version, FollowUp.response_id == Response.id)
    rows = db.session.execute(
        select(Response.id, Response.contact_email, Response.contact_phone, CommentTheme.theme_id,
               Comment.redacted_text, Comment.analysed_at, Comment.safeguarding_flag)
        .join(Comment, Comment.response_id == Response.id)
        .join(CommentTheme, CommentTheme.comment_id == Comment.id)
        .where(CommentTheme.theme_id.in_(list(changed)), reachable_response(), ~already)
        .order_by(Response.id, Comment.received_at, Comment.id)
    ).all()
    return _group(rows, changed)


def _group(rows, changed: dict[int, tuple[dict, list[dict]]]) -> list[DueFollowUp]:
    """One DueFollowUp per response, each theme once, with the first usable redacted words in it."""
    contacts: dict[int, tuple[str | None, str | None]] = {}
    said: dict[int, dict[int, str]] = defaultdict(dict)
    for response_id, email, phone, theme_id, redacted, analysed_at, flagged in rows:
        contacts[response_id] = (email or None, phone or None)
        usable = redacted and analysed_at is not None and not flagged
        if not said[response_id].get(theme_id):
            said[response_id][theme_id] = shorten(redacted) if usable else ""
    return [
        DueFollowUp(response_id, *contacts[response_id],
                    news=tuple(_news(changed[theme_id], text) for theme_id, text in said[response_id].items()))
        for response_id in contacts
    ]


def _news(theme_and_actions: tuple[dict, list[dict]], said: str) -> ThemeNews:
    theme, actions = theme_and_actions
    return ThemeNews(theme_title=theme.get("title", ""), said=said,
                     actions=tuple(_changed_action(action) for action in actions))


def _changed_action(action: dict[str, Any]) -> ChangedAction:
    latest = action.get("latest_update") or {}
    return ChangedAction(id=action["id"], title=action.get("title", ""),
                         status_label=action.get("status_label") or action.get("status", ""),
                         latest_update=latest.get("text", ""), what_this_means=action.get("what_this_means", ""),
                         new=bool(action.get("new")))


def queue_follow_up(version: int, due: DueFollowUp) -> bool:
    """Add the follow-up row for this person and publication and queue its message; False if one exists already.

    Two processes adding at once: the unique constraint makes one fail (the caller rolls back and moves on). The
    row's unsubscribe hash is a placeholder until the worker makes the real link as the message goes.
    """
    taken = select(FollowUp.id).where(FollowUp.publication_version == version,
                                      FollowUp.response_id == due.response_id)
    if db.session.scalar(taken) is not None:
        return False
    db.session.add(FollowUp(publication_version=version, response_id=due.response_id, action_ids=due.action_ids,
                            status="sending", unsubscribe_hash=hash_token(new_token())))
    db.session.flush()
    outbox.enqueue("what_changed", {"version": version, "response_id": due.response_id,
                                    "news": [asdict(item) for item in due.news]})
    return True


def send_queued_follow_up(payload: dict) -> str:
    """The worker sends one queued follow-up with a new unsubscribe link; the notifier's name ("" if not sent).

    The address is read now, so a person who unsubscribed or was erased meanwhile gets nothing. A failure is
    recorded and ``SendFailed`` asks the worker to try again.
    """
    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.publication_version == payload["version"],
                                                         FollowUp.response_id == payload["response_id"]))
    response = db.session.get(Response, payload["response_id"])
    if follow_up is None or follow_up.status == "sent" or response is None or response.follow_ups_stopped_at:
        return ""
    email, phone = response.contact_email or None, response.contact_phone or None
    if not email and not phone:
        return ""
    token = new_token()
    follow_up.unsubscribe_hash = hash_token(token)
    message = compose_follow_up([_news_from(item) for item in payload["news"]], token)
    channel, recipient = ("email", email) if email else ("sms", phone)
    notifier = get_notifier(current_app.config)
    notification = _deliver(notifier, response.id, channel, recipient, message, token)
    follow_up.status = notification.status
    follow_up.sent_at = utcnow() if notification.status == "sent" else None
    db.session.flush()
    if notification.status != "sent":
        raise outbox.SendFailed(notification.error)
    return notifier.name


def _news_from(item: dict) -> ThemeNews:
    """A ThemeNews back from its queued form."""
    actions = tuple(ChangedAction(**action) for action in item["actions"])
    return ThemeNews(theme_title=item["theme_title"], said=item["said"], actions=actions)


def _deliver(notifier: Notifier, response_id: int, channel: str, recipient: str, message, token: str
             ) -> Notification:
    """Hand one message to the notifier and add its record, sent or failed (never raises)."""
    reference = f"yousaid-what-changed-{secrets.token_hex(8)}"
    notification = Notification(kind="what_changed", channel=channel, recipient=recipient[:254],
                                response_id=response_id, notifier=notifier.name, status="sent", error="",
                                provider_reference=reference)
    try:
        if channel == "email":
            provided = notifier.send_email(recipient, message.subject, message.email_body, reference=reference)
        else:
            provided = notifier.send_sms(recipient, message.sms_body, reference=reference)
        notification.provider_reference = str(provided or reference)[:200]
    except Exception as error:  # noqa: BLE001 - one failed message is recorded, never fatal to the batch
        notification.status = "failed"
        notification.error = f"{type(error).__name__}: {error}".replace(token, "[token]")[:500]
        log.warning("follow-up %s failed: %s", reference, notification.error)
    db.session.add(notification)
    return notification


def find_follow_up(token: str | None) -> FollowUp | None:
    """The follow-up whose unsubscribe link this is; None for anything else."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(select(FollowUp).where(FollowUp.unsubscribe_hash == hash_token(token)))


def unsubscribe(follow_up: FollowUp) -> None:
    """Stop every later follow-up to the person this message went to (doing it twice changes nothing)."""
    response = db.session.get(Response, follow_up.response_id)
    if response.follow_ups_stopped_at is None:
        response.follow_ups_stopped_at = utcnow()
    db.session.flush()


def publication_to_follow_up(followed_up_version: int | None) -> tuple[int, dict | None, dict] | None:
    """(version, previous snapshot, new snapshot) when the live version's follow-ups are not done yet, else None.

    A rollback to an earlier version sends nothing: only a live version newer than the last one followed up.
    """
    live = live_publication()
    if live is None or (followed_up_version is not None and live.version <= followed_up_version):
        return None
    previous = db.session.scalar(
        select(Publication).where(Publication.version < live.version, Publication.published_at.is_not(None))
        .order_by(Publication.version.desc()).limit(1)
    )
    return live.version, previous.snapshot if previous is not None else None, live.snapshot


def followed_up_version() -> int | None:
    """The newest version whose follow-ups were all handled (kept on the schedule row)."""
    from surveys.services.report.schedule import current_schedule

    return current_schedule().followed_up_version


def mark_followed_up(version: int) -> None:
    """Remember that every follow-up for ``version`` was handled, so the job does not look again."""
    from surveys.services.report.schedule import ensure_schedule

    schedule = ensure_schedule()
    schedule.followed_up_version = max(version, schedule.followed_up_version or 0)
    db.session.flush()
