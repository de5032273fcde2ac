"""The "you said, we did" tracker pages, rendered from a hand-made live snapshot."""

import pytest

from surveys.models import db
from surveys.services.report import public_tracker, schedule
from tests.html import h1_text, link_hrefs, main_text, summary_list, text_of
from tests.surveys.public.snapshots import camhs_theme, publish


def theme_sections(page) -> dict:
    """Each theme on the page by its heading."""
    return {text_of(section.select_one("h2")): section for section in page.select("section.app-theme")}


@pytest.fixture
def schedule_off(app_context):
    """Publishing on a schedule turned off: no page may name a next date."""
    schedule.set_schedule(None, "off", 9, 0)
    db.session.commit()


def test_empty_state_promises_nothing(client_request, schedule_off):
    page = client_request.get("/you-said-we-did")
    text = main_text(page)
    assert "We have not published anything here yet." in text
    assert "month" not in text and "due on" not in text
    assert "public" not in client_request.response.headers.get("Cache-Control", "")


def test_empty_state_names_the_first_date_only_when_scheduled(client_request, monkeypatch):
    from datetime import date
    monkeypatch.setattr(public_tracker, "next_publication_date", lambda: date(2027, 1, 4))
    assert "The first update is due on 4 January 2027." in main_text(client_request.get("/you-said-we-did"))


def test_the_default_schedule_names_the_first_working_day_of_next_month(client_request):
    expected = schedule.next_publication_date()
    assert expected is not None  # monthly until staff change it
    assert f"due on {expected.day} {expected:%B %Y}" in main_text(client_request.get("/you-said-we-did"))


def test_live_tracker_shows_each_theme_as_published(client_request, schedule_off):
    publish(3)
    page = client_request.get("/you-said-we-did")
    assert h1_text(page) == "You said, we did"
    assert "Published 1 December 2026 (version 3)." in main_text(page)
    assert "next update" not in main_text(page).lower()
    sections = theme_sections(page)
    assert list(sections) == ["Waiting for CAMHS", "School transport"]
    camhs = sections["Waiting for CAMHS"]
    assert "Families told us they wait a long time" in text_of(camhs)
    assert summary_list(camhs) == {"Everyone": "120", "Parents and carers": "100", "Young people": "fewer than 5",
                                   "Practitioners": "not shown"}
    assert [text_of(q) for q in camhs.select(".app-quote")] == [
        "“We waited eighteen months.”", "“Nobody told us what was happening.”", "“=HYPERLINK(\"x\")”"]
    assert text_of(camhs.select_one(".app-coproduced")) == "Co-produced with the parent carer forum"
    assert sections["School transport"].select(".app-coproduced") == []


def test_actions_show_status_update_and_what_it_means(client_request):
    publish(3)
    camhs = theme_sections(client_request.get("/you-said-we-did"))["Waiting for CAMHS"]
    helpline, clinic = camhs.select(".app-action")
    assert text_of(helpline.select_one("h4")) == "A CAMHS waiting list helpline"
    assert summary_list(helpline) == {
        "Status": "In progress", "Led by": "Exampleshire NHS ICB",
        "Latest update": "2 November 2026: The helpline is open on weekdays.",
        "What this means for families": "You can ask where you are on the list.",
        "For the future": "We will publish waiting times each month."}
    assert "govuk-tag--blue" in helpline.select_one(".govuk-tag")["class"]
    assert "Latest update" not in summary_list(clinic) and "For the future" not in summary_list(clinic)


def test_theme_without_actions_says_so(client_request):
    publish(3)
    transport = theme_sections(client_request.get("/you-said-we-did"))["School transport"]
    assert "We have not agreed an action on this yet." in text_of(transport)


def test_filter_form_is_a_plain_get_form(client_request):
    publish(3)
    form = client_request.get("/you-said-we-did").select_one("form.app-tracker-filters")
    assert form["method"] == "get" and form["action"] == "/you-said-we-did"
    audiences = [o["value"] for o in form.select("select[name=audience] option")]
    localities = [o["value"] for o in form.select("select[name=locality] option")]
    assert audiences == ["", "parent_carer", "young_person", "practitioner"]
    assert localities == ["", "East", "North", "South"]


def test_filter_by_audience_shows_that_audiences_count_from_the_snapshot(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did?audience=young_person")
    sections = theme_sections(page)
    assert list(sections) == ["Waiting for CAMHS"]
    assert summary_list(sections["Waiting for CAMHS"]) == {"Everyone": "120", "Young people": "fewer than 5"}
    assert page.select_one("select[name=audience] option[selected]")["value"] == "young_person"
    assert "Showing 1 of 2 themes (who told us: young people)." in main_text(page)


def test_filter_by_locality_and_audience_never_combines_counts(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did?audience=parent_carer&locality=South")
    [camhs] = theme_sections(page).values()
    # Both published texts, side by side: the number of parents in the South is not in the snapshot.
    assert summary_list(camhs) == {"Everyone": "120", "Parents and carers": "100", "In South": "fewer than 5"}


def test_filter_by_locality_alone(client_request):
    publish(3)
    assert list(theme_sections(client_request.get("/you-said-we-did?locality=East"))) == ["School transport"]


def test_unknown_filter_values_are_ignored(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did?audience=martians&locality=<script>")
    assert len(theme_sections(page)) == 2
    assert "Clear what you chose" not in main_text(page)


def test_no_matching_theme_says_so(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did?audience=practitioner&locality=North")
    assert "No themes match what you chose." in main_text(page)


def test_next_date_only_from_the_schedule(client_request, monkeypatch):
    from datetime import date
    publish(3)
    monkeypatch.setattr(public_tracker, "next_publication_date", lambda: date(2027, 1, 4))
    assert "The next update is due on 4 January 2027." in main_text(client_request.get("/you-said-we-did"))


def test_without_a_schedule_module_there_is_no_next_date(app_context):
    import importlib.util
    if importlib.util.find_spec("surveys.services.report.schedule") is None:
        assert public_tracker.next_publication_date() is None


def test_links_to_easy_read_and_other_formats(client_request):
    publish(3)
    hrefs = link_hrefs(client_request.get("/you-said-we-did").select_one("main"))
    assert {"/you-said-we-did/easy-read", "/you-said-we-did.csv", "/you-said-we-did.json",
            "/you-said-we-did/feed.atom"} <= set(hrefs)


def test_earlier_version_is_marked_and_links_to_the_latest(client_request):
    publish(2, status="superseded", themes=[camhs_theme()])
    publish(3)
    page = client_request.get("/you-said-we-did/v/2")
    assert "This is an earlier version (version 2)" in text_of(page.select_one(".app-earlier-version"))
    assert "/you-said-we-did" in link_hrefs(page.select_one(".app-earlier-version"))
    assert list(theme_sections(page)) == ["Waiting for CAMHS"]
    assert "/you-said-we-did/v/2/easy-read" in link_hrefs(page.select_one("main"))


def test_live_version_by_number_is_not_marked_earlier(client_request):
    publish(3)
    assert client_request.get("/you-said-we-did/v/3").select(".app-earlier-version") == []


@pytest.mark.parametrize("url", ["/you-said-we-did/v/9", "/you-said-we-did/v/4", "/you-said-we-did/v/5",
                                 "/you-said-we-did/v/4/easy-read", "/you-said-we-did/v/4.json",
                                 "/you-said-we-did/v/9.json", "/you-said-we-did/v/abc"])
def test_unknown_or_never_live_versions_are_not_found(client_request, url):
    publish(3)
    publish(4, status="building", published_at=None)
    publish(5, status="failed", published_at=None)
    assert "Page not found" in h1_text(client_request.get(url, expected_status=404))


@pytest.mark.parametrize("url", ["/you-said-we-did.json", "/you-said-we-did.csv", "/you-said-we-did/feed.atom"])
def test_downloads_before_anything_is_published_are_not_found(client_request, url):
    assert client_request.client.get(url).status_code == 404


def test_quotes_and_texts_are_escaped(client_request):
    theme = camhs_theme()
    theme["quotes"] = ["<script>alert(1)</script>"]
    publish(3, themes=[theme])
    page = client_request.get("/you-said-we-did")
    assert page.select("main script") == []
    assert "<script>alert(1)</script>" in main_text(page)


def test_render_tracker_serves_a_preview_of_a_version_being_built(app, app_context):
    from surveys.public.tracker_views import render_tracker
    from tests.html import parse_page
    item = publish(4, status="building", published_at=None)
    with app.test_request_context("/staff/publications/preview"):
        page = parse_page(render_tracker("public/tracker.html", item, earlier=False))
    assert list(theme_sections(page)) == ["Waiting for CAMHS", "School transport"]
    assert page.select(".app-earlier-version") == []
    assert "Not published yet (version 4)." in main_text(page)


def test_hidden_small_numbers_are_explained(client_request):
    theme = camhs_theme()
    theme["people"]["by_audience"] = {"parent_carer": "not shown", "young_person": "fewer than 5"}
    publish(themes=[theme])
    assert "we do not show numbers smaller than 5" in main_text(client_request.get("/you-said-we-did"))
