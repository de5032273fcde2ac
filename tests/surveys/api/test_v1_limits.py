"""Each token has its own rate limit, and going over it is a 429 problem."""

from surveys import create_app
from surveys.extensions import limiter
from tests.factories import make_api_token, make_user


def test_each_token_is_limited_on_its_own(app, app_context, tmp_path):
    _, first = make_api_token(make_user("analyst"))
    _, second = make_api_token(make_user("analyst"))
    limited = create_app({
        "ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute",
        "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio"),
    })
    try:
        client = limited.test_client()
        with limited.app_context():
            def get(token):
                return client.get("/api/v1/themes", headers={"Authorization": f"Bearer {token}"})

            statuses = [get(first).status_code for _ in range(4)]
            over = get(first)
            other = get(second)
        assert statuses == [200, 200, 200, 429]
        assert over.status_code == 429 and over.content_type == "application/problem+json"
        assert over.get_json()["status"] == 429
        assert other.status_code == 200  # the same address, another token: its own allowance
    finally:
        limiter.reset()
        limiter.enabled = False  # as the testing configuration has it for every other test
