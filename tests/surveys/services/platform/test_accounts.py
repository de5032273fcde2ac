"""Creating accounts and loading them for a session."""

import pytest

from surveys.models import db
from surveys.services.demo.people import DEMO_PASSWORD
from surveys.services.platform.accounts import AccountError, create_user, load_user
from tests.factories import make_user


def test_the_published_demo_password_is_refused_outside_development(app_context, app):
    app.config["DEMO_LOGINS_ALLOWED"] = False
    try:
        with pytest.raises(AccountError, match="published"):
            create_user("new@example.org", DEMO_PASSWORD, "viewer")
    finally:
        app.config["DEMO_LOGINS_ALLOWED"] = True
    assert create_user("new@example.org", DEMO_PASSWORD, "viewer").email == "new@example.org"


def test_a_session_id_names_the_user_and_their_generation(app_context):
    user = make_user("viewer")
    assert load_user(user.get_id()) == user
    old = user.get_id()
    user.end_sessions()
    db.session.commit()
    assert load_user(old) is None and load_user(user.get_id()) == user
    assert load_user(str(user.id)) is None  # a session from before generations were kept
    assert load_user("nonsense") is None and load_user("") is None


def test_a_deactivated_user_has_no_session(app_context):
    user = make_user("viewer", active=False)
    assert load_user(user.get_id()) is None
