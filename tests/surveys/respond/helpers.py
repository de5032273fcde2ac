"""Answering surveys through the respondent pages, as a browser would."""


def post_page(client_request, page: int, data: dict, *, change: bool = False, files: dict | None = None,
              **expected):
    """Load a survey page, then post it with its CSRF token and the version it shows, like a browser.

    Expects a redirect to the next page unless told otherwise (``expected_status=200`` for a page with errors).
    """
    url = f"/respond/survey/page/{page}" + ("?change=1" if change else "")
    version_id = client_request.get(url).select_one('input[name="version_id"]')["value"]
    return client_request.post(url, {"version_id": version_id, **data}, files=files, **expected)


def submit(client_request, **expected):
    """Press the check-answers page's send button."""
    return client_request.post("/respond/survey/submit", form_url="/respond/survey/check", **expected)


def start(client_request, slug: str = "after-plan") -> None:
    """Open a survey's open link, as a respondent following it."""
    client_request.get(f"/respond/s/{slug}", expected_status=302)


def answer_parent_survey(client_request, slug: str = "after-plan", *,
                         better: str = "Emails were not answered.") -> None:
    """Answer every page of the parent survey from the open link."""
    start(client_request, slug)
    post_page(client_request, 1, {"overall": "2"})
    post_page(client_request, 2, {"went_well": "The caseworker was kind.", "better": better})
    post_page(client_request, 3, {"worried": "no"})
    post_page(client_request, 5, {"consent_quote": "yes", "consent_contact": "no"})
