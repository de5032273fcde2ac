"""Staff theme pages: list, theme, review queue; rename, review, reject, merge, split, move; roles, safety."""

import pytest
from sqlalchemy import select

from surveys.models import CommentTheme, Theme, ThemeDecision, db
from surveys.services.understand import theme_decisions
from surveys.staff import theme_views
from tests.factories import PASSWORD, make_comment, make_partner, make_theme, make_user
from tests.html import check_page, csrf_token_from

RAW_NAME = "Priya Raman"


def signed_in_as(login, role, partner=None):
    user = make_user(role, partner=partner)
    login(user.email, PASSWORD)
    return user


@pytest.fixture
def lead(client, login, app_context):
    return signed_in_as(login, "coproduction_lead")


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    check_page(html)
    return html


def post_from(client, page_url, action_url, data):
    """Load a page, then post one of its forms with the page's security token, as a browser does."""
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(action_url, data={"csrf_token": token, **data})


def words(html: str) -> str:
    """The page with runs of spaces and line breaks as one space."""
    return " ".join(html.split())


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


def followed(client, response) -> str:
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    check_page(html)
    return html


# --- The list ------------------------------------------------------------------------------------------------


def test_list_shows_open_themes_largest_first_with_the_review_queue(client, lead):
    make_theme("Small theme", comments(1), key_terms=["taxi", "late"])
    make_theme("Big theme", comments(3), status="reviewed")
    make_theme("Rejected theme", status="rejected")
    target = make_theme("Kept theme")
    make_theme("Folded theme", status="merged", merged_into_id=target.id)
    make_comment("Nobody answered my emails")  # in no theme: waits in the review queue
    html = page(client, "/staff/themes")
    assert html.index("Big theme") < html.index("Small theme") < html.index("Kept theme")
    assert "Key terms: taxi, late" in html and "Reviewed" in html and "Proposed" in html
    assert "Rejected theme" not in html and "Folded theme" not in html
    assert "Review queue: 1 comment no theme explains well" in words(html)
    assert 'href="/staff/themes?show=all">Show rejected and merged themes' in html
    html = page(client, "/staff/themes?show=all")
    assert "Rejected theme" in html and "Folded theme" in html and "Merged into" in html


def test_staff_menu_has_themes(client, lead):
    html = page(client, "/staff/themes")
    assert 'href="/staff/themes" aria-current="true"' in html  # the menu marks the area
    theme = make_theme("Transport")
    assert 'href="/staff/themes" aria-current="true"' in page(client, f"/staff/themes/{theme.id}")


# --- One theme: only redacted, unflagged text ----------------------------------------------------------------


def test_theme_page_never_shows_raw_text(client, lead):
    named = make_comment(f"{RAW_NAME} was not invited to the annual review",
                         redacted_text="[name] was not invited to the annual review", consent_quote=True)
    theme = make_theme("Annual reviews", [named, *comments(3)])
    for url in ["/staff/themes", f"/staff/themes/{theme.id}", f"/staff/themes/{theme.id}/comments/{named.id}/move",
                "/staff/themes/review"]:
        assert RAW_NAME not in page(client, url)
    html = page(client, f"/staff/themes/{theme.id}")
    assert html.count("[name] was not invited to the annual review") == 2  # quoted, and in the list


def test_flagged_comments_are_never_quoted_or_listed(client, lead):
    flagged = make_comment("I am frightened he will hurt himself", consent_quote=True, safeguarding_flag=True,
                           safeguarding_reason="self-harm")
    theme = make_theme("Mental health", [flagged, *comments(3)])
    html = page(client, f"/staff/themes/{theme.id}")
    assert "frightened" not in html
    assert "1 flagged as a possible safeguarding concern is not shown here" in html
    assert client.get(f"/staff/themes/{theme.id}/comments/{flagged.id}/move").status_code == 404
    assert "frightened" not in page(client, "/staff/themes/review")


def test_theme_page_shows_quotes_with_consent_and_how_comments_were_placed(client, lead):
    consented = comments(2, "Waiting for CAMHS", consent_quote=True)
    theme = make_theme("Waiting for CAMHS", [*consented, *comments(2)], confidence=0.34,
                       key_terms=["camhs", "wait"], what_this_means="Children wait too long for help.")
    moved = make_comment("Placed here by the forum")
    db.session.add(CommentTheme(comment_id=moved.id, theme_id=theme.id, source="manual", confidence=1.0))
    db.session.commit()
    html = page(client, f"/staff/themes/{theme.id}")
    assert html.count('class="govuk-inset-text"') >= 3
    assert "Consent to quote" in html and "No consent to quote" in html
    assert html.index("Consent to quote") < html.index("No consent to quote")  # consented quotes first
    assert "Placed by a person" in html and "Placed by the model" in html
    assert "Confidence 34%, needs a person to check" in html
    assert "camhs, wait" in html and "Children wait too long for help." in html
    listed = html[html.index("Comments in this theme"):]
    assert listed.index("Placed here by the forum") < listed.index("Waiting for CAMHS (0)")  # people's first


def test_theme_comments_are_paged(client, lead, monkeypatch):
    monkeypatch.setattr(theme_views, "PER_PAGE", 2)
    theme = make_theme("Lots", comments(5))
    html = page(client, f"/staff/themes/{theme.id}")
    assert "Showing 1 to 2 of 5" in html and f"/staff/themes/{theme.id}?page=3" in html
    html = page(client, f"/staff/themes/{theme.id}?page=3")
    assert "Showing 5 to 5 of 5" in html and f'action="/staff/themes/{theme.id}/split?page=3"' in html
    assert "Showing 5 to 5" in page(client, f"/staff/themes/{theme.id}?page=99")


def test_unknown_theme_is_404(client, lead):
    assert client.get("/staff/themes/999").status_code == 404
    assert client.get("/staff/themes/999/reject").status_code == 404


# --- Decisions through the pages ---------------------------------------------------------------------------


def test_rename(client, lead):
    theme = make_theme("camhs wait months")
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/rename", {"theme_name": "  Waiting  for CAMHS "})
    assert "Theme renamed to ‘Waiting for CAMHS’" in followed(client, response)
    assert fresh(theme).label == "Waiting for CAMHS"
    [decision] = decisions("rename")
    assert decision.detail == {"old": "camhs wait months", "new": "Waiting for CAMHS"}
    assert decision.user_id == lead.id


def test_rename_problem_from_the_service_is_shown_as_a_form_error(client, lead):
    theme = make_theme("camhs wait months")
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/rename", {"theme_name": "   "})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "<title>Error: " in html and 'href="#theme_name">Enter a name for the theme' in html
    assert 'id="theme_name-error"' in html
    assert fresh(theme).label == "camhs wait months" and not decisions()


def test_mark_reviewed(client, lead):
    theme = make_theme("Transport")
    url = f"/staff/themes/{theme.id}"
    assert "Mark as reviewed" in page(client, url)
    response = post_from(client, url, f"{url}/mark-reviewed", {})
    assert "‘Transport’ marked as reviewed" in followed(client, response)
    theme = fresh(theme)
    assert (theme.status, theme.public, theme.reviewed_by_id) == ("reviewed", True, lead.id)
    assert [d.kind for d in decisions()] == ["review"]
    assert "Mark as reviewed" not in page(client, url)


def test_any_decision_error_is_shown_on_the_page(client, lead, monkeypatch):
    def refuse(*args, **kwargs):
        raise theme_decisions.DecisionError("Only a proposed theme can be marked as reviewed")

    monkeypatch.setattr(theme_decisions, "mark_reviewed", refuse)
    theme = make_theme("Transport")
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/mark-reviewed", {})
    html = response.get_data(as_text=True)
    check_page(html)
    assert response.status_code == 200 and "<title>Error: " in html
    assert html.count("Only a proposed theme can be marked as reviewed") == 2  # summary and beside the button


def test_reject_asks_first(client, lead):
    theme = make_theme("Not a theme", comments(2))
    url = f"/staff/themes/{theme.id}/reject"
    html = page(client, url)
    assert "Are you sure you want to reject ‘Not a theme’?" in html and "Its 2 comments leave" in html
    assert fresh(theme).status == "proposed" and not decisions()  # looking changes nothing
    response = post_from(client, url, url, {})
    assert "‘Not a theme’ rejected" in followed(client, response)
    assert fresh(theme).status == "rejected" and [d.kind for d in decisions()] == ["reject"]
    assert not db.session.scalars(select(CommentTheme)).all()
    assert "The CAMHS waiting list is too long (1)" in page(client, "/staff/themes/review")


def test_merge(client, lead):
    moving = comments(2)
    theme, into = make_theme("CAMHS waits", moving), make_theme("Waiting for CAMHS")
    make_theme("Old rejected one", status="rejected")
    url = f"/staff/themes/{theme.id}"
    html = page(client, url)
    assert f'<option value="{into.id}">Waiting for CAMHS (proposed)</option>' in html
    assert "Old rejected one" not in html
    response = post_from(client, url, f"{url}/merge", {"into": str(into.id)})
    assert response.headers["Location"].endswith(f"/staff/themes/{into.id}")
    assert "‘CAMHS waits’ merged into ‘Waiting for CAMHS’" in followed(client, response)
    assert fresh(theme).status == "merged" and fresh(theme).merged_into_id == into.id
    assert all(links(c) == {(into.id, "model")} for c in moving)
    [decision] = decisions("merge")
    assert decision.detail == {"into": into.id}
    assert "Merged into" in page(client, url) and "Rename theme" not in page(client, url)


@pytest.mark.parametrize("into", ["", "999", "self", "rejected", "abc"])
def test_merge_into_something_not_offered_is_refused(client, lead, into):
    theme = make_theme("CAMHS waits", comments(1))
    rejected = make_theme("Rejected", status="rejected")
    value = {"self": str(theme.id), "rejected": str(rejected.id)}.get(into, into)
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/merge", {"into": value})
    html = response.get_data(as_text=True)
    check_page(html)
    assert response.status_code == 200 and 'href="#into">Select a theme to merge into' in html
    assert fresh(theme).status == "proposed" and not decisions()


def test_split(client, lead):
    members = comments(3)
    theme = make_theme("Everything about CAMHS", members)
    url = f"/staff/themes/{theme.id}"
    html = page(client, url)
    assert 'name="comment_ids"' in html and f'value="{members[0].id}"' in html
    response = post_from(client, url, f"{url}/split?page=1",
                         {"comment_ids": [str(members[0].id), str(members[2].id)], "new_theme_name": "CAMHS letters"})
    assert "New theme ‘CAMHS letters’ made from 2 comments" in followed(client, response)
    new = db.session.scalar(select(Theme).where(Theme.label == "CAMHS letters"))
    assert new.status == "reviewed"
    assert links(members[0]) == links(members[2]) == {(new.id, "manual")}
    assert links(members[1]) == {(theme.id, "model")}
    [decision] = decisions("split")
    assert decision.theme_id == theme.id and decision.detail["new_theme"] == new.id


def test_split_lists_every_problem_at_once_and_keeps_the_ticks(client, lead):
    members = comments(2)
    theme = make_theme("CAMHS", members)
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/split", {"comment_ids": [], "new_theme_name": ""})
    html = response.get_data(as_text=True)
    check_page(html)
    assert 'href="#comment_ids">Select the comments that belong in the new theme' in html
    assert 'href="#new_theme_name">Enter a name for the theme' in html
    response = post_from(client, url, f"{url}/split", {"comment_ids": [str(members[1].id)], "new_theme_name": ""})
    assert f'value="{members[1].id}" checked' in response.get_data(as_text=True)
    assert not decisions() and db.session.scalar(select(Theme).where(Theme.id != theme.id)) is None


@pytest.mark.parametrize("chosen", ["other", "999", "abc"])
def test_split_with_tampered_comment_ids_changes_nothing(client, lead, chosen):
    other = make_comment("In another theme")
    elsewhere = make_theme("Other", [other])
    theme = make_theme("CAMHS", comments(2))
    value = str(other.id) if chosen == "other" else chosen
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/split", {"comment_ids": [value], "new_theme_name": "Stolen"})
    html = response.get_data(as_text=True)
    check_page(html)
    assert response.status_code == 200 and "<title>Error: " in html
    message = "Select comments from the list" if chosen == "abc" else "Select the comments that belong in the new theme"
    assert message in html
    assert links(other) == {(elsewhere.id, "model")} and not decisions()


def test_move_a_comment_from_a_theme(client, lead):
    comment, stays = make_comment("Taxi was late"), make_comment("Waiting for CAMHS")
    theme, to = make_theme("CAMHS", [comment, stays]), make_theme("Transport")
    url = f"/staff/themes/{theme.id}/comments/{comment.id}/move"
    assert f'href="{url}"' in page(client, f"/staff/themes/{theme.id}")
    html = page(client, url)
    assert "Taxi was late" in html and "Waiting for CAMHS" not in html
    response = post_from(client, url, url, {"theme": str(to.id)})
    assert response.headers["Location"].endswith(f"/staff/themes/{theme.id}")
    assert "Comment moved to ‘Transport’" in followed(client, response)
    assert links(comment) == {(to.id, "manual")}
    [decision] = decisions("move")
    assert decision.theme_id == to.id and decision.detail == {"comment": comment.id}


def test_move_page_refuses_tampered_ids(client, lead):
    comment, elsewhere = make_comment("Taxi was late"), make_comment("Elsewhere")
    theme, other = make_theme("CAMHS", [comment]), make_theme("Other", [elsewhere])
    assert client.get(f"/staff/themes/{theme.id}/comments/{elsewhere.id}/move").status_code == 404
    assert client.get(f"/staff/themes/{theme.id}/comments/999/move").status_code == 404
    assert client.get(f"/staff/themes/999/comments/{comment.id}/move").status_code == 404
    url = f"/staff/themes/{theme.id}/comments/{comment.id}/move"
    for value in ["", "999", str(theme.id)]:
        response = post_from(client, url, url, {"theme": value})
        assert response.status_code == 200
        assert 'href="#theme">Select a theme to move the comment to' in response.get_data(as_text=True)
    assert links(comment) == {(theme.id, "model")} and other.id and not decisions()


# --- The review queue --------------------------------------------------------------------------------------


def test_review_queue_lists_unthemed_and_unsure_comments_and_moves_them(client, lead):
    unthemed = make_comment("Nobody answered my emails")
    unsure, sure = make_comment("The bus was late"), make_comment("Waiting for CAMHS")
    transport = make_theme("Transport", [unsure], confidence=0.2)
    make_theme("CAMHS", [sure], confidence=0.9)
    html = page(client, "/staff/themes/review")
    assert "Nobody answered my emails" in html and "The bus was late" in html and "Waiting for CAMHS" not in html
    assert "The model placed it in ‘Transport’ with 20% confidence" in html
    assert f'<option value="{transport.id}" selected>' in html  # the model's guess, to confirm or change
    field = f"comment-{unthemed.id}-theme"
    assert f'name="{field}"' in html and f'id="{field}"' in html
    response = post_from(client, "/staff/themes/review", f"/staff/themes/review/{unthemed.id}/move?page=1",
                         {field: str(transport.id)})
    assert response.headers["Location"].endswith("/staff/themes/review?page=1")
    html = followed(client, response)
    assert "Comment moved to ‘Transport’" in html and "Nobody answered my emails" not in html
    assert links(unthemed) == {(transport.id, "manual")} and [d.kind for d in decisions()] == ["move"]


def test_review_queue_shows_a_bad_choice_beside_that_comment(client, lead):
    first, second = make_comment("First comment"), make_comment("Second comment")
    make_theme("Transport")
    response = post_from(client, "/staff/themes/review", f"/staff/themes/review/{second.id}/move",
                         {f"comment-{second.id}-theme": "999"})
    html = response.get_data(as_text=True)
    check_page(html)
    assert response.status_code == 200 and "<title>Error: " in html
    assert f'href="#comment-{second.id}-theme">Select a theme to move the comment to' in html
    assert f'id="comment-{second.id}-theme-error"' in html and f'id="comment-{first.id}-theme-error"' not in html
    assert not decisions()


def test_review_queue_refuses_unknown_and_flagged_comments(client, lead):
    flagged = make_comment("He said he would hurt her", safeguarding_flag=True)
    theme = make_theme("Transport")
    for comment_id in (flagged.id, 999):
        response = post_from(client, "/staff/themes/review", f"/staff/themes/review/{comment_id}/move",
                             {f"comment-{comment_id}-theme": str(theme.id)})
        assert response.status_code == 404
    assert not decisions()


def test_empty_pages_read_well(client, lead):
    assert "There are no proposed or reviewed themes yet" in page(client, "/staff/themes")
    assert "There are no comments waiting for review" in page(client, "/staff/themes/review")
    theme = make_theme("Empty")
    assert "There are no comments to quote yet" in page(client, f"/staff/themes/{theme.id}")


# --- Closed themes, roles, security -------------------------------------------------------------------------


def test_a_rejected_theme_cannot_be_changed_from_an_old_page(client, lead):
    theme = make_theme("Transport", status="rejected")
    url = f"/staff/themes/{theme.id}"
    assert "Rename theme" not in page(client, url)
    for action, data in [("rename", {"theme_name": "New"}), ("mark-reviewed", {}), ("reject", {}),
                         ("merge", {"into": str(make_theme("Other").id)}), ("split", {"new_theme_name": "X"})]:
        response = post_from(client, url, f"{url}/{action}", data)
        assert "This theme was rejected, so it can no longer be changed" in followed(client, response)
    theme = fresh(theme)
    assert (theme.label, theme.status) == ("Transport", "rejected") and not decisions()


def test_forum_representative_decides_too(client, login, app_context):
    theme = make_theme("camhs")
    user = signed_in_as(login, "pcf_rep", make_partner("Exampleshire Parent Carer Forum", kind="parent_carer_forum"))
    url = f"/staff/themes/{theme.id}"
    response = post_from(client, url, f"{url}/rename", {"theme_name": "Waiting for CAMHS"})
    assert response.status_code == 302 and fresh(theme).label == "Waiting for CAMHS"
    assert decisions("rename")[0].user_id == user.id


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_readers_see_themes_but_cannot_decide(client, login, app_context, role):
    comment = make_comment("Taxi was late")
    theme, other = make_theme("Transport", [comment]), make_theme("Other")
    signed_in_as(login, role)
    url = f"/staff/themes/{theme.id}"
    html = page(client, url)
    assert "Taxi was late" in html
    assert "Rename theme" not in html and "Reject this theme" not in html and 'name="comment_ids"' not in html
    queue = page(client, "/staff/themes/review")
    assert "Move to theme" not in queue
    token = csrf_token_from(html)
    for action, data in [("rename", {"theme_name": "New"}), ("mark-reviewed", {}), ("reject", {}),
                         ("merge", {"into": str(other.id)}), ("split", {"comment_ids": [str(comment.id)]}),
                         (f"comments/{comment.id}/move", {"theme": str(other.id)})]:
        assert client.post(f"{url}/{action}", data={"csrf_token": token, **data}).status_code == 403
    assert client.get(f"{url}/reject").status_code == 403
    assert client.get(f"{url}/comments/{comment.id}/move").status_code == 403
    assert client.post(f"/staff/themes/review/{comment.id}/move", data={"csrf_token": token}).status_code == 403
    assert fresh(theme).label == "Transport" and not decisions()


@pytest.mark.parametrize("role", ["partner_lead", "complaints_officer", "safeguarding_lead"])
def test_other_roles_do_not_see_themes(client, login, app_context, role):
    theme = make_theme("Transport", comments(1))
    signed_in_as(login, role, make_partner() if role == "partner_lead" else None)
    for url in ["/staff/themes", f"/staff/themes/{theme.id}", "/staff/themes/review",
                f"/staff/themes/{theme.id}/reject"]:
        assert client.get(url).status_code == 403


def test_themes_need_sign_in(client, app_context):
    theme = make_theme("Transport")
    for url in ["/staff/themes", f"/staff/themes/{theme.id}", "/staff/themes/review"]:
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_decisions_without_the_security_token_are_refused(client, lead):
    comment = make_comment("Taxi was late")
    theme, other = make_theme("Transport", [comment]), make_theme("Other")
    url = f"/staff/themes/{theme.id}"
    for action, data in [(f"{url}/rename", {"theme_name": "New"}), (f"{url}/mark-reviewed", {}),
                         (f"{url}/reject", {}), (f"{url}/merge", {"into": str(other.id)}),
                         (f"{url}/split", {"comment_ids": [str(comment.id)], "new_theme_name": "X"}),
                         (f"{url}/comments/{comment.id}/move", {"theme": str(other.id)}),
                         (f"/staff/themes/review/{comment.id}/move", {f"comment-{comment.id}-theme": str(other.id)})]:
        assert client.post(action, data=data).status_code == 400
    assert fresh(theme).label == "Transport" and fresh(theme).status == "proposed" and not decisions()
