"""Staff safeguarding pages: the queue, one flagged comment with its words, recording a review; who may see them."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from surveys.models import AuditEvent, Comment, Response, db, utcnow
from surveys.services.understand.safeguarding import REVIEW_OUTCOMES
from tests.factories import PASSWORD, make_case, make_comment, make_partner, make_survey, make_user
from tests.html import check_page, csrf_token_from

RAW = "Sam said his dad hits him and he is scared to go home. Call me on 07700 900123."


def signed_in_as(login, role):
    user = make_user(role)
    login(user.email, PASSWORD)
    return user


@pytest.fixture
def lead(client, login, app_context):
    return signed_in_as(login, "safeguarding_lead")


def flagged(raw_text: str = RAW, **fields) -> Comment:
    return make_comment(raw_text, safeguarding_flag=True, safeguarding_reason="physical harm", **fields)


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    check_page(html)
    return html


def post_review(client, comment_id, data):
    url = f"/staff/safeguarding/{comment_id}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def audit_actions(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The queue ------------------------------------------------------------------------------------------------


def test_queue_lists_awaiting_oldest_first_then_reviewed_without_the_words(client, lead):
    now = utcnow()
    newer = flagged("newer words", received_at=now - timedelta(hours=2))
    older = flagged("older words", received_at=now - timedelta(days=3))
    done = flagged("reviewed words", received_at=now - timedelta(days=10))
    make_comment("not flagged words")
    post_review(client, done.id, {"outcome": "referred", "note": ""})

    html = page(client, "/staff/safeguarding")
    assert html.index(f"Comment {older.id}<") < html.index(f"Comment {newer.id}<") < html.index(f"Comment {done.id}<")
    assert html.index("Awaiting review") < html.index(f"Comment {older.id}<")
    assert html.index(f"Comment {newer.id}<") < html.index("Reviewed<") < html.index(f"Comment {done.id}<")
    plain = text_of(html)
    assert "3 days ago" in plain and "2 hours ago" in plain
    assert REVIEW_OUTCOMES["referred"] in html
    for words in ("newer words", "older words", "reviewed words", "not flagged words", "Sam"):
        assert words not in html
    assert "No alert yet" in html
    assert f'href="/staff/safeguarding/{older.id}"' in html


def test_empty_queue_and_no_one_to_alert(client, app, login, app_context, monkeypatch):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "")
    make_user("safeguarding_lead", active=False)  # the only safeguarding lead has left: no one would be emailed
    signed_in_as(login, "admin")
    html = page(client, "/staff/safeguarding")
    assert "There are no flagged comments waiting for review" in html
    assert "SAFEGUARDING_CONTACT_EMAIL" in html


def test_queue_is_marked_in_the_menu_and_never_cached(client, lead):
    response = client.get("/staff/safeguarding")
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert re.search(r'govuk-service-navigation__item--active[^>]*>\s*<a[^>]*href="/staff/safeguarding"', html)


# --- One flagged comment -------------------------------------------------------------------------------------------


def test_comment_page_shows_the_words_and_where_they_came_from_and_audits_it(client, lead):
    partner = make_partner("North Exampleshire ICB")
    case = make_case(partner=partner, details=RAW, contact_name="Alex Parent", contact_email="alex@example.com",
                     contact_phone="07700 900123")
    comment = flagged(source="case", case_id=case.id, partner_id=partner.id, locality="Northtown",
                      journey_stage="annual_review", received_at=datetime(2026, 3, 3, 14, 15, tzinfo=UTC))

    response = client.get(f"/staff/safeguarding/{comment.id}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    check_page(html)
    plain = text_of(html)
    assert "Sam said his dad hits him" in plain
    assert "physical harm" in plain and "3 March 2026 at 2:15pm" in plain
    for shown in ("North Exampleshire ICB", "Northtown", "Annual review", case.reference, "Alex Parent",
                  "alex@example.com", "Compliment, comment or complaint"):
        assert shown in plain, shown
    assert f'href="/staff/cases/{case.id}"' in html
    assert 'name="outcome"' in html and 'name="note"' in html

    events = audit_actions("view_raw_text")
    assert [(e.user_id, e.object_type, e.object_id) for e in events] == [(lead.id, "Comment", str(comment.id))]
    page(client, f"/staff/safeguarding/{comment.id}")
    assert len(audit_actions("view_raw_text")) == 2  # every reading


def test_survey_comment_shows_contact_details_only_with_consent(client, lead):
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

    plain = text_of(page(client, f"/staff/safeguarding/{with_consent.id}"))
    assert "carer@example.com" in plain and "After your annual review" in plain
    assert "No, by an open link" in plain
    plain = text_of(page(client, f"/staff/safeguarding/{without.id}"))
    assert "They did not agree to be contacted" in plain
    assert question.prompt not in plain  # no answer linked, so no question shown


def test_alerts_are_listed_on_the_comment_page(client, app, lead, monkeypatch, tmp_path):
    from surveys.services.understand import safeguarding

    monkeypatch.setitem(app.config, "OUTBOX_DIR", str(tmp_path))
    comment = flagged()
    safeguarding.alert_safeguarding_contact(comment)
    plain = text_of(page(client, f"/staff/safeguarding/{comment.id}"))
    assert f"Emailed {lead.email}" in plain


def test_recording_a_review(client, lead):
    comment = flagged()
    response = post_review(client, comment.id, {"outcome": "no_concern", "note": "Spoke to the school."})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/safeguarding")
    html = page(client, "/staff/safeguarding")
    assert f"Review of comment {comment.id} recorded" in html

    db.session.expire_all()
    saved = db.session.get(Comment, comment.id)
    assert saved.safeguarding_flag is True
    assert saved.safeguarding_reviewed_by_id == lead.id and saved.safeguarding_reviewed_at is not None
    [event] = audit_actions("safeguarding_review")
    assert event.detail == {"outcome": "no_concern", "note": "Spoke to the school."}
    assert (event.user_id, event.object_id) == (lead.id, str(comment.id))

    plain = text_of(page(client, f"/staff/safeguarding/{comment.id}"))
    assert "Reviewed: no safeguarding concern" in plain and "Spoke to the school." in plain
    assert "Record another review" in plain


@pytest.mark.parametrize(("data", "message"), [
    ({"note": "no outcome chosen"}, "Select what you did"),
    ({"outcome": "forgotten"}, "Select what you did"),
    ({"outcome": "referred", "note": "x" * 2001}, "Notes must be 2,000 characters or fewer"),
])
def test_review_errors_are_summarised(client, lead, data, message):
    comment = flagged()
    response = post_review(client, comment.id, data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "govuk-error-summary" in html and message in html
    assert "<title>Error:" in html
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None
    assert audit_actions("safeguarding_review") == []


def test_review_without_csrf_token_is_refused(client, lead):
    comment = flagged()
    response = client.post(f"/staff/safeguarding/{comment.id}", data={"outcome": "referred"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None


def test_unflagged_or_missing_comment_is_404(client, lead):
    plain = make_comment("The annual review was late.")
    page(client, f"/staff/safeguarding/{plain.id}", status=404)
    page(client, "/staff/safeguarding/999999", status=404)
    assert audit_actions("view_raw_text") == []


# --- Who may see it ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "complaints_officer", "partner_lead", "analyst",
                                  "pcf_rep"])
def test_other_roles_are_refused(client, login, app_context, role):
    comment = flagged()
    signed_in_as(login, role)
    page(client, "/staff/safeguarding", status=403)
    page(client, f"/staff/safeguarding/{comment.id}", status=403)
    token = csrf_token_from(client.get("/staff/").get_data(as_text=True))  # the sign-out form's token
    response = client.post(f"/staff/safeguarding/{comment.id}", data={"csrf_token": token, "outcome": "referred"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None
    assert audit_actions("view_raw_text") == []


def test_admin_may_review(client, login, app_context):
    comment = flagged()
    admin = signed_in_as(login, "admin")
    assert "Sam said his dad" in page(client, f"/staff/safeguarding/{comment.id}")
    assert post_review(client, comment.id, {"outcome": "already_known"}).status_code == 302
    assert audit_actions("safeguarding_review")[0].user_id == admin.id


def test_signed_out_people_are_sent_to_sign_in(client, app_context):
    comment = flagged()
    for url in ("/staff/safeguarding", f"/staff/safeguarding/{comment.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
