"""The words of a personal follow-up: what you told us, what was done, what it means for you, and where to read more.

One message per person per publication, however many of their themes changed. What they told us is a short
part of the *redacted* text of their own comment (never the raw words: email may not be secure, and others may
read it); when no redacted comment can be used, the message names the theme instead. Text messages use plain
characters only (GSM-7), so they cost one rate.
"""

from dataclasses import dataclass, field

from flask import current_app

SUMMARY_LENGTH = 160
SMS_ACTION_LENGTH = 60


@dataclass(frozen=True)
class ChangedAction:
    """An action new in the publication, or whose status changed (from the snapshot's themes[].actions[])."""

    id: int
    title: str
    status_label: str
    latest_update: str
    what_this_means: str
    new: bool = False  # first published now (older queued messages have no such field)

    @property
    def news(self) -> str:
        """What happened to the action, in a few words: "a new action, planned" or "now in progress"."""
        status = self.status_label.lower()
        return f"a new action, {status}" if self.new else f"now {status}"


@dataclass(frozen=True)
class ThemeNews:
    """One theme the person's words belong to, what they said about it, and its changed actions."""

    theme_title: str
    said: str
    actions: tuple[ChangedAction, ...]


@dataclass(frozen=True)
class FollowUpMessage:
    """A follow-up, ready for email and for text message."""

    subject: str
    email_body: str
    sms_body: str
    news: tuple[ThemeNews, ...] = field(default=())


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters, with "..." if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut}..."


def tracker_url() -> str:
    """The public tracker, for links in messages (works outside a request)."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/you-said-we-did"


def unsubscribe_url(token: str) -> str:
    """The unsubscribe link for one message."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/respond/unsubscribe/{token}"


def _theme_section(news: ThemeNews) -> str:
    """What you told us, what we did and what it means for you, for one theme."""
    told = f'You told us: "{news.said}"' if news.said else f"You told us about: {news.theme_title}"
    parts = [f"{news.theme_title}\n\n{told}", "What we did"]
    for action in news.actions:
        update = f"\nLatest update: {action.latest_update}" if action.latest_update else ""
        parts.append(f"{action.title}: {action.news}.{update}")
        if action.what_this_means:
            parts.append(f"What this means for you\n{action.what_this_means}")
    return "\n\n".join(parts)


def compose_follow_up(news: list[ThemeNews], token: str) -> FollowUpMessage:
    """The subject, email and text message telling one person what changed about what they told us."""
    area = current_app.config["LOCAL_AREA_NAME"]
    subject = f"{area}: what has changed since you gave us feedback"
    email_body = "\n\n".join((
        "Hello,",
        "You gave us feedback and said we could contact you about what happened next. Here is what we did.",
        *(_theme_section(item) for item in news),
        f"See everything we are doing about what families told us:\n{tracker_url()}",
        f"Stop these messages\nIf you do not want messages like this, use this link:\n{unsubscribe_url(token)}",
        f"From {area}",
    ))
    first = news[0].actions[0]
    more = " and more" if len(news) > 1 or len(news[0].actions) > 1 else ""
    sms_body = (f"{area}: you told us about {shorten(news[0].theme_title, SMS_ACTION_LENGTH)}. "
                f"{shorten(first.title, SMS_ACTION_LENGTH)} is {first.news}{more}. "
                f"See {tracker_url()} Stop these messages: {unsubscribe_url(token)}")
    return FollowUpMessage(subject=subject, email_body=email_body + "\n", sms_body=sms_body, news=tuple(news))
