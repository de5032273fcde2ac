"""Writing: invitations in bulk (the upload's checks, all or nothing, a report by item) and action updates, each
in the audit log; no CSRF token needed for token requests."""

from surveys.models import AuditEvent, Invitation, Notification, db
from tests.factories import make_api_token, make_invitation, make_partner, make_survey, make_user

from .conftest import make_action


def _lead(api_as, role="coproduction_lead", partner=None):
    return api_as(make_api_token(make_user(role, partner=partner))[1])


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_bulk_invitations_are_created_sent_and_audited(api_as, run_outbox):
    survey = make_survey()
    partner = make_partner("North ICB")
    response = _lead(api_as).post("/api/v1/invitations", json={"survey": survey.id, "invitations": [
        {"email": "one@example.com", "journey_stage": "Final EHC plan issued", "partner": "north icb",
         "locality": "North"},
        {"mobile": "07700 900 982", "need_type": "Autism"},
    ]})
    assert response.status_code == 201, response.get_json()
    assert response.get_json() == {"survey": survey.id, "invited": 2, "messages_queued": 2}
    run_outbox()
    invitations = db.session.scalars(db.select(Invitation).order_by(Invitation.id)).all()
    assert [(i.contact_email, i.contact_phone) for i in invitations] == [("one@example.com", None),
                                                                          (None, "+447700900982")]
    assert invitations[0].journey_stage == "final_plan" and invitations[0].partner_id == partner.id
    assert _count(Notification) == 2
    events = {event.action: event for event in db.session.scalars(db.select(AuditEvent))}
    assert events["invitations.api"].detail["invited"] == 2
    assert "one@example.com" not in str(events["invitations.api"].detail)
    assert events["api.invitations"].detail["invited"] == 2


def test_one_bad_item_creates_nothing_and_every_problem_is_reported(api_as):
    survey = make_survey()
    make_invitation(survey, contact_email="already@example.com")
    before = _count(Invitation)
    response = _lead(api_as).post("/api/v1/invitations", json={"survey": survey.id, "invitations": [
        {"email": "fine@example.com"},
        {"email": "not-an-email"},
        {"email": "fine@example.com"},
        {"email": "already@example.com"},
        {"partner": "Nobody", "email": "x@example.com"},
        {},
    ]})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    body = response.get_json()
    assert "No invitation was created" in body["detail"]
    assert [(item["index"], item["problem"]) for item in body["items"]] == [
        (1, "Enter the email address in the correct format, like name@example.com"),
        (2, "Same email address as line 0"),
        (3, "This email address has already been invited to this survey"),
        (4, "There is no partner called ‘Nobody’"),
        (5, "Enter an email address or a mobile number"),
    ]
    assert [error["name"] for error in body["errors"]] == [f"invitations.{n}" for n in range(1, 6)]
    assert _count(Invitation) == before and _count(Notification) == 0


def test_a_body_that_breaks_the_schema_is_422_by_field(api_as):
    response = _lead(api_as).post("/api/v1/invitations", json={"survey": "x", "invitations": [{"fax": "1"}]})
    assert response.status_code == 422
    names = {error["name"] for error in response.get_json()["errors"]}
    assert {"survey", "invitations.0.fax"} <= names


def test_an_unknown_survey_is_404(api_as):
    response = _lead(api_as).post("/api/v1/invitations", json={"survey": 999, "invitations": [{"email": "a@b.co"}]})
    assert response.status_code == 404 and response.get_json()["detail"] == "There is no survey with that id."


def test_a_closed_survey_takes_no_invitations(api_as):
    survey = make_survey(active=False)
    response = _lead(api_as).post("/api/v1/invitations", json={"survey": survey.id,
                                                                "invitations": [{"email": "a@example.com"}]})
    assert response.status_code == 409 and "closed" in response.get_json()["detail"]
    assert _count(Invitation) == 0


def test_posting_an_update_changes_status_and_is_audited(api_as):
    partner = make_partner()
    action = make_action(partner, status="in_progress")
    api = _lead(api_as, "partner_lead", partner)
    response = api.post(f"/api/v1/actions/{action.id}/updates",
                        json={"body": "Clinic opened", "status": "completed"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["update"]["body"] == "Clinic opened" and body["update"]["status"] == "completed"
    assert body["action"]["status"] == "completed"
    db.session.expire_all()
    assert action.status == "completed" and action.completed_on is not None
    actions = [event.action for event in db.session.scalars(db.select(AuditEvent))]
    assert "api.action_update" in actions


def test_an_update_breaking_the_rules_says_why_and_changes_nothing(api_as):
    action = make_action(make_partner())
    api = _lead(api_as)
    response = api.post(f"/api/v1/actions/{action.id}/updates", json={"body": "Stopped", "status": "changed"})
    assert response.status_code == 400
    assert response.get_json()["errors"] == [{"in": "body", "name": "status_reason",
                                              "detail": "Enter why the action changed"}]
    response = api.post(f"/api/v1/actions/{action.id}/updates", json={"body": "  "})
    assert response.status_code == 400
    db.session.expire_all()
    assert action.updates == [] and action.status == "in_progress"
    assert api.post("/api/v1/actions/999999/updates", json={"body": "x"}).status_code == 404


def test_token_writes_need_no_csrf_token_but_cookies_do_not_authenticate(client_request, api_as):
    action = make_action(make_partner())
    client_request.sign_in_as("coproduction_lead")
    cookie_only = client_request.client.post(f"/api/v1/actions/{action.id}/updates", json={"body": "x"})
    assert cookie_only.status_code == 401
    assert _lead(api_as).post(f"/api/v1/actions/{action.id}/updates", json={"body": "x"}).status_code == 201
