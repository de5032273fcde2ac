"""The publication schedule at /staff/publications/schedule: who may use it, the next run, and the form."""

import pytest

from surveys.models import ROLES, AuditEvent, PublicationSchedule, db
from surveys.services.report import schedule
from tests.factories import make_partner
from tests.html import banner_text, error_messages, summary_list, title_text

URL = "/staff/publications/schedule"


@pytest.mark.parametrize("role", sorted(ROLES))
def test_only_coproduction_leads_and_admins_may_set_the_schedule(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    allowed = role in ("admin", "coproduction_lead")
    client_request.get(URL, expected_status=200 if allowed else 403)
    client_request.post(URL, {"kind": "termly", "time": "09:00"}, form_url="/staff/",
                        expected_status=302 if allowed else 403)


def test_the_page_shows_the_next_run_and_the_form(client_request):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.get(URL)
    rows = summary_list(page)
    expected = schedule.next_publication_date()
    assert rows["Next publication"].startswith(f"{expected.day} {expected:%B %Y} at 9")
    assert rows["Last scheduled run"] == "Not run yet"
    assert page.select_one("input[name=kind][value=monthly]").has_attr("checked")
    assert page.select_one("input[name=time]")["value"] == "09:00"


def test_saving_a_termly_schedule(client_request):
    lead = client_request.sign_in_as("coproduction_lead")
    page = client_request.post(URL, {"kind": "termly", "time": "14:30"}, follow=True)
    expected = schedule.next_publication_date()
    assert (expected.month in (1, 4, 9), expected.hour, expected.minute) == (True, 14, 30)
    assert f"Schedule saved: next publication {expected.day} {expected:%B %Y} at 2:30pm" in banner_text(page)
    saved = db.session.get(PublicationSchedule, 1)
    assert (saved.kind, saved.hour, saved.minute, saved.updated_by_id) == ("termly", 14, 30, lead.id)
    assert db.session.scalar(db.select(AuditEvent.action).where(AuditEvent.object_type == "PublicationSchedule")) \
        == "publication_schedule.set"
    assert page.select_one("input[name=kind][value=termly]").has_attr("checked")
    assert summary_list(page)["Next publication"].endswith("at 2:30pm")


def test_turning_it_off(client_request):
    client_request.sign_in_as("admin")
    page = client_request.post(URL, {"kind": "off", "time": ""}, follow=True)
    assert "Schedule saved: the tracker is not published on a schedule" in banner_text(page)
    assert summary_list(page)["Next publication"] == "None: the tracker is not published on a schedule"


@pytest.mark.parametrize("data, messages", [
    ({"time": "09:00"}, ["Select how often to publish the tracker"]),
    ({"kind": "weekly", "time": "09:00"}, ["Select how often to publish the tracker"]),
    ({"kind": "monthly", "time": ""}, ["Enter the time to publish, for example 09:00"]),
    ({"kind": "monthly", "time": "25:00"},
     ["Time must be a real time on the 24-hour clock, for example 09:00 or 14:30"]),
    ({"kind": "monthly", "time": "9am"},
     ["Time must be a real time on the 24-hour clock, for example 09:00 or 14:30"]),
])
def test_bad_input_says_what_to_change(client_request, data, messages):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.post(URL, data, expected_status=400)
    assert title_text(page).startswith("Error: ")
    assert error_messages(page) == messages
    assert db.session.get(PublicationSchedule, 1) is None
