"""Roles and partner scoping: a partner lead sees only their own partner's data."""

import re

from surveys.models import Case, db
from surveys.services.platform.scoping import scoped
from tests.factories import PASSWORD, make_case, make_partner, make_user


def test_partner_lead_cannot_open_another_partners_case(client, login, app_context):
    ours, theirs = make_partner("Council SEND team"), make_partner("North ICB", kind="icb")
    their_case = make_case(partner=theirs)
    our_case = make_case(partner=ours)
    lead = make_user(role="partner_lead", partner=ours)
    login(lead.email, PASSWORD)
    assert client.get(f"/staff/cases/{our_case.id}").status_code == 200
    assert client.get(f"/staff/cases/{their_case.id}").status_code == 404
    assert client.get("/staff/cases/999999").status_code == 404


def test_partner_lead_list_shows_only_their_cases(client, login, app_context):
    ours, theirs = make_partner(), make_partner()
    mine = make_case(partner=ours, reference="YS-MINE01")
    make_case(partner=theirs, reference="YS-THEIR1")
    lead = make_user(role="partner_lead", partner=ours)
    login(lead.email, PASSWORD)
    html = client.get("/staff/cases").get_data(as_text=True)
    assert mine.reference in html
    assert "YS-THEIR1" not in html


def test_complaints_officer_sees_every_partner(client, login, app_context):
    first, second = make_partner(), make_partner()
    make_case(partner=first, reference="YS-FIRST1")
    make_case(partner=second, reference="YS-SECND2")
    officer = make_user(role="complaints_officer")
    login(officer.email, PASSWORD)
    html = client.get("/staff/cases").get_data(as_text=True)
    assert "YS-FIRST1" in html and "YS-SECND2" in html


def test_wrong_role_is_forbidden(client, login, app_context):
    case = make_case()
    analyst = make_user(role="analyst")
    login(analyst.email, PASSWORD)
    assert client.get("/staff/cases").status_code == 403
    assert client.get(f"/staff/cases/{case.id}").status_code == 403


def test_partner_lead_without_partner_sees_nothing(app_context):
    make_case(partner=make_partner())
    orphan = make_user(role="partner_lead")
    assert db.session.scalars(scoped(db.select(Case), Case, orphan)).all() == []


def test_dashboard_counts_are_scoped(client, login, app_context):
    ours, theirs = make_partner(), make_partner()
    make_case(partner=ours)
    make_case(partner=theirs)
    make_case(partner=theirs)
    lead = make_user(role="partner_lead", partner=ours)
    login(lead.email, PASSWORD)
    html = client.get("/staff/").get_data(as_text=True)
    assert re.search(r'<dd class="govuk-summary-list__value">\s*1\s*</dd>', html)


def test_menu_shows_only_pages_the_role_can_open(client, login, app_context):
    lead = make_user(role="partner_lead", partner=make_partner())
    login(lead.email, PASSWORD)
    html = client.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/cases"' in html
    assert 'href="/staff/themes"' not in html and 'href="/staff/surveys"' not in html
