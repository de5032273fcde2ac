"""Setting up theme runs: asking for more or fewer themes, and the codebook of expected themes; roles, bad input."""

import pytest
from sqlalchemy import select

from analysis.themes.codebook import SEND_INSPECTION_CODEBOOK
from surveys.models import ROLES, AuditEvent, CodebookTheme, ThemeRunRequest, db
from surveys.services.understand import theme_runs
from tests.factories import make_comment, make_partner, make_theme, make_user
from tests.html import error_messages, field_names, link_hrefs, main_text, table_rows, title_text

CODEBOOK = "/staff/themes/codebook"
READERS = {"admin", "coproduction_lead", "pcf_rep", "analyst", "viewer"}


@pytest.fixture
def lead(client_request):
    return client_request.sign_in_as("coproduction_lead")


def requests() -> list[ThemeRunRequest]:
    return list(db.session.scalars(select(ThemeRunRequest).order_by(ThemeRunRequest.id)))


def codebook() -> list[tuple[str, list[str]]]:
    db.session.expire_all()
    return [(e.name, e.phrases) for e in db.session.scalars(select(CodebookTheme).order_by(CodebookTheme.name))]


def errors(page) -> list[str]:
    assert title_text(page).startswith("Error: ")
    return error_messages(page)


# --- More or fewer themes --------------------------------------------------------------------------------------


def test_the_themes_page_offers_a_rerun_with_the_current_number(client_request, lead):
    make_theme("Transport", [make_comment("Taxi late")])
    make_theme("Waiting", [make_comment("Still waiting")])
    page = client_request.get("/staff/themes")
    assert page.select_one('input[name="theme_count"]')["value"] == "2"
    assert "use_codebook" in field_names(page)
    assert CODEBOOK in link_hrefs(page)


def test_asking_for_a_rerun_waits_for_the_scheduler(client_request, lead):
    client_request.post("/staff/themes/rerun", {"theme_count": "8", "use_codebook": "y"},
                        form_url="/staff/themes", expected_redirect="/staff/themes")
    [request] = requests()
    assert (request.k, request.use_codebook, request.status, request.requested_by_id) == (8, True, "waiting", lead.id)
    page = client_request.get("/staff/themes")
    assert "found again with 8 themes, starting from the codebook" in main_text(page)
    assert "theme_count" not in field_names(page)  # one request at a time
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "themes.rerun_asked")) is not None


def test_a_second_request_while_one_waits_is_refused(client_request, lead):
    client_request.post("/staff/themes/rerun", {"theme_count": "8"}, form_url="/staff/themes")
    page = client_request.post("/staff/themes/rerun", {"theme_count": "9"}, form_url="/staff/themes",
                               expected_status=400)
    assert errors(page) == ["A re-run is already waiting. Ask again when it has finished"]
    assert [r.k for r in requests()] == [8]


@pytest.mark.parametrize("value, message", [
    ("", "Enter the number of themes"),
    ("ten", "Number of themes must be a whole number, like 10"),
    ("1", "Number of themes must be between 2 and 40"),
    ("41", "Number of themes must be between 2 and 40"),
    ("9" * 30, "Number of themes must be between 2 and 40"),
])
def test_bad_numbers_of_themes(client_request, lead, value, message):
    page = client_request.post("/staff/themes/rerun", {"theme_count": value}, form_url="/staff/themes",
                               expected_status=400)
    assert errors(page) == [message]
    assert requests() == []


def test_the_job_runs_the_request_with_its_number_of_themes(app, lead):
    texts = ([f"The taxi to school was late again ({i})" for i in range(12)]
             + [f"We waited months for the EHC plan ({i})" for i in range(12)]
             + [f"Speech therapy sessions were cut ({i})" for i in range(12)])
    for text in texts:
        make_comment(text)
    theme_runs.ask(3, False, lead)
    db.session.commit()
    from surveys.jobs import run_job

    assert run_job("run_requested_themes") == 1
    db.session.expire_all()
    [request] = requests()
    assert request.status == "done" and request.finished_at is not None
    assert run_job("run_requested_themes") == 0  # nothing waits any more


def test_a_run_that_fails_is_marked_failed_and_does_not_block_the_next(app, client_request, lead, monkeypatch):
    make_theme("Kept as it was")
    db.session.commit()
    theme_runs.ask(4, False, lead)
    db.session.commit()
    from surveys.jobs import run_job
    from surveys.services.understand import themes

    def broken(**_options):
        from surveys.models import Theme
        db.session.execute(db.update(Theme).values(label="Half-made theme"))  # work the failure must undo
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(themes, "run_themes", broken)
    assert run_job("run_requested_themes") == 1
    db.session.expire_all()
    [request] = requests()
    assert request.status == "failed" and request.finished_at is not None
    assert run_job("run_requested_themes") == 0  # not tried again every minute
    from surveys.models import Theme
    assert [theme.label for theme in db.session.scalars(select(Theme))] == ["Kept as it was"]  # rolled back
    assert "could not finish, so the themes are as they were" in main_text(client_request.get("/staff/themes"))
    assert theme_runs.ask(5, False, lead).status == "waiting"  # and a new request may be made


def test_a_claimed_request_is_not_claimed_twice(lead):
    theme_runs.ask(5, False, lead)
    assert theme_runs.claim_next() is not None
    assert theme_runs.claim_next() is None


@pytest.mark.parametrize("role", sorted(READERS - {"admin", "coproduction_lead"}))
def test_readers_cannot_ask_for_a_rerun(client_request, role):
    client_request.sign_in_as(role)
    page = client_request.get("/staff/themes")
    assert "theme_count" not in field_names(page)
    client_request.post("/staff/themes/rerun", {"theme_count": "5"}, form_url="/staff/themes",
                        expected_status=403)
    assert requests() == []


# --- The codebook --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(ROLES))
def test_who_may_see_and_change_the_codebook(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    client_request.get(CODEBOOK, expected_status=200 if role in READERS else 403)
    may_change = role in ("admin", "coproduction_lead")
    client_request.post(CODEBOOK, {"name": "Transport", "phrases": "taxi"}, form_url="/staff/",
                        expected_status=302 if may_change else 403)
    assert codebook() == ([("Transport", ["taxi"])] if may_change else [])


def test_start_from_the_send_inspection_areas_then_edit(client_request, lead):
    page = client_request.get(CODEBOOK)
    assert "The codebook is empty." in main_text(page)
    client_request.post(f"{CODEBOOK}/start", form_url=CODEBOOK, expected_redirect=CODEBOOK)
    assert len(codebook()) == len(SEND_INSPECTION_CODEBOOK)
    page = client_request.get(CODEBOOK)
    assert ["Home to school transport", "school transport; taxi; bus; transport team; passenger assistant"] in [
        row[:2] for row in table_rows(page)]
    client_request.post(f"{CODEBOOK}/start", form_url=CODEBOOK, expected_redirect=CODEBOOK)  # a second time: no-op
    assert len(codebook()) == len(SEND_INSPECTION_CODEBOOK)
    entry = db.session.scalar(select(CodebookTheme).where(CodebookTheme.name == "Home to school transport"))
    url = f"{CODEBOOK}/{entry.id}"
    assert client_request.get(url).select_one('textarea[name="phrases"]').get_text().strip().startswith(
        "school transport")
    client_request.post(url, {"name": "Getting to school", "phrases": "taxi\n\n  the   bus \ntaxi"},
                        expected_redirect=CODEBOOK)
    assert ("Getting to school", ["taxi", "the bus"]) in codebook()
    client_request.post(f"{url}/remove", form_url=CODEBOOK, expected_redirect=CODEBOOK)
    assert "Getting to school" not in [name for name, _ in codebook()]


@pytest.mark.parametrize("data, message", [
    ({"name": "", "phrases": "taxi"}, "Enter a name for the theme"),
    ({"name": "Transport", "phrases": " \n "}, "Enter at least one example phrase"),
    ({"name": "x" * 201, "phrases": "taxi"}, "Theme name must be 200 characters or fewer"),
    ({"name": "Transport", "phrases": "y" * 201}, "Each example phrase must be 200 characters or fewer"),
    ({"name": "Transport", "phrases": "\n".join(f"p{i}" for i in range(21))}, "Enter 20 example phrases or fewer"),
])
def test_bad_codebook_themes(client_request, lead, data, message):
    page = client_request.post(CODEBOOK, data, expected_status=400)
    assert errors(page) == [message]
    assert codebook() == []


def test_names_are_unique_whatever_their_case(client_request, lead):
    client_request.post(CODEBOOK, {"name": "Transport", "phrases": "taxi"})
    page = client_request.post(CODEBOOK, {"name": "transport ", "phrases": "bus"}, expected_status=400)
    assert errors(page) == ["The codebook already has a theme called ‘Transport’"]


def test_changing_an_entry_that_does_not_exist(client_request, lead):
    client_request.get(f"{CODEBOOK}/999", expected_status=404)
    client_request.post(f"{CODEBOOK}/999/remove", form_url=CODEBOOK, expected_status=404)


def test_readers_see_the_codebook_without_forms(client_request):
    db.session.add(CodebookTheme(name="Transport", phrases=["taxi", "bus"]))
    db.session.commit()
    client_request.sign_in_as(make_user("viewer"))
    page = client_request.get(CODEBOOK)
    assert table_rows(page) == [["Transport", "taxi; bus"]]
    assert "name" not in field_names(page) and "Change" not in main_text(page)
