"""Staff theme pages: list, theme, review queue; rename, review, reject, merge, split, move; roles, safety."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from surveys.models import CommentTheme, Theme, ThemeDecision, db
from surveys.services.understand import theme_decisions, theme_queries
from tests.factories import make_comment, make_partner, make_theme
from tests.html import banner_text, error_summary_links, field_names, link_hrefs, main_text, table_rows, title_text

RAW_NAME = "Priya Raman"


@pytest.fixture
def lead(client_request):
    return client_request.sign_in_as("coproduction_lead")


def theme_names(page) -> list[str]:
    """The themes in the list, in order."""
    return [row.select_one("td a").get_text(strip=True) for row in page.select("table tbody tr")]


def selected(page, name: str) -> list[str]:
    """The values of the options chosen in the select called ``name``."""
    return [option["value"] for option in page.select(f'select[name="{name}"] option[selected]')]


def comments(n, prefix="The CAMHS waiting list is too long", **fields):
    return [make_comment(f"{prefix} ({i})", **fields) for i in range(n)]


def decisions(kind=None) -> list[ThemeDecision]:
    query = select(ThemeDecision).order_by(ThemeDecision.id)
    if kind:
        query = query.where(ThemeDecision.kind == kind)
    return list(db.session.scalars(query))


def links(comment) -> set[tuple[int, str]]:
    db.session.expire_all()
    return {(link.theme_id, link.source)
            for link in db.session.scalars(select(CommentTheme).where(CommentTheme.comment_id == comment.id))}


def fresh(theme) -> Theme:
    db.session.expire_all()
    return db.session.get(Theme, theme.id)


# --- The list ------------------------------------------------------------------------------------------------


def test_list_shows_open_themes_largest_first_with_the_review_queue(client_request, lead):
    make_theme("Small theme", comments(1), key_terms=["taxi", "late"])
    make_theme("Big theme", comments(3), status="reviewed")
    make_theme("Rejected theme", status="rejected")
    target = make_theme("Kept theme")
    make_theme("Folded theme", status="merged", merged_into_id=target.id)
    make_comment("Nobody answered my emails")  # in no theme: waits in the review queue
    page = client_request.get("/staff/themes")
    assert theme_names(page) == ["Big theme", "Small theme", "Kept theme"]
    rows = table_rows(page)
    assert rows[0] == ["Big theme Reviewed", "3"]
    assert rows[1] == ["Small theme Proposed Key terms: taxi, late", "1"]
    assert link_hrefs(page, "Review queue: 1 comment no theme explains well") == ["/staff/themes/review"]
    assert link_hrefs(page, "Show rejected and merged themes") == ["/staff/themes?show=all"]
    page = client_request.get("/staff/themes?show=all")
    assert {"Rejected theme", "Folded theme"} <= set(theme_names(page))
    assert "Merged into Kept theme" in main_text(page)


def test_staff_menu_has_themes(client_request, lead):
    def current(page) -> list[str]:
        return [link["href"] for link in page.select('.govuk-service-navigation a[aria-current="true"]')]

    assert current(client_request.get("/staff/themes")) == ["/staff/themes"]  # the menu marks the area
    theme = make_theme("Transport")
    assert current(client_request.get(f"/staff/themes/{theme.id}")) == ["/staff/themes"]


# --- One theme: only redacted, unflagged text ----------------------------------------------------------------


def test_theme_page_never_shows_raw_text(client_request, lead):
    named = make_comment(f"{RAW_NAME} was not invited to the annual review",
                         redacted_text="[name] was not invited to the annual review", consent_quote=True)
    theme = make_theme("Annual reviews", [named, *comments(3)])
    for url in ["/staff/themes", f"/staff/themes/{theme.id}", f"/staff/themes/{theme.id}/comments/{named.id}/move",
                "/staff/themes/review"]:
        assert RAW_NAME not in str(client_request.get(url))
    text = main_text(client_request.get(f"/staff/themes/{theme.id}"))
    assert text.count("[name] was not invited to the annual review") == 2  # quoted, and in the list


def test_flagged_comments_are_never_quoted_or_listed(client_request, lead):
    flagged = make_comment("I am frightened he will hurt himself", consent_quote=True, safeguarding_flag=True,
                           safeguarding_reason="self-harm")
    theme = make_theme("Mental health", [flagged, *comments(3)])
    page = client_request.get(f"/staff/themes/{theme.id}")
    assert "frightened" not in str(page)
    assert "1 flagged as a possible safeguarding concern is not shown here" in main_text(page)
    client_request.get(f"/staff/themes/{theme.id}/comments/{flagged.id}/move", expected_status=404)
    assert "frightened" not in str(client_request.get("/staff/themes/review"))


def test_theme_page_shows_quotes_with_consent_and_how_comments_were_placed(client_request, lead):
    consented = comments(2, "Waiting for CAMHS", consent_quote=True)
    theme = make_theme("Waiting for CAMHS", [*consented, *comments(2)], confidence=0.34,
                       key_terms=["camhs", "wait"], what_this_means="Children wait too long for help.")
    moved = make_comment("Placed here by the forum")
    db.session.add(CommentTheme(comment_id=moved.id, theme_id=theme.id, source="manual", confidence=1.0))
    db.session.commit()
    page = client_request.get(f"/staff/themes/{theme.id}")
    quotes = page.select(".govuk-inset-text")
    assert len(quotes) >= 3
    consent = [quote.select_one("p.govuk-body-s").get_text(" ", strip=True) for quote in quotes]
    assert "Consent to quote" in consent and "No consent to quote" in consent
    assert consent.index("Consent to quote") < consent.index("No consent to quote")  # consented quotes first
    text = main_text(page)
    assert "Placed by a person" in text and "Placed by the model" in text
    assert "Confidence 34%, needs a person to check" in text
    assert "camhs, wait" in text and "Children wait too long for help." in text
    listed = text[text.index("Comments in this theme"):]
    assert listed.index("Placed here by the forum") < listed.index("Waiting for CAMHS (0)")  # people's first


def test_theme_comments_are_paged(client_request, lead, monkeypatch):
    monkeypatch.setattr(theme_queries, "PER_PAGE", 2)
    theme = make_theme("Lots", comments(5))
    page = client_request.get(f"/staff/themes/{theme.id}")
    assert "Showing 1 to 2 of 5" in main_text(page)
    assert f"/staff/themes/{theme.id}?page=3" in link_hrefs(page.select_one(".govuk-pagination"))
    page = client_request.get(f"/staff/themes/{theme.id}?page=3")
    assert "Showing 5 to 5 of 5" in main_text(page)
    assert page.select(f'form[action="/staff/themes/{theme.id}/split?page=3"]')
    assert "Showing 5 to 5" in main_text(client_request.get(f"/staff/themes/{theme.id}?page=99"))


def test_unknown_theme_is_404(client_request, lead):
    client_request.get("/staff/themes/999", expected_status=404)
    client_request.get("/staff/themes/999/reject", expected_status=404)


# --- Decisions through the pages ---------------------------------------------------------------------------


def test_rename(client_request, lead):
    theme = make_theme("camhs wait months")
    url = f"/staff/themes/{theme.id}"
    page = client_request.post(f"{url}/rename", {"theme_name": "  Waiting  for CAMHS "}, form_url=url, follow=True)
    assert "Theme renamed to ‘Waiting for CAMHS’" in banner_text(page)
    assert fresh(theme).label == "Waiting for CAMHS"
    [decision] = decisions("rename")
    assert decision.detail == {"old": "camhs wait months", "new": "Waiting for CAMHS"}
    assert decision.user_id == lead.id


def test_rename_problem_from_the_service_is_shown_as_a_form_error(client_request, lead):
    theme = make_theme("camhs wait months")
    url = f"/staff/themes/{theme.id}"
    page = client_request.post(f"{url}/rename", {"theme_name": "   "}, form_url=url, expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_summary_links(page) == [("Enter a name for the theme", "#theme_name")]
    assert page.select("#theme_name-error")
    assert fresh(theme).label == "camhs wait months" and not decisions()


def test_mark_reviewed(client_request, lead):
    theme = make_theme("Transport")
    url = f"/staff/themes/{theme.id}"
    assert "Mark as reviewed" in main_text(client_request.get(url))
    page = client_request.post(f"{url}/mark-reviewed", {}, form_url=url, follow=True)
    assert "‘Transport’ marked as reviewed" in banner_text(page)
    theme = fresh(theme)
    assert (theme.status, theme.public, theme.reviewed_by_id) == ("reviewed", True, lead.id)
    assert [d.kind for d in decisions()] == ["review"]
    assert "Mark as reviewed" not in main_text(client_request.get(url))


def test_a_decision_queues_one_retrain_for_the_worker_and_never_trains_in_the_request(client_request, lead,
                                                                                     monkeypatch, run_outbox):
    from surveys.models import OutboxItem, utcnow
    from surveys.services.understand import theme_assignment

    trained = []
    monkeypatch.setattr(theme_assignment, "train", lambda: trained.append(1))
    first, second = make_theme("Transport"), make_theme("Waiting")
    for theme in (first, second):
        url = f"/staff/themes/{theme.id}"
        client_request.post(f"{url}/mark-reviewed", {}, form_url=url, expected_redirect=url)
    assert trained == [], "no training inside a request"
    [item] = db.session.scalars(select(OutboxItem).where(OutboxItem.kind == "retrain_assigner")).all()
    assert item.status == "pending" and item.available_at > utcnow(), "two decisions share one retrain, a little later"
    run_outbox(now=utcnow() + timedelta(minutes=1))
    assert trained == [1]


def test_any_decision_error_is_shown_on_the_page(client_request, lead, monkeypatch):
    def refuse(*args, **kwargs):
        raise theme_decisions.DecisionError("Only a proposed theme can be marked as reviewed")

    monkeypatch.setattr(theme_decisions, "mark_reviewed", refuse)
    theme = make_theme("Transport")
    url = f"/staff/themes/{theme.id}"
    page = client_request.post(f"{url}/mark-reviewed", {}, form_url=url, expected_status=200)
    assert title_text(page).startswith("Error: ")
    message = "Only a proposed theme can be marked as reviewed"
    assert [text for text, _ in error_summary_links(page)] == [message]
    assert [error.get_text(" ", strip=True) for error in page.select(".govuk-error-message")] == [
        f"Error: {message}"]  # and beside the button


def test_reject_asks_first(client_request, lead):
    theme = make_theme("Not a theme", comments(2))
    url = f"/staff/themes/{theme.id}/reject"
    text = main_text(client_request.get(url))
    assert "Are you sure you want to reject ‘Not a theme’?" in text and "Its 2 comments leave" in text
    assert fresh(theme).status == "proposed" and not decisions()  # looking changes nothing
    page = client_request.post(url, {}, follow=True)
    assert "‘Not a theme’ rejected" in banner_text(page)
    assert fresh(theme).status == "rejected" and [d.kind for d in decisions()] == ["reject"]
    assert not db.session.scalars(select(CommentTheme)).all()
    assert "The CAMHS waiting list is too long (1)" in main_text(client_request.get("/staff/themes/review"))


def test_merge(client_request, lead):
    moving = comments(2)
    theme, into = make_theme("CAMHS waits", moving), make_theme("Waiting for CAMHS")
    make_theme("Old rejected one", status="rejected")
    url = f"/staff/themes/{theme.id}"
    page = client_request.get(url)
    offered = {option["value"]: option.get_text(strip=True) for option in page.select('select[name="into"] option')}
    assert offered[str(into.id)] == "Waiting for CAMHS (proposed)"
    assert not any("Old rejected one" in label for label in offered.values())
    client_request.post(f"{url}/merge", {"into": str(into.id)}, form_url=url,
                        expected_redirect=f"/staff/themes/{into.id}")
    page = client_request.get(f"/staff/themes/{into.id}")
    assert "‘CAMHS waits’ merged into ‘Waiting for CAMHS’" in banner_text(page)
    assert fresh(theme).status == "merged" and fresh(theme).merged_into_id == into.id
    assert all(links(c) == {(into.id, "model")} for c in moving)
    [decision] = decisions("merge")
    assert decision.detail == {"into": into.id}
    text = main_text(client_request.get(url))
    assert "Merged into" in text and "Rename theme" not in text


@pytest.mark.parametrize("into", ["", "999", "self", "rejected", "abc"])
def test_merge_into_something_not_offered_is_refused(client_request, lead, into):
    theme = make_theme("CAMHS waits", comments(1))
    rejected = make_theme("Rejected", status="rejected")
    value = {"self": str(theme.id), "rejected": str(rejected.id)}.get(into, into)
    url = f"/staff/themes/{theme.id}"
    page = client_request.post(f"{url}/merge", {"into": value}, form_url=url, expected_status=200)
    assert error_summary_links(page) == [("Select a theme to merge into", "#into")]
    assert fresh(theme).status == "proposed" and not decisions()


def test_split(client_request, lead):
    members = comments(3)
    theme = make_theme("Everything about CAMHS", members)
    url = f"/staff/themes/{theme.id}"
    boxes = [box["value"] for box in client_request.get(url).select('input[name="comment_ids"]')]
    assert str(members[0].id) in boxes
    page = client_request.post(f"{url}/split?page=1", {"comment_ids": [str(members[0].id), str(members[2].id)],
                                                       "new_theme_name": "CAMHS letters"}, form_url=url, follow=True)
    assert "New theme ‘CAMHS letters’ made from 2 comments" in banner_text(page)
    new = db.session.scalar(select(Theme).where(Theme.label == "CAMHS letters"))
    assert new.status == "reviewed"
    assert links(members[0]) == links(members[2]) == {(new.id, "manual")}
    assert links(members[1]) == {(theme.id, "model")}
    [decision] = decisions("split")
    assert decision.theme_id == theme.id and decision.detail["new_theme"] == new.id


def test_split_lists_every_problem_at_once_and_keeps_the_ticks(client_request, lead):
    members = comments(2)
    theme = make_theme("CAMHS", members)
    url = f"/staff/themes/{theme.id}"
    page = client_request.post(f"{url}/split", {"comment_ids": [], "new_theme_name": ""}, form_url=url,
                               expected_status=200)
    assert error_summary_links(page) == [("Select the comments that belong in the new theme", "#comment_ids"),
                                         ("Enter a name for the theme", "#new_theme_name")]
    page = client_request.post(f"{url}/split", {"comment_ids": [str(members[1].id)], "new_theme_name": ""},
                               form_url=url, expected_status=200)
    ticked = [box["value"] for box in page.select('input[name="comment_ids"][checked]')]
    assert ticked == [str(members[1].id)]
    assert not decisions() and db.session.scalar(select(Theme).where(Theme.id != theme.id)) is None


@pytest.mark.parametrize("chosen", ["other", "999", "abc"])
def test_split_with_tampered_comment_ids_changes_nothing(client_request, lead, chosen):
    other = make_comment("In another theme")
    elsewhere = make_theme("Other", [other])
    theme = make_theme("CAMHS", comments(2))
    value = str(other.id) if chosen == "other" else chosen
    url = f"/staff/themes/{theme.id}"
    page = client_request.post(f"{url}/split", {"comment_ids": [value], "new_theme_name": "Stolen"}, form_url=url,
                               expected_status=200)
    assert title_text(page).startswith("Error: ")
    message = "Select comments from the list" if chosen == "abc" else "Select the comments that belong in the new theme"
    assert message in [text for text, _ in error_summary_links(page)]
    assert links(other) == {(elsewhere.id, "model")} and not decisions()


def test_move_a_comment_from_a_theme(client_request, lead):
    comment, stays = make_comment("Taxi was late"), make_comment("Waiting for CAMHS")
    theme, to = make_theme("CAMHS", [comment, stays]), make_theme("Transport")
    url = f"/staff/themes/{theme.id}/comments/{comment.id}/move"
    assert url in link_hrefs(client_request.get(f"/staff/themes/{theme.id}"))
    text = main_text(client_request.get(url))
    assert "Taxi was late" in text and "Waiting for CAMHS" not in text
    client_request.post(url, {"theme": str(to.id)}, expected_redirect=f"/staff/themes/{theme.id}")
    assert "Comment moved to ‘Transport’" in banner_text(client_request.get(f"/staff/themes/{theme.id}"))
    assert links(comment) == {(to.id, "manual")}
    [decision] = decisions("move")
    assert decision.theme_id == to.id and decision.detail == {"comment": comment.id}


def test_move_page_refuses_tampered_ids(client_request, lead):
    comment, elsewhere = make_comment("Taxi was late"), make_comment("Elsewhere")
    theme, other = make_theme("CAMHS", [comment]), make_theme("Other", [elsewhere])
    client_request.get(f"/staff/themes/{theme.id}/comments/{elsewhere.id}/move", expected_status=404)
    client_request.get(f"/staff/themes/{theme.id}/comments/999/move", expected_status=404)
    client_request.get(f"/staff/themes/999/comments/{comment.id}/move", expected_status=404)
    url = f"/staff/themes/{theme.id}/comments/{comment.id}/move"
    for value in ["", "999", str(theme.id)]:
        page = client_request.post(url, {"theme": value}, expected_status=200)
        assert error_summary_links(page) == [("Select a theme to move the comment to", "#theme")]
    assert links(comment) == {(theme.id, "model")} and other.id and not decisions()


# --- The review queue --------------------------------------------------------------------------------------


def test_review_queue_lists_unthemed_and_unsure_comments_and_moves_them(client_request, lead):
    unthemed = make_comment("Nobody answered my emails")
    unsure, sure = make_comment("The bus was late"), make_comment("Waiting for CAMHS")
    transport = make_theme("Transport", [unsure], confidence=0.2)
    make_theme("CAMHS", [sure], confidence=0.9)
    page = client_request.get("/staff/themes/review")
    text = main_text(page)
    assert "Nobody answered my emails" in text and "The bus was late" in text and "Waiting for CAMHS" not in text
    assert "The model placed it in ‘Transport’ with 20% confidence" in text
    assert selected(page, f"comment-{unsure.id}-theme") == [str(transport.id)]  # the model's guess, to confirm
    field = f"comment-{unthemed.id}-theme"
    assert page.select_one(f'select[name="{field}"]')["id"] == field
    client_request.post(f"/staff/themes/review/{unthemed.id}/move?page=1", {field: str(transport.id)},
                        form_url="/staff/themes/review", expected_redirect="/staff/themes/review?page=1")
    page = client_request.get("/staff/themes/review?page=1")
    assert "Comment moved to ‘Transport’" in banner_text(page)
    assert "Nobody answered my emails" not in main_text(page)
    assert links(unthemed) == {(transport.id, "manual")} and [d.kind for d in decisions()] == ["move"]


def test_review_queue_shows_a_bad_choice_beside_that_comment(client_request, lead):
    first, second = make_comment("First comment"), make_comment("Second comment")
    make_theme("Transport")
    page = client_request.post(f"/staff/themes/review/{second.id}/move", {f"comment-{second.id}-theme": "999"},
                               form_url="/staff/themes/review", expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_summary_links(page) == [("Select a theme to move the comment to", f"#comment-{second.id}-theme")]
    assert page.select(f"#comment-{second.id}-theme-error") and not page.select(f"#comment-{first.id}-theme-error")
    assert not decisions()


def test_review_queue_refuses_unknown_and_flagged_comments(client_request, lead):
    flagged = make_comment("He said he would hurt her", safeguarding_flag=True)
    theme = make_theme("Transport")
    for comment_id in (flagged.id, 999):
        client_request.post(f"/staff/themes/review/{comment_id}/move", {f"comment-{comment_id}-theme": str(theme.id)},
                            form_url="/staff/themes/review", expected_status=404)
    assert not decisions()


def test_empty_pages_read_well(client_request, lead):
    assert "There are no proposed or reviewed themes yet" in main_text(client_request.get("/staff/themes"))
    assert "There are no comments waiting for review" in main_text(client_request.get("/staff/themes/review"))
    theme = make_theme("Empty")
    assert "There are no comments to quote yet" in main_text(client_request.get(f"/staff/themes/{theme.id}"))


# --- Closed themes, roles, security -------------------------------------------------------------------------


def test_a_rejected_theme_cannot_be_changed_from_an_old_page(client_request, lead):
    theme = make_theme("Transport", status="rejected")
    url = f"/staff/themes/{theme.id}"
    assert "Rename theme" not in main_text(client_request.get(url))
    for action, data in [("rename", {"theme_name": "New"}), ("mark-reviewed", {}), ("reject", {}),
                         ("merge", {"into": str(make_theme("Other").id)}), ("split", {"new_theme_name": "X"})]:
        page = client_request.post(f"{url}/{action}", data, form_url=url, follow=True)
        assert "This theme was rejected, so it can no longer be changed" in banner_text(page), action
    theme = fresh(theme)
    assert (theme.label, theme.status) == ("Transport", "rejected") and not decisions()


def test_forum_representative_decides_too(client_request):
    theme = make_theme("camhs")
    user = client_request.sign_in_as("pcf_rep", make_partner("Exampleshire Parent Carer Forum",
                                                             kind="parent_carer_forum"))
    url = f"/staff/themes/{theme.id}"
    client_request.post(f"{url}/rename", {"theme_name": "Waiting for CAMHS"}, form_url=url)
    assert fresh(theme).label == "Waiting for CAMHS"
    assert decisions("rename")[0].user_id == user.id


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_readers_see_themes_but_cannot_decide(client_request, role):
    comment = make_comment("Taxi was late")
    theme, other = make_theme("Transport", [comment]), make_theme("Other")
    client_request.sign_in_as(role)
    url = f"/staff/themes/{theme.id}"
    page = client_request.get(url)
    text = main_text(page)
    assert "Taxi was late" in text
    assert "Rename theme" not in text and "Reject this theme" not in text and "comment_ids" not in field_names(page)
    assert "Move to theme" not in main_text(client_request.get("/staff/themes/review"))
    for action, data in [("rename", {"theme_name": "New"}), ("mark-reviewed", {}), ("reject", {}),
                         ("merge", {"into": str(other.id)}), ("split", {"comment_ids": [str(comment.id)]}),
                         (f"comments/{comment.id}/move", {"theme": str(other.id)})]:
        client_request.post(f"{url}/{action}", data, form_url=url, expected_status=403)
    client_request.get(f"{url}/reject", expected_status=403)
    client_request.get(f"{url}/comments/{comment.id}/move", expected_status=403)
    client_request.post(f"/staff/themes/review/{comment.id}/move", form_url=url, expected_status=403)
    assert fresh(theme).label == "Transport" and not decisions()


@pytest.mark.parametrize("role", ["partner_lead", "complaints_officer", "safeguarding_lead"])
def test_other_roles_do_not_see_themes(client_request, role):
    theme = make_theme("Transport", comments(1))
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    for url in ["/staff/themes", f"/staff/themes/{theme.id}", "/staff/themes/review",
                f"/staff/themes/{theme.id}/reject"]:
        client_request.get(url, expected_status=403)


def test_themes_need_sign_in(client_request):
    theme = make_theme("Transport")
    for url in ["/staff/themes", f"/staff/themes/{theme.id}", "/staff/themes/review"]:
        client_request.get(url, expected_status=302, expected_redirect="/staff/login")


def test_decisions_without_the_security_token_are_refused(client_request, lead):
    comment = make_comment("Taxi was late")
    theme, other = make_theme("Transport", [comment]), make_theme("Other")
    url = f"/staff/themes/{theme.id}"
    for action, data in [(f"{url}/rename", {"theme_name": "New"}), (f"{url}/mark-reviewed", {}),
                         (f"{url}/reject", {}), (f"{url}/merge", {"into": str(other.id)}),
                         (f"{url}/split", {"comment_ids": [str(comment.id)], "new_theme_name": "X"}),
                         (f"{url}/comments/{comment.id}/move", {"theme": str(other.id)}),
                         (f"/staff/themes/review/{comment.id}/move", {f"comment-{comment.id}-theme": str(other.id)})]:
        assert client_request.client.post(action, data=data).status_code == 400
    assert fresh(theme).label == "Transport" and fresh(theme).status == "proposed" and not decisions()
