"""Staff safeguarding pages: the queue, one flagged comment with its words, recording a review; who may see them."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from surveys.models import AuditEvent, Comment, Response, StaffNote, db, utcnow
from surveys.services.understand.safeguarding import REVIEW_OUTCOMES
from tests.factories import make_case, make_comment, make_partner, make_survey, make_user
from tests.html import (
    banner_text,
    error_messages,
    field_names,
    link_hrefs,
    main_text,
    table_rows,
    text_of,
    title_text,
)

RAW = "Sam said his dad hits him and he is scared to go home. Call me on 07700 900123."


@pytest.fixture
def lead(client_request):
    return client_request.sign_in_as("safeguarding_lead")


def flagged(raw_text: str = RAW, **fields) -> Comment:
    return make_comment(raw_text, safeguarding_flag=True, safeguarding_reason="physical harm", **fields)


def post_review(client_request, comment_id, data, **expected):
    return client_request.post(f"/staff/safeguarding/{comment_id}", data, **expected)


def audit_actions(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# --- The queue ------------------------------------------------------------------------------------------------


def test_queue_lists_awaiting_oldest_first_then_reviewed_without_the_words(client_request, lead):
    now = utcnow()
    newer = flagged("newer words", received_at=now - timedelta(hours=2))
    older = flagged("older words", received_at=now - timedelta(days=3))
    done = flagged("reviewed words", received_at=now - timedelta(days=10))
    make_comment("not flagged words")
    post_review(client_request, done.id, {"outcome": "referred", "note": ""})

    page = client_request.get("/staff/safeguarding")
    awaiting, reviewed = page.select("main table")
    assert [row[0] for row in table_rows(awaiting)] == [f"Comment {older.id}", f"Comment {newer.id}"]
    assert [row[0] for row in table_rows(reviewed)] == [f"Comment {done.id}"]
    assert text_of(awaiting.find_previous("h2")) == "Awaiting review"
    assert text_of(reviewed.find_previous("h2")) == "Reviewed"
    plain = main_text(page)
    assert "3 days ago" in plain and "2 hours ago" in plain
    assert REVIEW_OUTCOMES["referred"] in text_of(reviewed)
    for words in ("newer words", "older words", "reviewed words", "not flagged words", "Sam"):
        assert words not in str(page)
    assert "No alert yet" in text_of(awaiting)
    assert link_hrefs(awaiting, f"Comment {older.id}") == [f"/staff/safeguarding/{older.id}"]


def test_empty_queue_and_no_one_to_alert(client_request, app, monkeypatch):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "")
    make_user("safeguarding_lead", active=False)  # the only safeguarding lead has left: no one would be emailed
    client_request.sign_in_as("admin")
    plain = main_text(client_request.get("/staff/safeguarding"))
    assert "There are no flagged comments waiting for review" in plain
    assert "SAFEGUARDING_CONTACT_EMAIL" in plain


def test_queue_is_marked_in_the_menu_and_never_cached(client_request, lead):
    page = client_request.get("/staff/safeguarding")
    assert client_request.response.headers["Cache-Control"] == "no-store"
    assert link_hrefs(page.select_one(".govuk-service-navigation__item--active")) == ["/staff/safeguarding"]


# --- One flagged comment -------------------------------------------------------------------------------------------


def test_comment_page_shows_the_words_and_where_they_came_from_and_audits_it(client_request, lead):
    partner = make_partner("North Exampleshire ICB")
    case = make_case(partner=partner, details=RAW, contact_name="Alex Parent", contact_email="alex@example.com",
                     contact_phone="07700 900123")
    comment = flagged(source="case", case_id=case.id, partner_id=partner.id, locality="Northtown",
                      journey_stage="annual_review", received_at=datetime(2026, 3, 3, 14, 15, tzinfo=UTC))

    page = client_request.get(f"/staff/safeguarding/{comment.id}")
    assert client_request.response.headers["Cache-Control"] == "no-store"
    plain = main_text(page)
    assert "Sam said his dad hits him" in plain
    assert "physical harm" in plain and "3 March 2026 at 2:15pm" in plain
    for shown in ("North Exampleshire ICB", "Northtown", "Annual review", case.reference, "Alex Parent",
                  "alex@example.com", "Compliment, comment or complaint"):
        assert shown in plain, shown
    assert f"/staff/cases/{case.id}" in link_hrefs(page)
    assert {"outcome", "note"} <= field_names(page)

    events = audit_actions("view_raw_text")
    assert [(e.user_id, e.object_type, e.object_id) for e in events] == [(lead.id, "Comment", str(comment.id))]
    client_request.get(f"/staff/safeguarding/{comment.id}")
    assert len(audit_actions("view_raw_text")) == 2  # every reading


def test_survey_comment_shows_contact_details_only_with_consent(client_request, lead):
    survey = make_survey(title="After your annual review")
    question = survey.current_version.questions[1]
    consented = Response(version=survey.current_version, status="submitted", submitted_at=utcnow(),
                         consent_contact=True, contact_email="carer@example.com")
    refused = Response(version=survey.current_version, status="submitted", submitted_at=utcnow(),
                       consent_contact=False)
    db.session.add_all([consented, refused])
    db.session.commit()
    with_consent = flagged(source="survey", response_id=consented.id)
    without = flagged(source="survey", response_id=refused.id)

    plain = main_text(client_request.get(f"/staff/safeguarding/{with_consent.id}"))
    assert "carer@example.com" in plain and "After your annual review" in plain
    assert "No, by an open link" in plain
    plain = main_text(client_request.get(f"/staff/safeguarding/{without.id}"))
    assert "They did not agree to be contacted" in plain
    assert question.prompt not in plain  # no answer linked, so no question shown


def test_alerts_are_listed_on_the_comment_page(client_request, app, lead, monkeypatch, tmp_path, run_outbox):
    from surveys.services.understand import safeguarding

    monkeypatch.setitem(app.config, "OUTBOX_DIR", str(tmp_path))
    comment = flagged()
    safeguarding.queue_alerts(comment)
    db.session.commit()
    run_outbox()
    plain = main_text(client_request.get(f"/staff/safeguarding/{comment.id}"))
    assert f"Written to a file in the outbox folder for {lead.email}, not emailed" in plain


def test_recording_a_review(client_request, lead):
    comment = flagged()
    post_review(client_request, comment.id, {"outcome": "no_concern", "note": "Spoke to the school."},
                expected_redirect="/staff/safeguarding")
    assert f"Review of comment {comment.id} recorded" in banner_text(client_request.get("/staff/safeguarding"))

    db.session.expire_all()
    saved = db.session.get(Comment, comment.id)
    assert saved.safeguarding_flag is True
    assert saved.safeguarding_reviewed_by_id == lead.id and saved.safeguarding_reviewed_at is not None
    [event] = audit_actions("safeguarding_review")
    assert event.detail["outcome"] == "no_concern" and "Spoke" not in str(event.detail)
    assert db.session.get(StaffNote, event.detail["note_id"]).text == "Spoke to the school."
    assert (event.user_id, event.object_id) == (lead.id, str(comment.id))

    plain = main_text(client_request.get(f"/staff/safeguarding/{comment.id}"))
    assert "Reviewed: no safeguarding concern" in plain and "Spoke to the school." in plain
    assert "Record another review" in plain


@pytest.mark.parametrize(("data", "message"), [
    ({"note": "no outcome chosen"}, "Select what you did"),
    ({"outcome": "forgotten"}, "Select what you did"),
    ({"outcome": "referred", "note": "x" * 2001}, "Notes must be 2,000 characters or fewer"),
])
def test_review_errors_are_summarised(client_request, lead, data, message):
    comment = flagged()
    page = post_review(client_request, comment.id, data, expected_status=200)
    assert error_messages(page) == [message]
    assert title_text(page).startswith("Error:")
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None
    assert audit_actions("safeguarding_review") == []


def test_review_without_csrf_token_is_refused(client_request, lead):
    comment = flagged()
    response = client_request.client.post(f"/staff/safeguarding/{comment.id}", data={"outcome": "referred"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None


def test_unflagged_or_missing_comment_is_404(client_request, lead):
    plain = make_comment("The annual review was late.")
    client_request.get(f"/staff/safeguarding/{plain.id}", expected_status=404)
    client_request.get("/staff/safeguarding/999999", expected_status=404)
    assert audit_actions("view_raw_text") == []


# --- Who may see it ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "complaints_officer", "partner_lead", "analyst",
                                  "pcf_rep"])
def test_other_roles_are_refused(client_request, role):
    comment = flagged()
    client_request.sign_in_as(role)
    client_request.get("/staff/safeguarding", expected_status=403)
    client_request.get(f"/staff/safeguarding/{comment.id}", expected_status=403)
    client_request.post(f"/staff/safeguarding/{comment.id}", {"outcome": "referred"}, expected_status=403,
                        form_url="/staff/")  # the sign-out form's token: a valid one
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None
    assert audit_actions("view_raw_text") == []


def test_admin_may_review(client_request):
    comment = flagged()
    admin = client_request.sign_in_as("admin")
    assert "Sam said his dad" in main_text(client_request.get(f"/staff/safeguarding/{comment.id}"))
    post_review(client_request, comment.id, {"outcome": "already_known"})
    assert audit_actions("safeguarding_review")[0].user_id == admin.id


def test_signed_out_people_are_sent_to_sign_in(client_request):
    comment = flagged()
    for url in ("/staff/safeguarding", f"/staff/safeguarding/{comment.id}"):
        client_request.get(url, expected_status=302, expected_redirect="/staff/login")
