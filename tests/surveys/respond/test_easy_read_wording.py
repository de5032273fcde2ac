"""Easy read all the way: every page a young person can reach from an easy-read survey, and every message on
them, passes the readability check the survey editor uses (no sentence above the reading age it warns at)."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.models import ResumeCode, db, utcnow
from surveys.respond import easy_words
from surveys.services.capture import readability
from surveys.services.capture.invitations import create_invitation
from tests.html import text_of
from tests.surveys.respond.helpers import post_page, start, submit

ANGRY = "I want to make a complaint. Nobody listens to me and it is not fair."


def too_hard(where: str, page) -> list[str]:
    """Sentences in the page's main part above the easy-read reading age (the title repeats its heading).

    Codes and references (like YS-HHPKV5) are not words, and the formula would count them as hard ones."""
    for code in page.select(".app-reference, .app-resume-code"):
        code.decompose()
    texts = [*((where, text_of(block)) for block in page.select(
        "main h1, main h2, main p, main li, main label, main legend, main .govuk-hint, main .govuk-error-message, "
        "main button, main a, main dt, main dd, main .govuk-panel__body"))]
    return [f"{finding.where}: {finding.text} (age {finding.reading_age})"
            for finding in readability.check_easy_read(texts) if finding.too_hard]


def test_every_easy_read_string_suits_the_easy_read_reading_age():
    findings = readability.check_easy_read(easy_words.all_strings())
    assert [f"{f.where}: {f.text} ({f.reading_age})" for f in findings if f.too_hard] == []


def test_adult_messages_become_easy_words_with_their_numbers():
    assert easy_words.simpler("Your answer must be 2,000 characters or fewer") == (
        "Your answer is too long. Please use 2,000 letters or fewer.")
    assert easy_words.simpler("The selected file must be smaller than 10 MB") == (
        "The recording is too big. It must be smaller than 10 MB.")
    assert easy_words.simpler("Something already plain") == "Something already plain"


def test_the_check_can_fail():
    assert too_hard("a page", _page("<main><p>The multidisciplinary assessment necessitates documentation.</p></main>"))


def _page(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(f"<html><head><title>Title</title></head><body>{html}</body></html>", "html.parser")


@pytest.fixture
def young_person_survey(young_person_survey):
    """The respondent tests' easy-read survey, with a title in easy words (staff's words are checked elsewhere)."""
    young_person_survey.title = "Have your say"
    young_person_survey.current_version.questions[2].easy_read_prompt = "You can send a voice message."
    db.session.commit()
    return young_person_survey


def test_the_pages_of_an_easy_read_survey_are_in_easy_read(client_request, young_person_survey):
    found = []
    start(client_request, "young-people")
    found += too_hard("start", client_request.get("/respond/survey"))
    found += too_hard("question page", client_request.get("/respond/survey/page/1"))
    found += too_hard("nothing chosen", post_page(client_request, 1, {}, expected_status=200))
    found += too_hard("not an option", post_page(client_request, 1, {"school": "9"}, expected_status=200))
    found += too_hard("not audio", post_page(client_request, 2, {}, expected_status=200,
                                             files={"voice": (io.BytesIO(b"<html>"), "a.mp3")}))
    found += too_hard("check, missing", client_request.get("/respond/survey/check"))
    post_page(client_request, 1, {"school": "1", "later": "1"}, expected_redirect="/respond/survey/save")
    found += too_hard("save for later", client_request.get("/respond/survey/save"))
    found += too_hard("your code", client_request.post("/respond/survey/save", {}, expected_status=200))
    found += too_hard("send code error", client_request.post(
        "/respond/survey/save/send", {"code": _live_code_text(client_request), "phone": "not a number"},
        form_url="/respond/survey/save", expected_status=400))
    post_page(client_request, 2, {"better": ANGRY})
    post_page(client_request, 3, {"supported_by": "myself"})
    found += too_hard("check", client_request.get("/respond/survey/check"))
    submit(client_request)
    found += too_hard("done, with the complaint choice", client_request.get("/respond/survey/done"))
    found += too_hard("choice not made", client_request.post("/respond/survey/choice", {}, expected_status=400,
                                                             form_url="/respond/survey/done"))
    found += too_hard("already answered", client_request.get("/respond/survey/already-answered"))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("choice", ["formal_complaint", "sendiass", "mediation", "keep_feedback"])
def test_each_complaint_choice_result_is_in_easy_read(client_request, young_person_survey, choice):
    start(client_request, "young-people")
    post_page(client_request, 1, {"school": "1"})
    post_page(client_request, 2, {"better": ANGRY})
    submit(client_request)
    page = client_request.post("/respond/survey/choice", {"choice": choice}, form_url="/respond/survey/done",
                               expected_status=200)
    assert too_hard(choice, page) == []


def test_pages_without_a_survey_are_in_easy_read(client_request, young_person_survey):
    stranger = client_request.another_browser()
    assert too_hard("session ended", stranger.get("/respond/survey", expected_status=404)) == []
    invitation, token = create_invitation(young_person_survey, contact_email="yp@example.com")
    invitation.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert too_hard("link expired", stranger.get(f"/respond/i/{token}", expected_status=410)) == []
    assert too_hard("carry on", stranger.get("/respond/resume")) == []
    assert too_hard("wrong code", stranger.post("/respond/resume", {"code": "ABCD-EFGH"}, expected_status=400)) == []


def test_an_out_of_date_page_is_in_easy_read(client_request, young_person_survey):
    start(client_request, "young-people")
    page = client_request.post("/respond/survey/page/1", {"version_id": "0", "school": "1"}, expected_status=400,
                               form_url="/respond/survey/page/1")
    assert too_hard("out of date", page) == []


def _live_code_text(client_request) -> str:
    page = client_request.post("/respond/survey/save", {}, expected_status=200)
    assert db.session.scalar(select(ResumeCode)) is not None
    return text_of(page.select_one(".app-resume-code"))


def test_the_recorder_speaks_in_easy_read():
    """Everything the recorder shows or announces is in its WORDS table; each line passes the check."""
    source = (Path(__file__).resolve().parents[3] / "assets" / "js" / "recorder.js").read_text(encoding="utf-8")
    table = source[source.index("const WORDS = {"):source.index("};", source.index("const WORDS = {"))]
    texts = [(f"recorder {name}", text.replace("{limit}", "2").replace("{time}", "0:05"))
             for name, text in re.findall(r'^\s+(\w+): "([^"]+)",$', table, flags=re.M)]
    assert ("recorder record", "Record a message") in texts and len(texts) == 11
    assert [f"{f.where}: {f.text} ({f.reading_age})" for f in readability.check_easy_read(texts) if f.too_hard] == []


def test_error_pages_are_in_easy_read_for_young_people(client_request, young_person_survey, parent_survey):
    start(client_request, "young-people")
    page = client_request.get("/respond/survey/page/99", expected_status=404)
    assert text_of(page.select_one("h1")) == "We cannot find this page"
    assert too_hard("not found", page) == []
    parent = client_request.another_browser()
    start(parent)
    assert text_of(parent.get("/respond/survey/page/99", expected_status=404).select_one("h1")) == "Page not found"


def test_the_easy_read_error_page_promises_no_more_than_the_adult_one():
    """A failed request rolls back what it was saving, so neither page may say that this page was kept."""
    from surveys.web import ERROR_PAGES

    assert "may not have been saved" in ERROR_PAGES[500][1]
    assert "may not have kept this page" in easy_words.ERROR_PAGES[500][1]
