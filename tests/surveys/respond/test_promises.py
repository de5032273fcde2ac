"""The thank-you pages promise only what the system does: a next update date only when a schedule sets one, and a
message when an action changes only to people who agreed to be contacted."""

from datetime import date

import pytest

from surveys.services.report import public_tracker
from tests.html import main_text
from tests.surveys.respond.helpers import answer_parent_survey, post_page, start, submit

CONTACT_PROMISE = ("we will send you a message when we publish an action linked to what you told us, and when that "
                   "action changes")


@pytest.fixture
def scheduled(monkeypatch):
    monkeypatch.setattr(public_tracker, "next_publication_date", lambda: date(2027, 1, 4))


def done_page(client_request) -> str:
    submit(client_request)
    return main_text(client_request.get("/respond/survey/done"))


def test_no_next_date_without_a_schedule(client_request, parent_survey, monkeypatch):
    monkeypatch.setattr(public_tracker, "next_publication_date", lambda: None)
    answer_parent_survey(client_request)
    text = done_page(client_request)
    assert "We next update" not in text and "month" not in text
    assert "We publish what we heard and what we are doing about it" in text


def test_next_date_from_the_schedule(client_request, parent_survey, scheduled):
    answer_parent_survey(client_request)
    assert "We next update the “you said, we did” tracker on 4 January 2027" in done_page(client_request)


def test_no_contact_promise_without_consent(client_request, parent_survey):
    answer_parent_survey(client_request)
    assert CONTACT_PROMISE not in done_page(client_request)


def test_contact_promise_only_with_consent(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "2"})
    post_page(client_request, 2, {"went_well": "Kind.", "better": "Faster replies."})
    post_page(client_request, 3, {"worried": "no"})
    post_page(client_request, 5, {"consent_quote": "no", "consent_contact": "yes",
                                  "contact_email": "parent@example.com"})
    assert CONTACT_PROMISE in done_page(client_request)


def test_already_answered_names_a_date_only_when_scheduled(client_request, parent_survey, scheduled):
    answer_parent_survey(client_request)
    submit(client_request)
    assert "on 4 January 2027" in main_text(client_request.get("/respond/survey/already-answered"))


def test_already_answered_without_a_schedule(client_request, parent_survey, monkeypatch):
    monkeypatch.setattr(public_tracker, "next_publication_date", lambda: None)
    answer_parent_survey(client_request)
    submit(client_request)
    text = main_text(client_request.get("/respond/survey/already-answered"))
    assert "We next update" not in text and "“you said, we did” tracker" in text


def test_the_privacy_notice_promises_no_deletion_the_system_does_not_do(client_request):
    """With no retention rule set nothing is deleted after a fixed time, so the notice names no period (the rules,
    once set, are stated from the settings: tests/surveys/services/platform/test_retention.py)."""
    text = main_text(client_request.get("/privacy"))
    assert "has not set a time limit" in text and "data protection officer" in text
    assert "kept for" not in text and "years, then delete" not in text
    assert "Each message has a link to stop any more." in text  # the follow-ups' unsubscribe link exists
