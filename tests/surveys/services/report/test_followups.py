"""Personal follow-ups: once per person per publication, never without consent, redacted words only, and an
unsubscribe link that works without signing in and stops later messages."""

from datetime import timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy import func, select

from surveys import batches
from surveys.models import FollowUp, Notification, OutboxItem, Publication, Response, db, utcnow
from surveys.services.report import followups
from surveys.worker import drain
from tests.factories import make_comment, make_survey, make_theme
from tests.html import h1_text, main_text

RAW = "Jane Smith at Oak School waited eleven months for a CAMHS appointment and nobody called us back."
REDACTED = "[name] at [school] waited eleven months for a CAMHS appointment and nobody called us back."


class Recorder:
    """A notifier that keeps what it was given."""

    name = "outbox"

    def __init__(self, fail: bool = False):
        self.emails, self.texts, self.fail = [], [], fail

    def send_email(self, to, subject, body, *, reference):
        if self.fail:
            raise RuntimeError("mail server down")
        self.emails.append((to, subject, body))
        return reference

    def send_sms(self, to, body, *, reference):
        self.texts.append((to, body))
        return reference


def snapshot(version: int, theme_id: int, status: str, label: str, *, action_id: int = 7) -> dict:
    """A publication snapshot (the contract) with one theme and one action."""
    return {"version": version, "published_at": None, "area": "Exampleshire", "changes": [], "themes": [{
        "id": theme_id, "title": "Waiting for CAMHS", "summary": "", "quotes": [], "coproduced": True,
        "actions": [{"id": action_id, "title": "Extra CAMHS clinics on Saturdays", "partner": "NHS",
                     "status": status, "status_label": label,
                     "latest_update": {"date": "2026-11-02", "text": "Two clinics started in November."},
                     "what_this_means": "You can ask for a Saturday appointment.", "for_the_future": ""}],
    }]}


def respondent(theme=None, *, consent: bool = True, email: str | None = "parent@example.com", phone=None,
               status: str = "submitted", raw: str = RAW, redacted: str = REDACTED, **comment_fields):
    """A response with a comment in ``theme`` (a new theme if none); returns (response, theme)."""
    survey = make_survey()
    response = Response(version_id=survey.current_version.id, status=status, consent_contact=consent,
                        contact_email=email, contact_phone=phone, submitted_at=utcnow())
    db.session.add(response)
    db.session.commit()
    comment = make_comment(raw, source="survey", response_id=response.id, redacted_text=redacted, **comment_fields)
    if theme is None:
        theme = make_theme(comments=[comment], status="reviewed", public=True)
    else:
        from surveys.models import CommentTheme

        db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id))
        db.session.commit()
    return response, theme


def changed(theme) -> tuple[dict, dict]:
    return snapshot(1, theme.id, "planned", "Planned"), snapshot(2, theme.id, "in_progress", "In progress")


def follow_up(version: int, before: dict | None, after: dict, notifier) -> int:
    """Queue the follow-ups (the job), then let the worker send them with ``notifier``; how many were queued."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(followups, "get_notifier", lambda config: notifier)
        queued = batches.send_follow_ups(version, before, after)
        drain()
    return queued


def send(theme, notifier, version: int = 2) -> int:
    before, after = changed(theme)
    return follow_up(version, before, after, notifier)


def test_a_person_who_agreed_is_told_once_per_publication(app_context):
    response, theme = respondent()
    notifier = Recorder()
    assert send(theme, notifier) == 1
    assert send(theme, notifier) == 0  # the job runs again: nobody is told twice
    assert len(notifier.emails) == 1
    follow_up = db.session.scalar(select(FollowUp))
    assert (follow_up.publication_version, follow_up.response_id, follow_up.status) == (2, response.id, "sent")
    assert follow_up.action_ids == [7] and follow_up.sent_at is not None
    record = db.session.scalar(select(Notification))
    assert (record.kind, record.response_id, record.recipient) == ("what_changed", response.id, "parent@example.com")


def test_one_message_however_many_comments_and_themes(app_context):
    response, theme = respondent()
    other = make_theme("Transport to school", status="reviewed", public=True)
    comment = make_comment("The bus never came.", source="survey", response_id=response.id)
    from surveys.models import CommentTheme

    db.session.add(CommentTheme(comment_id=comment.id, theme_id=other.id))
    db.session.commit()
    before, after = changed(theme)
    extra = snapshot(2, other.id, "done", "Done", action_id=8)["themes"][0]
    before["themes"].append({**extra, "actions": [{**extra["actions"][0], "status": "planned"}]})
    after["themes"].append(extra)
    notifier = Recorder()
    assert follow_up(2, before, after, notifier) == 1
    [(_, _, body)] = notifier.emails
    assert "The bus never came." in body and "waited eleven months" in body
    assert db.session.scalar(select(FollowUp.action_ids)) == [7, 8]


@pytest.mark.parametrize("details", [
    {"consent": False},
    {"email": None, "phone": None},
    {"email": "", "phone": ""},
    {"status": "in_progress"},
])
def test_nothing_to_people_who_did_not_agree_or_cannot_be_reached(app_context, details):
    _, theme = respondent(**details)
    notifier = Recorder()
    assert send(theme, notifier) == 0
    assert notifier.emails == notifier.texts == []
    assert db.session.scalar(select(func.count(FollowUp.id))) == 0


def test_nothing_when_no_action_changed_status(app_context):
    _, theme = respondent()
    notifier = Recorder()
    same = snapshot(2, theme.id, "planned", "Planned")
    assert follow_up(2, snapshot(1, theme.id, "planned", "Planned"), same, notifier) == 0
    assert notifier.emails == []


@pytest.mark.parametrize("previous", [{"themes": []}, None], ids=["new in this publication", "first publication"])
def test_a_newly_published_action_is_news(app_context, previous):
    _, by_email = respondent()
    notifier = Recorder()
    assert follow_up(2, previous, snapshot(2, by_email.id, "planned", "Planned"), notifier) == 1
    [(_, _, body)] = notifier.emails
    assert "Extra CAMHS clinics on Saturdays: a new action, planned." in body


def test_a_text_message_names_a_new_action_too(app_context):
    _, theme = respondent(email=None, phone="07700900123")
    notifier = Recorder()
    assert follow_up(1, None, snapshot(1, theme.id, "planned", "Planned"), notifier) == 1
    [(_, text)] = notifier.texts
    assert "Extra CAMHS clinics on Saturdays is a new action, planned" in text


def test_the_message_says_what_they_told_us_what_was_done_and_what_it_means(app, app_context):
    _, theme = respondent()
    notifier = Recorder()
    send(theme, notifier)
    [(to, subject, body)] = notifier.emails
    assert subject == "Exampleshire SEND Local Area Partnership: what has changed since you gave us feedback"
    assert 'You told us: "[name] at [school] waited eleven months for a CAMHS appointment' in body
    assert "Extra CAMHS clinics on Saturdays: now in progress." in body
    assert "Latest update: Two clinics started in November." in body
    assert "What this means for you\nYou can ask for a Saturday appointment." in body
    assert f"{app.config['PUBLIC_BASE_URL']}/you-said-we-did" in body
    assert f"{app.config['PUBLIC_BASE_URL']}/respond/unsubscribe/" in body


def test_only_redacted_words_are_sent_and_they_are_kept_short(app_context):
    long_redacted = "[name] said " + "the wait was far too long and " * 20
    _, theme = respondent(raw="Jane Smith said " + "the wait was far too long and " * 20, redacted=long_redacted)
    notifier = Recorder()
    send(theme, notifier)
    [(_, _, body)] = notifier.emails
    assert "Jane Smith" not in body and "Oak School" not in body
    said = body.split('You told us: "')[1].split('"')[0]
    assert said.startswith("[name] said the wait") and said.endswith("...") and len(said) <= 160


def test_a_comment_flagged_for_safeguarding_is_never_quoted_back(app_context):
    _, theme = respondent(safeguarding_flag=True, safeguarding_reason="harm")
    notifier = Recorder()
    assert send(theme, notifier) == 1
    [(_, _, body)] = notifier.emails
    assert "waited eleven months" not in body
    assert "You told us about: Waiting for CAMHS" in body


def test_a_text_message_when_there_is_no_email(app_context):
    _, theme = respondent(email=None, phone="07700900123")
    notifier = Recorder()
    assert send(theme, notifier) == 1
    [(to, body)] = notifier.texts
    assert to == "07700900123"
    assert "Extra CAMHS clinics on Saturdays is now in progress" in body
    assert "/you-said-we-did" in body and "/respond/unsubscribe/" in body
    assert "[name]" not in body and body.isascii()


def test_a_failed_message_is_recorded_retried_and_never_queued_twice(app_context):
    _, theme = respondent()
    assert send(theme, Recorder(fail=True)) == 1
    assert db.session.scalar(select(FollowUp.status)) == "failed"
    assert db.session.scalar(select(Notification.status)) == "failed"
    item = db.session.scalar(select(OutboxItem).where(OutboxItem.kind == "what_changed"))
    assert (item.status, item.attempts) == ("pending", 1) and "mail server down" in item.last_error
    notifier = Recorder()
    assert send(theme, notifier) == 0  # at most one message per person per publication
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(followups, "get_notifier", lambda config: notifier)
        assert drain(now=utcnow() + timedelta(minutes=1))["done"] == 1  # the worker's retry goes
    assert len(notifier.emails) == 1 and db.session.scalar(select(FollowUp.status)) == "sent"
    assert "[token]" not in item.last_error


def unsubscribe_link(notifier: Recorder) -> str:
    [(_, _, body)] = notifier.emails
    return "/respond/unsubscribe/" + body.split("/respond/unsubscribe/")[1].split()[0]


def test_unsubscribe_works_without_signing_in_and_stops_later_messages(client_request):
    response, theme = respondent()
    notifier = Recorder()
    send(theme, notifier)
    link = unsubscribe_link(notifier)
    page = client_request.get(link)
    assert h1_text(page) == "Stop messages about what changed"
    assert page.select_one("form button, form input[type=submit]") is not None
    db.session.expire_all()
    assert db.session.get(Response, response.id).follow_ups_stopped_at is None  # opening the link changes nothing
    page = client_request.post(link, expected_status=200)
    assert "We will not send you any more messages" in main_text(page)
    db.session.expire_all()
    assert db.session.get(Response, response.id).follow_ups_stopped_at is not None
    client_request.post(link, expected_status=200)  # twice: still fine
    later = Recorder()
    before, after = snapshot(2, theme.id, "in_progress", "In progress"), snapshot(3, theme.id, "done", "Done")
    assert follow_up(3, before, after, later) == 0
    assert later.emails == []


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 300])
def test_a_bad_unsubscribe_link_gives_a_plain_page(client_request, token):
    respondent()
    page = client_request.get(f"/respond/unsubscribe/{token}", expected_status=404)
    assert h1_text(page) == "This link does not work"
    assert page.select_one("form") is None or not page.select("form button")
    client_request.client.post(f"/respond/unsubscribe/{token}")
    assert db.session.scalar(select(func.count(Response.id)).where(Response.follow_ups_stopped_at.is_not(None))) == 0


def test_the_live_publication_is_followed_up_once_and_a_rollback_sends_nothing(app, app_context, tmp_path):
    _, theme = respondent()
    before, after = changed(theme)
    db.session.add_all([
        Publication(version=1, status="superseded", snapshot=before, published_at=utcnow()),
        Publication(version=2, status="live", snapshot=after, published_at=utcnow()),
    ])
    db.session.commit()
    assert batches.follow_up_live_publication() == 1  # the configured notifier: the outbox
    assert batches.follow_up_live_publication() == 0
    drain()
    notification = db.session.scalar(select(Notification))
    message = BytesParser(policy=policy.default).parsebytes(
        (Path(app.config["OUTBOX_DIR"]) / notification.provider_reference).read_bytes())
    assert "Extra CAMHS clinics on Saturdays: now in progress." in message.get_content()
    # Rolled back to version 1: nothing new to tell anyone.
    db.session.execute(db.update(Publication).values(status="superseded"))
    db.session.execute(db.update(Publication).where(Publication.version == 1).values(status="live"))
    db.session.commit()
    assert batches.follow_up_live_publication() == 0
    assert followups.followed_up_version() == 2
