"""Answering surveys through the respondent pages, as a browser would."""

from tests.html import csrf_token_from


def post_page(client, page: int, data: dict, *, change: bool = False, files: dict | None = None):
    """Load a survey page, then post it with its CSRF token and version, like a browser."""
    url = f"/respond/survey/page/{page}" + ("?change=1" if change else "")
    html = client.get(url).get_data(as_text=True)
    form = {"csrf_token": csrf_token_from(html), "version_id": _version_id(html), **data}
    if files:
        form.update(files)
        return client.post(url, data=form, content_type="multipart/form-data")
    return client.post(url, data=form)


def _version_id(html: str) -> str:
    marker = 'name="version_id" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def submit(client):
    """Post the check-answers page's send button."""
    html = client.get("/respond/survey/check").get_data(as_text=True)
    return client.post("/respond/survey/submit", data={"csrf_token": csrf_token_from(html)})


def answer_parent_survey(client, slug: str = "after-plan", *, better: str = "Emails were not answered.") -> None:
    """Answer every page of the parent survey from the open link."""
    client.get(f"/respond/s/{slug}")
    post_page(client, 1, {"overall": "2"})
    post_page(client, 2, {"went_well": "The caseworker was kind.", "better": better})
    post_page(client, 3, {"worried": "no"})
    post_page(client, 5, {"consent_quote": "yes", "consent_contact": "no"})
