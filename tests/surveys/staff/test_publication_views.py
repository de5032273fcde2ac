"""Publications at /staff/publications: who may see and do what, approving, previewing, publishing, rolling back."""

import pytest
from sqlalchemy import select

from surveys.models import Approval, Publication, db
from surveys.publish_steps import publish_now
from tests.factories import make_partner
from tests.html import banner_text, error_messages, h1_text, main_text, table_rows, text_of, title_text
from tests.surveys.services.report.publication_helpers import approve_everything, public_action, public_theme

READ = {"admin", "coproduction_lead", "pcf_rep", "analyst", "viewer"}
PUBLISH = {"admin", "coproduction_lead"}
APPROVE = {"admin", "coproduction_lead", "pcf_rep"}
ROLES = ("admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "complaints_officer",
         "safeguarding_lead", "viewer")


@pytest.fixture
def theme(app_context):
    made = public_theme("Waiting for CAMHS")
    public_action(made, "Open a CAMHS front door")
    return made


def live_versions() -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(select(Publication.version).where(Publication.status == "live")))


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client_request, theme, role):
    approve_everything()
    publish_now()
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    seen = 200 if role in READ else 403
    for url in ("/staff/publications", "/staff/publications/preview", "/staff/publications/v/1",
                f"/staff/publications/entries/theme/{theme.id}", "/staff/publications/compare?older=1&newer=1"):
        client_request.get(url, expected_status=seen)
    client_request.post("/staff/publications/publish", form_url="/staff/",
                        expected_status=302 if role in PUBLISH else 403)
    client_request.post("/staff/publications/v/1/roll-back", form_url="/staff/",
                        expected_status=302 if role in PUBLISH else 403)  # version 2 is live by then


def test_what_waits_for_whose_approval(client_request, theme):
    client_request.sign_in_as("pcf_rep")
    page = client_request.get("/staff/publications")
    assert h1_text(page) == "Publications"
    rows = table_rows(page, "#waiting-table")
    assert [row[:3] for row in rows] == [
        ["Theme: Waiting for CAMHS", "Waiting for CAMHS", "Partnership lead and Parent carer forum"],
        ["Action: Open a CAMHS front door", "Waiting for CAMHS", "Partnership lead and Parent carer forum"]]
    assert text_of(page.select_one("#ready-count")).startswith("0 entries are approved")


def test_approving_from_the_list_and_then_the_other_side(client_request, theme):
    client_request.sign_in_as("pcf_rep")
    page = client_request.get("/staff/publications")
    form = page.select_one("#waiting-table form")
    client_request.post(form["action"], {"fingerprint": form.select_one("[name=fingerprint]")["value"],
                                         "approve": "Approve"}, form_url="/staff/publications",
                        expected_redirect="/staff/publications")
    page = client_request.get("/staff/publications")
    assert "Theme ‘Waiting for CAMHS’ approved" in banner_text(page)
    assert table_rows(page, "#waiting-table")[0][2] == "Partnership lead"
    assert not table_rows(page, "#waiting-table")[0][3].startswith("Approve")  # nothing left for this side


def test_a_dissent_needs_a_note_and_is_kept(client_request, theme):
    client_request.sign_in_as("pcf_rep")
    url = f"/staff/publications/entries/theme/{theme.id}"
    page = client_request.get(url)
    fingerprint = page.select_one("[name=fingerprint]")["value"]
    page = client_request.post(url, {"fingerprint": fingerprint, "dissent": "x"}, expected_status=400)
    assert error_messages(page) == ["Enter a note saying why you do not approve"]
    assert title_text(page).startswith("Error: ")
    client_request.post(url, {"fingerprint": fingerprint, "dissent": "x", "note": "Show the waits."})
    page = client_request.get(url)
    assert "did not approve" in text_of(page.select_one("#decision-list"))
    assert "Note of dissent: Show the waits." in text_of(page.select_one("#decision-list"))
    assert db.session.scalar(select(Approval.note)) == "Show the waits."


def test_approving_words_that_changed_meanwhile_is_refused(client_request, theme):
    client_request.sign_in_as("coproduction_lead")
    url = f"/staff/publications/entries/theme/{theme.id}"
    fingerprint = client_request.get(url).select_one("[name=fingerprint]")["value"]
    theme.description = "Changed words."
    db.session.commit()
    client_request.post(url, {"fingerprint": fingerprint, "approve": "Approve"}, expected_status=409)


def test_readers_cannot_approve(client_request, theme):
    client_request.sign_in_as("analyst")
    url = f"/staff/publications/entries/theme/{theme.id}"
    page = client_request.get(url)
    assert page.select_one("[name=fingerprint]") is None
    client_request.post(url, {"fingerprint": "x", "approve": "Approve"}, form_url="/staff/", expected_status=403)


def test_preview_shows_what_would_be_published_and_what_is_held_back(client_request, theme):
    approve_everything()
    public_theme("Transport")
    client_request.sign_in_as("viewer")
    page = client_request.get("/staff/publications/preview")
    assert h1_text(page) == "Preview of the next version (1)"
    assert [text_of(h) for h in page.select("section h2")] == ["Waiting for CAMHS"]
    assert "Theme ‘Transport’: waiting for approval." in text_of(page.select_one("#held-back-list"))
    assert "Co-produced with the parent carer forum" in main_text(page)


def test_publish_now_and_roll_back(client_request, theme):
    approve_everything()
    client_request.sign_in_as("coproduction_lead")
    client_request.post("/staff/publications/publish", form_url="/staff/publications",
                        expected_redirect="/staff/publications")
    client_request.post("/staff/publications/publish", form_url="/staff/publications")
    assert live_versions() == [2]
    page = client_request.get("/staff/publications")
    assert "Version 2 is live" in banner_text(page)
    assert [row[:2] for row in table_rows(page, "#history-table")] == [["Version 2", "Live"],
                                                                       ["Version 1", "Replaced"]]
    page = client_request.get("/staff/publications/v/1")
    client_request.post("/staff/publications/v/1/roll-back", form_url="/staff/publications/v/1")
    assert live_versions() == [3]
    page = client_request.get("/staff/publications")
    assert "Version 3 is live, with the content of version 1" in banner_text(page)


def test_publish_now_with_nothing_approved_says_why(client_request, theme):
    client_request.sign_in_as("admin")
    page = client_request.post("/staff/publications/publish", form_url="/staff/publications", expected_status=400)
    assert "no theme is approved by both" in main_text(page)
    assert live_versions() == []


def test_compare_two_versions(client_request, theme):
    approve_everything()
    publish_now()
    public_theme("Transport")
    approve_everything()
    publish_now()
    client_request.sign_in_as("analyst")
    page = client_request.get("/staff/publications")
    assert page.select_one("select#older option[selected]")["value"] == "1"
    page = client_request.get("/staff/publications/compare?older=1&newer=2")
    assert h1_text(page) == "What changed from version 1 to version 2"
    assert text_of(page.select_one("#added-themes + ul")) == "Transport"
    client_request.get("/staff/publications/compare?older=1", expected_status=400)
    client_request.get("/staff/publications/compare?older=1&newer=9", expected_status=404)
