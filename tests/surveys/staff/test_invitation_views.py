"""Staff invitation pages: counts per survey, masked lists, CSV upload with a report, and who may do what."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from surveys.models import AuditEvent, Invitation, Notification, Response, db, utcnow
from surveys.services.capture.invitation_upload import MAX_UPLOAD_BYTES
from surveys.services.platform.notify import send_invitation
from tests.factories import make_invitation, make_partner, make_survey
from tests.html import error_messages, link_hrefs, main_text, table_rows, text_of, title_text

GOOD_AND_BAD = (
    "email,mobile,journey_stage,locality,partner,need_type\n"
    "jane@example.com,,Final EHC plan issued,Eastmoor,,Autism\n"
    "not-an-email,,,,,\n"
    ",07700 900982,final plan,,Nobody,\n"
    "sam@example.com,07700900983,annual review,,,\n"
)


@pytest.fixture
def lead(client_request):
    return client_request.sign_in_as("coproduction_lead")


def upload(client_request, survey_id, content: bytes, filename="people.csv", **expected):
    files = {"file": (io.BytesIO(content), filename)}
    return client_request.post("/staff/invitations/upload", {"survey": str(survey_id)}, files=files, **expected)


def test_the_list_shows_counts_per_survey(client_request, lead):
    survey = make_survey(title="After the final plan")
    for n in range(3):
        invitation, token = make_invitation(survey, contact_email=f"p{n}@example.com")
        send_invitation(invitation, token)
    answered = db.session.scalars(select(Invitation)).first()
    db.session.add(Response(version_id=survey.current_version.id, invitation_id=answered.id, status="submitted"))
    make_invitation(survey)  # not sent
    db.session.commit()
    page = client_request.get("/staff/invitations")
    # invited, sent, not sent, opened, answered, reminded, expired
    assert table_rows(page) == [["After the final plan", "4", "3", "1", "0", "1", "0", "0"]]
    active = page.select_one(".govuk-service-navigation__item--active")
    assert link_hrefs(active) == ["/staff/invitations"]  # the menu marks this area


def test_an_empty_list_says_so(client_request, lead):
    assert "No invitations have been sent yet." in main_text(client_request.get("/staff/invitations"))


def test_the_survey_page_masks_contacts_and_never_shows_tokens(client_request, lead):
    survey = make_survey(title="Annual reviews")
    invitation, token = make_invitation(survey, contact_email="jane.smith@example.com",
                                        contact_phone="+447700900982", journey_stage="annual_review",
                                        partner=make_partner("North ICB", kind="icb"), locality="Eastmoor")
    send_invitation(invitation, token)
    page = client_request.get(f"/staff/invitations/surveys/{survey.id}")
    [row] = table_rows(page)
    assert row[1:6] == ["j***@example.com, 07*** ***982", "Annual review", "Eastmoor", "North ICB", "Sent"]
    html = str(page)
    assert "jane.smith" not in html and "900982" not in html
    assert token not in html and invitation.token_hash not in html


def test_the_survey_page_pages(client_request, lead, monkeypatch):
    from surveys.staff import invitation_views

    monkeypatch.setattr(invitation_views, "PER_PAGE", 2)
    survey = make_survey()
    for _ in range(5):
        make_invitation(survey)
    page = client_request.get(f"/staff/invitations/surveys/{survey.id}?page=3")
    assert len(table_rows(page)) == 1
    assert page.select(".govuk-pagination")
    client_request.get("/staff/invitations/surveys/99999", expected_status=404)


def test_upload_page_is_a_gov_uk_form(client_request, lead):
    make_survey(title="After the final plan")
    page = client_request.get("/staff/invitations/upload")
    form = page.select_one("main form")
    assert form["enctype"] == "multipart/form-data" and form.select('input[type="file"]')
    assert "After the final plan" in [text_of(option) for option in page.select('select[name="survey"] option')]
    assert "Final EHC plan issued" in main_text(page)


def test_upload_invites_good_rows_and_reports_bad_ones_by_line(client_request, lead, app, run_outbox):
    survey = make_survey(title="After the final plan")
    page = upload(client_request, survey.id, GOOD_AND_BAD.encode(), follow=True)
    assert text_of(page.select_one(".govuk-panel__title")) == "2 people invited"
    text = main_text(page)
    assert "Their messages are being sent now, in the background." in text
    assert db.session.scalar(select(func.count(Notification.id))) == 0, "the upload sent nothing itself"
    assert run_outbox()["done"] == 2
    assert db.session.scalar(select(func.count(Notification.id))) == 3
    assert text_of(page.select_one("table caption")) == "2 rows were not imported"
    rows = table_rows(page)
    assert [line for line, _ in rows] == ["3", "4"]
    assert "Enter the email address in the correct format" in rows[0][1] and "no partner called ‘Nobody’" in rows[1][1]
    assert len(db.session.scalars(select(Invitation)).all()) == 2
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "invitations.upload"))
    assert event.user_id == lead.id and event.detail["invited"] == 2


def test_refreshing_the_report_invites_nobody_again(client_request, lead):
    survey = make_survey()
    upload(client_request, survey.id, GOOD_AND_BAD.encode())
    report_url = client_request.response.headers["Location"]
    client_request.get(report_url)
    client_request.get(report_url)
    assert len(db.session.scalars(select(Invitation)).all()) == 2


@pytest.mark.parametrize("content, filename, message", [
    (b"", "people.csv", "The selected file is empty"),
    (b"name\nJane\n", "people.csv", "must have a column called ‘email’ or ‘mobile’"),
    ("email\nfine@example.com\n".encode("utf-16"), "people.csv", "must be saved as ‘CSV UTF-8’"),
    (b"x" * (MAX_UPLOAD_BYTES + 10), "people.csv", "smaller than 5MB"),
    (b"email\na@example.com\n", "people.xlsx", "The selected file must be a CSV"),
])
def test_a_file_that_cannot_be_used_shows_an_error_and_imports_nothing(client_request, lead, content, filename,
                                                                        message):
    survey = make_survey()
    page = upload(client_request, survey.id, content, filename=filename, expected_status=200)
    assert title_text(page).startswith("Error: ")
    [summary] = error_messages(page)
    assert message in summary
    assert db.session.scalars(select(Invitation)).all() == []


def test_no_file_and_no_survey_are_errors(client_request, lead):
    make_survey()
    page = client_request.post("/staff/invitations/upload", {}, expected_status=200)
    assert set(error_messages(page)) == {"Select a CSV file", "Select a survey"}


def test_upload_without_csrf_token_is_refused(client_request, lead):
    survey = make_survey()
    response = client_request.client.post("/staff/invitations/upload", content_type="multipart/form-data", data={
        "survey": str(survey.id), "file": (io.BytesIO(GOOD_AND_BAD.encode()), "people.csv")})
    assert response.status_code == 400
    assert db.session.scalars(select(Invitation)).all() == []


def test_an_inactive_survey_cannot_be_chosen(client_request, lead):
    survey = make_survey(active=False)
    page = upload(client_request, survey.id, GOOD_AND_BAD.encode(), expected_status=200)
    assert error_messages(page) == ["Not a valid choice."]


@pytest.mark.parametrize("role", ["partner_lead", "complaints_officer", "viewer", "pcf_rep"])
def test_other_roles_are_forbidden(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    survey = make_survey()
    for url in ("/staff/invitations", f"/staff/invitations/surveys/{survey.id}", "/staff/invitations/upload"):
        client_request.get(url, expected_status=403)


def test_an_analyst_may_look_but_not_upload_or_send(client_request):
    client_request.sign_in_as("analyst")
    survey = make_survey()
    make_invitation(survey)
    assert "/staff/invitations/upload" not in link_hrefs(client_request.get("/staff/invitations"))
    url = f"/staff/invitations/surveys/{survey.id}"
    assert "Try sending them again" not in main_text(client_request.get(url))
    client_request.get("/staff/invitations/upload", expected_status=403)
    assert client_request.client.get("/staff/invitations/template.csv").status_code == 403
    # The page's only form is the sign-out form: its token is a valid one.
    client_request.post(f"{url}/resend", form_url=url, expected_status=403)


def test_an_admin_may_upload(client_request):
    client_request.sign_in_as("admin")
    survey = make_survey()
    upload(client_request, survey.id, b"email\na@example.com\n")


def test_signed_out_people_are_sent_to_sign_in(client_request):
    client_request.get("/staff/invitations", expected_status=302, expected_redirect="/staff/login")


def test_sending_unsent_invitations_again(client_request, lead, run_outbox):
    survey = make_survey()
    invitation, _ = make_invitation(survey)
    db.session.execute(update(Invitation).values(created_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    url = f"/staff/invitations/surveys/{survey.id}"
    page = client_request.get(url)
    assert "1 invitation has not reached anyone yet." in main_text(page)
    assert f"{url}/resend" in [form["action"] for form in page.select("main form")]
    page = client_request.post(f"{url}/resend", form_url=url, follow=True)
    assert "Sending 1 invitation again" in main_text(page)
    run_outbox()
    db.session.refresh(invitation)
    assert invitation.sent_at is not None


def test_resend_needs_a_csrf_token(client_request, lead):
    survey = make_survey()
    assert client_request.client.post(f"/staff/invitations/surveys/{survey.id}/resend").status_code == 400


def test_the_template_csv_has_the_columns(client_request, lead):
    response = client_request.client.get("/staff/invitations/template.csv")
    assert response.mimetype == "text/csv"
    assert response.get_data(as_text=True).startswith("email,mobile,journey_stage,locality,partner,need_type")


def test_an_unknown_report_is_not_found(client_request, lead):
    client_request.get("/staff/invitations/uploads/99999", expected_status=404)
    other = AuditEvent(action="login", detail={})
    db.session.add(other)
    db.session.commit()
    client_request.get(f"/staff/invitations/uploads/{other.id}", expected_status=404)
