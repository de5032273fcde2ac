"""Hostile input into every public form: property-based (hypothesis), so values nobody thought of are tried too.

Whatever is posted (huge strings, control characters, invalid UTF-8, repeated or missing fields, files where
text belongs, script tags, SQL fragments, right-to-left overrides, ``javascript:`` URLs), the app answers without
a server error, stores either all of a submission or none of it, and shows nothing unescaped. Control characters
are dropped on the way in (``surveys.forms.clean_text``): HTML cannot show them and PostgreSQL refuses NUL.
"""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from surveys.forms import clean_text
from surveys.models import Answer, Case, Comment, Response, db
from tests.factories import make_partner
from tests.surveys.respond.helpers import post_page, start

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE comment; --",
    "1' OR '1'='1",
    "\u202egnp.exe\u202c and \u200f\u05e9\u05dc\u05d5\u05dd",  # right-to-left override and Hebrew
    "\x00\x01\x07\x1b[31m\x7f",
    "{{ 7 * 7 }} {% raw %} ${7*7}",
    "%s%s%n%x",
    "../../../../etc/passwd",
    "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \ufeff \ufffd",
    "a" * 60_000,
    "",
    "   ",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=400),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=50),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=50)),
)
SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_nothing_unescaped(html: str) -> None:
    """No script the app did not write (ours come from /static/ or carry the CSP nonce), no event handler, no
    javascript: link."""
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        assert script.get("nonce") or str(script.get("src", "")).startswith("/static/"), script
    for element in page.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        for name in ("href", "src", "action", "formaction"):
            assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), element


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# -- the comment, compliment or complaint form -----------------------------------------------------------


@pytest.fixture
def comment_form(client_request):
    partner = make_partner("Council SEND team")
    return client_request, str(partner.id)


@SETTINGS
@given(kind=st.one_of(st.sampled_from(["comment", "compliment", "complaint"]), hostile_text),
       details=hostile_text, name=hostile_text, email=hostile_text, phone=hostile_text, partner=hostile_text)
def test_comment_form_survives_hostile_values(comment_form, kind, details, name, email, phone, partner):
    client_request, partner_id = comment_form
    token = client_request.csrf_token("/respond/comment")
    cases, comments = count(Case), count(Comment)
    response = client_request.client.post("/respond/comment", data={
        "csrf_token": token, "kind": kind, "details": details, "partner": partner or partner_id,
        "contact_name": name, "contact_email": email, "contact_phone": phone, "wants_reply": "yes"})
    assert response.status_code < 500
    db.session.expire_all()
    if response.status_code == 302:  # sent (or on to the complaint choice): all of it is kept, once
        assert count(Case) == cases + 1
        assert db.session.scalar(select(Case).order_by(Case.id.desc())).details == clean_text(details).strip()
    else:  # shown again with errors: nothing kept
        assert response.status_code == 200
        assert (count(Case), count(Comment)) == (cases, comments)
        assert_nothing_unescaped(response.get_data(as_text=True))


def test_comment_form_with_invalid_utf8_repeated_fields_and_a_file(comment_form):
    client_request, partner_id = comment_form
    token = client_request.csrf_token("/respond/comment")
    body = f"csrf_token={token}&kind=comment&kind=complaint&details=%FF%FE%80abc%C0%AF&partner={partner_id}"
    response = client_request.client.post("/respond/comment", data=body.encode(),
                                          content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    cases = count(Case)
    response = client_request.client.post("/respond/comment", content_type="multipart/form-data", data={
        "csrf_token": token, "kind": "comment", "partner": partner_id,
        "details": (BytesIO(b"\x00\xff binary"), "evil.exe")})
    assert response.status_code == 200  # a file is not text: asked again, nothing kept
    assert count(Case) == cases
    assert_nothing_unescaped(response.get_data(as_text=True))


# -- survey pages ---------------------------------------------------------------------------------------


@SETTINGS
@given(overall=hostile_text, went_well=hostile_text, better=hostile_text, version=hostile_text)
def test_survey_pages_survive_hostile_values(client_request, parent_survey, overall, went_well, better, version):
    start(client_request)
    response = client_request.client.post("/respond/survey/page/1", data=MultiDict([
        ("csrf_token", client_request.csrf_token("/respond/survey/page/1")), ("version_id", version),
        ("overall", overall), ("overall", "3")]))
    assert response.status_code < 500
    assert_nothing_unescaped(response.get_data(as_text=True))

    answers = count(Answer)
    response = client_request.client.post("/respond/survey/page/2", data={
        "csrf_token": client_request.csrf_token("/respond/survey/page/2"),
        "version_id": client_request.get("/respond/survey/page/2").select_one('input[name="version_id"]')["value"],
        "went_well": went_well, "better": better})
    assert response.status_code < 500
    page = client_request.get("/respond/survey/page/2")
    assert_nothing_unescaped(str(page))
    db.session.expire_all()
    if response.status_code == 200:  # errors shown: the page's answers were not half-saved
        assert count(Answer) == answers
    else:  # saved: what the page shows back is exactly what was kept (escaped, not interpreted)
        shown = page.select_one("textarea[name=better]").get_text()
        assert shown.strip() == clean_text(better).replace("\r\n", "\n").replace("\r", "\n").strip()
    assert db.session.scalar(select(func.count()).where(Response.status == "submitted")) == 0


def test_survey_page_with_a_file_for_a_rating_and_unknown_fields(client_request, parent_survey):
    start(client_request)
    token = client_request.csrf_token("/respond/survey/page/1")
    response = client_request.client.post("/respond/survey/page/1", content_type="multipart/form-data", data={
        "csrf_token": token, "version_id": "1", "overall": (BytesIO(b"4"), "four.txt"), "is_admin": "1"})
    assert response.status_code in (200, 302, 400)
    post_page(client_request, 1, {"overall": "4"})  # the page still works afterwards
