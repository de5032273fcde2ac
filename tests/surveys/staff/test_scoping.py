"""Roles and partner scoping: a partner lead sees only their own partner's data."""

from surveys.models import Case, db
from surveys.services.platform.scoping import scoped
from tests.factories import make_case, make_partner, make_user
from tests.html import link_hrefs, summary_list


def listed(page) -> list[str]:
    """The case references in the case list."""
    return [row.select_one("td a").get_text(strip=True) for row in page.select("table tbody tr")]


def test_partner_lead_cannot_open_another_partners_case(client_request):
    ours, theirs = make_partner("Council SEND team"), make_partner("North ICB", kind="icb")
    their_case = make_case(partner=theirs)
    our_case = make_case(partner=ours)
    client_request.sign_in_as("partner_lead", ours)
    client_request.get(f"/staff/cases/{our_case.id}")
    client_request.get(f"/staff/cases/{their_case.id}", expected_status=404)
    client_request.get("/staff/cases/999999", expected_status=404)


def test_partner_lead_list_shows_only_their_cases(client_request):
    ours, theirs = make_partner(), make_partner()
    mine = make_case(partner=ours, reference="YS-MINE01")
    make_case(partner=theirs, reference="YS-THEIR1")
    client_request.sign_in_as("partner_lead", ours)
    assert listed(client_request.get("/staff/cases")) == [mine.reference]


def test_complaints_officer_sees_every_partner(client_request):
    first, second = make_partner(), make_partner()
    make_case(partner=first, reference="YS-FIRST1")
    make_case(partner=second, reference="YS-SECND2")
    client_request.sign_in_as("complaints_officer")
    assert sorted(listed(client_request.get("/staff/cases"))) == ["YS-FIRST1", "YS-SECND2"]


def test_wrong_role_is_forbidden(client_request):
    case = make_case()
    client_request.sign_in_as("analyst")
    client_request.get("/staff/cases", expected_status=403)
    client_request.get(f"/staff/cases/{case.id}", expected_status=403)


def test_partner_lead_without_partner_sees_nothing(app_context):
    make_case(partner=make_partner())
    orphan = make_user(role="partner_lead")
    assert db.session.scalars(scoped(db.select(Case), Case, orphan)).all() == []


def test_dashboard_counts_are_scoped(client_request):
    ours, theirs = make_partner(), make_partner()
    make_case(partner=ours)
    make_case(partner=theirs)
    make_case(partner=theirs)
    client_request.sign_in_as("partner_lead", ours)
    assert summary_list(client_request.get("/staff/"))["Open"] == "1"


def test_menu_shows_only_pages_the_role_can_open(client_request):
    client_request.sign_in_as("partner_lead", make_partner())
    menu = link_hrefs(client_request.get("/staff/").select_one(".govuk-service-navigation"))
    assert "/staff/cases" in menu
    assert "/staff/themes" not in menu and "/staff/surveys" not in menu
