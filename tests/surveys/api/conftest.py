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
