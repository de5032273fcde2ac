"""Who may read and write what: every role against every endpoint, and a partner lead's token against another
partner's data. The allowed roles are written out here (from the staff pages' rules), not imported, so a change
in either place fails a test."""

import pytest

from surveys.models import ROLES, db
from tests.factories import make_api_token, make_case, make_partner, make_survey, make_user

from .conftest import make_action, make_response

READERS = {
    "/api/v1/surveys": {"coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep"},
    "/api/v1/responses": {"coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep"},
    "/api/v1/comments": {"coproduction_lead", "pcf_rep", "analyst", "viewer"},
    "/api/v1/themes": {"coproduction_lead", "pcf_rep", "analyst", "viewer"},
    "/api/v1/actions": {"coproduction_lead", "partner_lead", "pcf_rep", "analyst", "viewer", "complaints_officer",
                        "safeguarding_lead"},
    "/api/v1/log": {"coproduction_lead", "pcf_rep", "analyst", "partner_lead", "viewer"},
    "/api/v1/publications": {"coproduction_lead", "pcf_rep", "analyst", "viewer"},
    "/api/v1/cases/statistics": {"complaints_officer", "partner_lead", "coproduction_lead", "safeguarding_lead",
                                 "viewer"},
    "/api/v1/dashboard": {"coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep", "complaints_officer"},
}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_reads_what_its_staff_pages_show(api_as, role):
    partner = make_partner()
    _, plain = make_api_token(make_user(role, partner=partner if role in ("partner_lead", "pcf_rep") else None))
    api = api_as(plain)
    for url, roles in READERS.items():
        expected = 200 if role == "admin" or role in roles else 403
        response = api.get(url)
        assert response.status_code == expected, (role, url, response.get_json())
        if expected == 403:
            assert response.content_type == "application/problem+json"


@pytest.mark.parametrize("role, expected", [("admin", 201), ("coproduction_lead", 201), ("partner_lead", 201),
                                            ("pcf_rep", 403), ("analyst", 403), ("viewer", 403),
                                            ("complaints_officer", 403), ("safeguarding_lead", 403)])
def test_who_may_post_action_updates(api_as, role, expected):
    partner = make_partner()
    action = make_action(partner)
    _, plain = make_api_token(make_user(role, partner=partner if role == "partner_lead" else None))
    response = api_as(plain).post(f"/api/v1/actions/{action.id}/updates", json={"body": "Clinic opened"})
    assert response.status_code == expected, response.get_json()


@pytest.mark.parametrize("role, expected", [("admin", 201), ("coproduction_lead", 201), ("partner_lead", 403),
                                            ("analyst", 403), ("viewer", 403), ("pcf_rep", 403)])
def test_who_may_create_invitations(api_as, role, expected):
    survey = make_survey()
    _, plain = make_api_token(make_user(role, partner=make_partner() if role == "partner_lead" else None))
    response = api_as(plain).post("/api/v1/invitations",
                                  json={"survey": survey.id, "invitations": [{"email": "a@example.com"}]})
    assert response.status_code == expected, response.get_json()


@pytest.fixture
def two_partners():
    ours, theirs = make_partner("Council SEND"), make_partner("North ICB")
    survey = make_survey()
    data = {
        "ours": ours, "theirs": theirs,
        "our_action": make_action(ours, "Our action"), "their_action": make_action(theirs, "Their action"),
        "our_response": make_response(survey, ours), "their_response": make_response(survey, theirs),
    }
    make_case(ours), make_case(theirs), make_case(theirs)
    return data


def test_a_partner_leads_token_sees_only_its_partners_data(api_as, two_partners):
    data = two_partners
    _, plain = make_api_token(make_user("partner_lead", partner=data["ours"]))
    api = api_as(plain)
    actions = api.get("/api/v1/actions").get_json()["items"]
    assert [row["action"]["title"] for row in actions] == ["Our action"]
    log = api.get("/api/v1/log").get_json()["items"]
    assert [row["action"]["title"] for row in log] == ["Our action"]
    responses = api.get("/api/v1/responses").get_json()["items"]
    assert [row["id"] for row in responses] == [data["our_response"].id]
    # asking for the other partner by filter finds nothing rather than their rows
    assert api.get(f"/api/v1/actions?partner={data['theirs'].id}").get_json()["items"] == []
    cases = api.get("/api/v1/cases/statistics?from=2026-01-01&to=2026-12-31").get_json()
    assert cases["by_kind"]["total"]["count"] is None  # one case of ours: suppressed, theirs not counted at all
    assert cases["by_kind"]["total"]["text"] == "fewer than 5"


def test_another_partners_action_is_not_found_for_reading_or_writing(api_as, two_partners):
    data = two_partners
    _, plain = make_api_token(make_user("partner_lead", partner=data["ours"]))
    api = api_as(plain)
    assert api.get(f"/api/v1/actions/{data['our_action'].id}").status_code == 200
    assert api.get(f"/api/v1/actions/{data['their_action'].id}").status_code == 404
    response = api.post(f"/api/v1/actions/{data['their_action'].id}/updates", json={"body": "Not ours"})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    db.session.expire_all()
    assert data["their_action"].updates == []


def test_a_reader_sees_every_partner_but_cannot_write(api_as, two_partners):
    _, plain = make_api_token(make_user("analyst"))
    api = api_as(plain)
    titles = {row["action"]["title"] for row in api.get("/api/v1/actions").get_json()["items"]}
    assert titles == {"Our action", "Their action"}
    action_id = two_partners["their_action"].id
    assert api.post(f"/api/v1/actions/{action_id}/updates", json={"body": "x"}).status_code == 403


def test_a_partner_lead_without_a_partner_sees_nothing(api_as, two_partners):
    _, plain = make_api_token(make_user("partner_lead"))
    assert api_as(plain).get("/api/v1/actions").get_json()["items"] == []
