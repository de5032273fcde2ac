"""Helpers for the partners' API tests: requests with a token, and the parsed problem body."""

import pytest


class ApiClient:
    """The test client with an Authorization header; ``get``/``post`` return the raw response."""

    def __init__(self, client, token: str | None):
        self.client, self.token = client, token

    def headers(self, extra: dict | None = None) -> dict:
        found = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**found, **(extra or {})}

    def get(self, url: str, headers: dict | None = None, **kwargs):
        return self.client.get(url, headers=self.headers(headers), **kwargs)

    def post(self, url: str, json=None, headers: dict | None = None):
        return self.client.post(url, json=json, headers=self.headers(headers))


@pytest.fixture
def api_as(client, app_context):
    """``api_as(token)``: an API client sending that token (None for no token)."""
    return lambda token: ApiClient(client, token)


def make_action(partner, title: str = "Shorter waits for CAMHS", **fields):
    """An action owned by ``partner`` (committed)."""
    from surveys.models import Action, db

    action = Action(title=title, partner_id=partner.id, status=fields.pop("status", "in_progress"), **fields)
    db.session.add(action)
    db.session.commit()
    return action


def make_response(survey, partner=None, rating: str = "4", text: str | None = None, flagged: bool = False,
                  **fields):
    """A submitted response to ``survey``'s two questions; the free text becomes a comment, redacted."""
    from surveys.models import Answer, Comment, Response, db, utcnow

    version = survey.current_version
    response = Response(version_id=version.id, status="submitted", submitted_at=fields.pop("submitted_at", utcnow()),
                        partner_id=partner.id if partner else None, contact_email="parent@example.com", **fields)
    rating_question, text_question = version.questions
    response.answers.append(Answer(question_id=rating_question.id, value_text=rating))
    db.session.add(response)
    if text is not None:
        answer = Answer(question_id=text_question.id, value_text=text)
        response.answers.append(answer)
        db.session.flush()
        db.session.add(Comment(raw_text=text, redacted_text=text.replace("Sam", "[name]"), source="survey",
                               answer_id=answer.id, response_id=response.id, analysed_at=utcnow(),
                               received_at=utcnow(), partner_id=response.partner_id, safeguarding_flag=flagged))
    db.session.commit()
    return response
