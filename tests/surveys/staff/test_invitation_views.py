"""Staff invitation pages: counts per survey, masked lists, CSV upload with a report, and who may do what."""

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from surveys.models import AuditEvent, Invitation, Response, db, utcnow
from surveys.services.capture.invitations import MAX_UPLOAD_BYTES
from surveys.services.platform.notify import send_invitation
from tests.factories import PASSWORD, make_invitation, make_partner, make_survey, make_user
from tests.html import check_page, csrf_token_from

GOOD_AND_BAD = (
    "email,mobile,journey_stage,locality,partner,need_type\n"
    "jane@example.com,,Final EHC plan issued,Eastmoor,,Autism\n"
    "not-an-email,,,,,\n"
    ",07700 900982,final plan,,Nobody,\n"
    "sam@example.com,07700900983,annual review,,,\n"
)


@pytest.fixture
def lead(client, login, app_context):
    user = make_user(role="coproduction_lead")
    login(user.email, PASSWORD)
    return user


def upload(client, survey_id, content: bytes, filename="people.csv", token=None):
    page = client.get("/staff/invitations/upload").get_data(as_text=True)
    data = {"survey": str(survey_id), "file": (io.BytesIO(content), filename)}
    if token is not False:
        data["csrf_token"] = token or csrf_token_from(page)
    return client.post("/staff/invitations/upload", data=data, content_type="multipart/form-data")


def test_the_list_shows_counts_per_survey(client, lead):
    survey = make_survey(title="After the final plan")
    for n in range(3):
        invitation, token = make_invitation(survey, contact_email=f"p{n}@example.com")
        send_invitation(invitation, token)
    answered = db.session.scalars(select(Invitation)).first()
    db.session.add(Response(version_id=survey.current_version.id, invitation_id=answered.id, status="submitted"))
    make_invitation(survey)  # not sent
    db.session.commit()
    response = client.get("/staff/invitations")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "After the final plan" in html
    cells = [c.split("</td>")[0] for c in html.split('govuk-table__cell--numeric">')[1:]]
    assert cells == ["4", "3", "1", "0", "1", "0", "0"]  # invited, sent, not sent, opened, answered, reminded, expired
    active = re.search(r'item--active">\s*<a class="govuk-service-navigation__link" href="([^"]+)"', html)
    assert active.group(1) == "/staff/invitations"  # the menu marks this area


def test_an_empty_list_says_so(client, lead):
    html = client.get("/staff/invitations").get_data(as_text=True)
    check_page(html)
    assert "No invitations have been sent yet." in html


def test_the_survey_page_masks_contacts_and_never_shows_tokens(client, lead):
    survey = make_survey(title="Annual reviews")
    invitation, token = make_invitation(survey, contact_email="jane.smith@example.com",
                                        contact_phone="+447700900982", journey_stage="annual_review",
                                        partner=make_partner("North ICB", kind="icb"), locality="Eastmoor")
    send_invitation(invitation, token)
    response = client.get(f"/staff/invitations/surveys/{survey.id}")
    html = response.get_data(as_text=True)
    check_page(html)
    assert "j***@example.com" in html and "07*** ***982" in html
    assert "jane.smith" not in html and "900982" not in html
    assert token not in html and invitation.token_hash not in html
    assert "Annual review" in html and "Eastmoor" in html and "North ICB" in html and "Sent" in html


def test_the_survey_page_pages(client, lead, monkeypatch):
    from surveys.staff import invitation_views

    monkeypatch.setattr(invitation_views, "PER_PAGE", 2)
    survey = make_survey()
    for _ in range(5):
        make_invitation(survey)
    html = client.get(f"/staff/invitations/surveys/{survey.id}?page=3").get_data(as_text=True)
    check_page(html)
    assert html.count('<tr class="govuk-table__row">') == 2  # header row and one invitation
    assert "govuk-pagination" in html
    assert client.get("/staff/invitations/surveys/99999").status_code == 404


def test_upload_page_is_a_gov_uk_form(client, lead):
    make_survey(title="After the final plan")
    response = client.get("/staff/invitations/upload")
    html = response.get_data(as_text=True)
    check_page(html)
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert "After the final plan" in html and "Final EHC plan issued" in html


def test_upload_invites_good_rows_and_reports_bad_ones_by_line(client, lead, app):
    survey = make_survey(title="After the final plan")
    response = upload(client, survey.id, GOOD_AND_BAD.encode())
    assert response.status_code == 302
    report_url = response.headers["Location"]
    html = client.get(report_url).get_data(as_text=True)
    check_page(html)
    assert "2 people invited" in html
    assert "3 messages sent." in html
    assert "2 rows were not imported" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>' in html
    assert "Enter the email address in the correct format" in html and "no partner called ‘Nobody’" in html
    assert len(db.session.scalars(select(Invitation)).all()) == 2
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "invitations.upload"))
    assert event.user_id == lead.id and event.detail["invited"] == 2


def test_refreshing_the_report_invites_nobody_again(client, lead):
    survey = make_survey()
    report_url = upload(client, survey.id, GOOD_AND_BAD.encode()).headers["Location"]
    client.get(report_url)
    client.get(report_url)
    assert len(db.session.scalars(select(Invitation)).all()) == 2


@pytest.mark.parametrize("content, filename, message", [
    (b"", "people.csv", "The selected file is empty"),
    (b"name\nJane\n", "people.csv", "must have a column called ‘email’ or ‘mobile’"),
    ("email\nJos\xe9@example.com\n".encode("cp1252"), "people.csv", "must be saved as ‘CSV UTF-8’"),
    (b"x" * (MAX_UPLOAD_BYTES + 10), "people.csv", "smaller than 5 MB"),
    (b"email\na@example.com\n", "people.xlsx", "The selected file must be a CSV"),
])
def test_a_file_that_cannot_be_used_shows_an_error_and_imports_nothing(client, lead, content, filename, message):
    survey = make_survey()
    response = upload(client, survey.id, content, filename=filename)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "<title>Error: " in html and "govuk-error-summary" in html
    assert message in html
    assert db.session.scalars(select(Invitation)).all() == []


def test_no_file_and_no_survey_are_errors(client, lead):
    make_survey()
    page = client.get("/staff/invitations/upload").get_data(as_text=True)
    response = client.post("/staff/invitations/upload", data={"csrf_token": csrf_token_from(page)})
    html = response.get_data(as_text=True)
    assert "Select a CSV file" in html and "Select a survey" in html


def test_upload_without_csrf_token_is_refused(client, lead):
    survey = make_survey()
    response = upload(client, survey.id, GOOD_AND_BAD.encode(), token=False)
    assert response.status_code == 400
    assert db.session.scalars(select(Invitation)).all() == []


def test_an_inactive_survey_cannot_be_chosen(client, lead):
    survey = make_survey(active=False)
    response = upload(client, survey.id, GOOD_AND_BAD.encode())
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["partner_lead", "complaints_officer", "viewer", "pcf_rep"])
def test_other_roles_are_forbidden(client, login, app_context, role):
    partner = make_partner() if role == "partner_lead" else None
    user = make_user(role=role, partner=partner)
    login(user.email, PASSWORD)
    survey = make_survey()
    for url in ("/staff/invitations", f"/staff/invitations/surveys/{survey.id}", "/staff/invitations/upload"):
        assert client.get(url).status_code == 403


def test_an_analyst_may_look_but_not_upload_or_send(client, login, app_context):
    analyst = make_user(role="analyst")
    login(analyst.email, PASSWORD)
    survey = make_survey()
    make_invitation(survey)
    html = client.get("/staff/invitations").get_data(as_text=True)
    assert "Upload people to invite" not in html
    page = client.get(f"/staff/invitations/surveys/{survey.id}").get_data(as_text=True)
    assert "Try sending them again" not in page
    assert client.get("/staff/invitations/upload").status_code == 403
    assert client.get("/staff/invitations/template.csv").status_code == 403
    token = csrf_token_from(page)  # the sign-out form's token: a valid one
    assert client.post(f"/staff/invitations/surveys/{survey.id}/resend", data={"csrf_token": token}).status_code == 403


def test_an_admin_may_upload(client, login, app_context):
    admin = make_user(role="admin")
    login(admin.email, PASSWORD)
    survey = make_survey()
    assert upload(client, survey.id, b"email\na@example.com\n").status_code == 302


def test_signed_out_people_are_sent_to_sign_in(client, app_context):
    response = client.get("/staff/invitations")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_sending_unsent_invitations_again(client, lead):
    survey = make_survey()
    invitation, _ = make_invitation(survey)
    db.session.execute(update(Invitation).values(created_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    page = client.get(f"/staff/invitations/surveys/{survey.id}").get_data(as_text=True)
    check_page(page)
    assert "1 invitation has not reached anyone yet." in page
    response = client.post(f"/staff/invitations/surveys/{survey.id}/resend", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    db.session.refresh(invitation)
    assert invitation.sent_at is not None
    assert "Sent 1 invitation" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_resend_needs_a_csrf_token(client, lead):
    survey = make_survey()
    assert client.post(f"/staff/invitations/surveys/{survey.id}/resend").status_code == 400


def test_the_template_csv_has_the_columns(client, lead):
    response = client.get("/staff/invitations/template.csv")
    assert response.mimetype == "text/csv"
    assert response.get_data(as_text=True).startswith("email,mobile,journey_stage,locality,partner,need_type")


def test_an_unknown_report_is_not_found(client, lead):
    assert client.get("/staff/invitations/uploads/99999").status_code == 404
    other = AuditEvent(action="login", detail={})
    db.session.add(other)
    db.session.commit()
    assert client.get(f"/staff/invitations/uploads/{other.id}").status_code == 404
