"""The unsubscribe pages a follow-up links to, checked by axe-core (WCAG 2.2 A and AA; axe needs JavaScript on).
The pages need no JavaScript: the test client tests in tests/surveys/services/report/test_followups.py post the form."""

import pytest

from surveys.models import FollowUp, Response, db
from surveys.services.capture.invitations import hash_token
from tests.browser.axe import assert_accessible
from tests.factories import make_survey

TOKEN = "a-test-unsubscribe-token-for-the-browser-test"


@pytest.mark.parametrize("page", [True], ids=["js-on"], indirect=True)
def test_the_unsubscribe_pages_are_accessible(page, live_server, app_context):
    survey = make_survey()
    response = Response(version_id=survey.current_version.id, status="submitted", consent_contact=True,
                        contact_email="parent@example.com")
    db.session.add(response)
    db.session.flush()
    db.session.add(FollowUp(publication_version=2, response_id=response.id, status="sent",
                            unsubscribe_hash=hash_token(TOKEN)))
    db.session.commit()
    page.goto(f"{live_server}/respond/unsubscribe/not-a-token")
    assert_accessible(page)
    page.goto(f"{live_server}/respond/unsubscribe/{TOKEN}")
    assert_accessible(page)
    page.get_by_role("button", name="Stop these messages").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Messages stopped"
    assert_accessible(page)
