"""Reading: cursor pages that stay stable while rows are added, ETags, filters, problem details for bad parameters,
redaction and suppression."""

from datetime import UTC, datetime

from surveys.models import Comment, db
from tests.factories import make_api_token, make_comment, make_partner, make_survey, make_theme, make_user

from .conftest import make_action, make_response


def _reader(api_as, role="analyst"):
    return api_as(make_api_token(make_user(role))[1])


def _all_pages(api, url):
    seen, cursor, pages = [], None, 0
    while True:
        body = api.get(url + (f"&cursor={cursor}" if cursor else "")).get_json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


def test_paging_through_comments_reads_each_once(api_as):
    ids = [make_comment(f"Comment {n}").id for n in range(7)]
    seen, pages = _all_pages(_reader(api_as), "/api/v1/comments?limit=3")
    assert seen == ids and pages == 3


def test_pages_stay_stable_while_rows_are_added(api_as):
    api = _reader(api_as)
    first_ids = [make_comment(f"Comment {n}").id for n in range(5)]
    page = api.get("/api/v1/comments?limit=2").get_json()
    assert [item["id"] for item in page["items"]] == first_ids[:2]
    # a burst of new comments arrives while the client is between pages, some dated earlier than the rest
    added = [make_comment(f"New {n}", received_at=datetime(2020, 1, 1, tzinfo=UTC)).id for n in range(4)]
    seen = [item["id"] for item in page["items"]]
    cursor = page["next_cursor"]
    while cursor:
        page = api.get(f"/api/v1/comments?limit=2&cursor={cursor}").get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert seen == first_ids + added  # nothing twice, nothing skipped, the new ones at the end


def test_a_cursor_is_tied_to_its_filters_and_cannot_be_forged(api_as):
    api = _reader(api_as)
    for n in range(3):
        make_comment(f"Comment {n}", locality="North")
    cursor = api.get("/api/v1/comments?limit=1&locality=North").get_json()["next_cursor"]
    assert api.get(f"/api/v1/comments?limit=1&locality=North&cursor={cursor}").status_code == 200
    for url in (f"/api/v1/comments?limit=1&locality=South&cursor={cursor}", f"/api/v1/themes?cursor={cursor}",
                "/api/v1/comments?cursor=eyJhIjoxfQ.forged"):
        response = api.get(url)
        assert response.status_code == 400, url
        assert response.content_type == "application/problem+json"
        assert response.get_json()["errors"][0]["name"] == "cursor"


def test_etag_round_trip(api_as):
    api = _reader(api_as)
    make_comment("The wait was long")
    first = api.get("/api/v1/comments")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag
    again = api.get("/api/v1/comments", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    make_comment("Another one")
    changed = api.get("/api/v1/comments", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_every_read_has_an_etag(api_as):
    api = _reader(api_as, "admin")
    for url in ("/api/v1/surveys", "/api/v1/responses", "/api/v1/comments", "/api/v1/themes", "/api/v1/actions",
                "/api/v1/log", "/api/v1/publications", "/api/v1/cases/statistics", "/api/v1/dashboard"):
        response = api.get(url)
        assert response.status_code == 200 and response.headers.get("ETag"), url
        assert api.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304, url


def test_each_bad_parameter_gets_its_own_message(api_as):
    response = _reader(api_as).get("/api/v1/comments?from=31/02/2026&limit=0&audience=aliens&colour=red")
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    errors = {error["name"]: error["detail"] for error in response.get_json()["errors"]}
    assert errors["from"] == "Enter the start date as a real date, like 2026-03-31"
    assert errors["limit"] == "Limit must be from 1 to 500"
    assert errors["audience"].startswith("Audience must be one of: parent_carer")
    assert errors["colour"] == "Unknown field."
    dates = _reader(api_as).get("/api/v1/comments?from=2026-03-02&to=2026-03-01").get_json()
    assert dates["errors"] == [{"in": "query", "name": "to",
                                "detail": "The end date must be the same as or after the start date"}]


def test_unknown_api_address_is_a_problem_not_a_page(api_as):
    response = _reader(api_as).get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.content_type == "application/problem+json"


def test_filters_narrow_comments(api_as):
    partner = make_partner()
    north = make_comment("North comment", locality="North", audience="young_person", partner_id=partner.id,
                         received_at=datetime(2026, 3, 10, 12, tzinfo=UTC))
    make_comment("South comment", locality="South", received_at=datetime(2026, 5, 1, 12, tzinfo=UTC))
    theme = make_theme("Waiting", comments=[north])
    api = _reader(api_as)
    for query in ("locality=North", "audience=young_person", f"partner={partner.id}", f"theme={theme.id}",
                  "from=2026-03-01&to=2026-03-31"):
        items = api.get(f"/api/v1/comments?{query}").get_json()["items"]
        assert [item["id"] for item in items] == [north.id], query


def test_comments_and_answers_are_redacted_and_flagged_ones_withheld(api_as):
    survey = make_survey()
    make_response(survey, text="Sam waited a year")
    make_response(survey, text="Something worrying about Sam", flagged=True)
    api = _reader(api_as)
    comments = api.get("/api/v1/comments").get_json()["items"]
    assert [comment["text"] for comment in comments] == ["[name] waited a year"]
    answers = [row["answers"] for row in api.get("/api/v1/responses").get_json()["items"]]
    texts = [answer["value"] for row in answers for answer in row if answer["kind"] == "free_text"]
    assert texts == ["[name] waited a year", None]
    body = api.get("/api/v1/responses").get_data(as_text=True)
    assert "Sam" not in body and "parent@example.com" not in body
    reviewer = _reader(api_as, "admin").get("/api/v1/comments").get_json()["items"]
    assert len(reviewer) == 2  # safeguarding reviewers (and admins) see the flagged one, still redacted
    assert all("Sam" not in comment["text"] for comment in reviewer)


def test_theme_counts_over_time_are_suppressed(api_as):
    may = [make_comment(f"May {n}", received_at=datetime(2026, 5, 3, 12, tzinfo=UTC)) for n in range(6)]
    june = [make_comment(f"June {n}", received_at=datetime(2026, 6, 3, 12, tzinfo=UTC)) for n in range(2)]
    make_theme("Waiting", comments=may + june)
    body = _reader(api_as).get("/api/v1/themes?from=2026-04-01&to=2026-06-30").get_json()
    months = {row["month"]: row["comments"] for row in body["items"][0]["months"]}
    assert months["2026-04"] == {"count": 0, "suppressed": False, "text": "0"}
    assert months["2026-06"] == {"count": None, "suppressed": True, "text": "fewer than 5"}
    # with a total shown, May is hidden too, or the total would give June away
    assert months["2026-05"]["count"] is None and months["2026-05"]["text"] == "not shown"
    assert body["items"][0]["comments"]["count"] == 8


def test_dashboard_figures_are_suppressed(api_as):
    survey = make_survey()
    when = datetime(2026, 5, 3, 12, tzinfo=UTC)
    for _ in range(6):
        make_response(survey, locality="North", submitted_at=when)
    for _ in range(2):
        make_response(survey, locality="South", submitted_at=when)
    body = _reader(api_as).get("/api/v1/dashboard?from=2026-05-01&to=2026-05-31&by=locality").get_json()
    rows = {row["label"]: row for row in body["responses_by"]["rows"]}
    assert rows["South"]["count"] == {"count": None, "suppressed": True, "text": "fewer than 5"}
    assert rows["South"]["share"] == ""
    assert rows["North"]["count"]["count"] is None and rows["North"]["count"]["text"] == "not shown"
    assert body["responses_by"]["total"]["count"] == 8
    assert body["period"] == {"start": "2026-05-01", "end": "2026-05-31"}


def test_actions_carry_milestones_updates_rag_and_impact(api_as):
    from surveys.models import ActionUpdate, Milestone

    action = make_action(make_partner("Council"), target_date=datetime(2026, 1, 1).date())
    db.session.add(Milestone(action_id=action.id, title="Clinic open", due_on=datetime(2026, 1, 1).date()))
    db.session.add(ActionUpdate(action_id=action.id, body="Recruiting", kind="update"))
    db.session.commit()
    item = _reader(api_as).get(f"/api/v1/actions/{action.id}").get_json()
    assert item["action"]["milestones"][0]["title"] == "Clinic open"
    assert item["action"]["updates"][0]["body"] == "Recruiting"
    assert item["rag"]["colour"] == "red" and item["rag"]["reasons"]
    assert item["impact"] is None


def test_no_raw_text_anywhere(api_as):
    make_comment("Raw words", redacted_text="Redacted words")
    assert db.session.scalar(db.select(Comment.raw_text)) == "Raw words"
    body = _reader(api_as).get("/api/v1/comments").get_data(as_text=True)
    assert "Redacted words" in body and "Raw words" not in body
