"""The generated document and the browsable reference: same endpoints, no third-party assets, public."""

from tests.html import parse_page

ENDPOINTS = ("/api/v1/surveys", "/api/v1/responses", "/api/v1/comments", "/api/v1/themes", "/api/v1/actions",
             "/api/v1/actions/{action_id}", "/api/v1/log", "/api/v1/publications", "/api/v1/publications/{version}",
             "/api/v1/cases/statistics", "/api/v1/dashboard", "/api/v1/invitations",
             "/api/v1/actions/{action_id}/updates")


def test_the_document_is_generated_from_the_schemas(client, app_context):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.0.3"
    assert set(ENDPOINTS) <= set(spec["paths"])
    assert spec["security"] == [{"token": []}]
    comments = spec["paths"]["/api/v1/comments"]["get"]
    names = {parameter.get("name") for parameter in comments["parameters"]}
    assert {"from", "to", "audience", "locality", "partner", "theme", "cursor", "limit"} <= names
    assert "304" in comments["responses"]
    problem = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(problem) == ["application/problem+json"]
    # the response schema is the one that dumps comments: it has the redacted text and no raw text
    comment = spec["components"]["schemas"]["Comment"]["properties"]
    assert "text" in comment and "raw_text" not in comment


def test_the_reference_page_lists_every_endpoint_without_a_cdn(client, app_context):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = parse_page(response.get_data(as_text=True))
    headings = [h2.text.strip() for h2 in page.select("section h2")]
    for path in ENDPOINTS:
        assert any(heading.endswith(" " + path) for heading in headings), path
    for element in page.select("script[src], link[href], img[src]"):
        source = element.get("src") or element.get("href")
        assert source.startswith("/"), source  # served by the app itself
    assert not page.select("script:not([src])") or all(s.get("nonce") for s in page.select("script:not([src])"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "cdn" not in csp
    captions = [caption.text for caption in page.select("table caption")]
    assert any("Parameters of GET /api/v1/comments" in caption for caption in captions)
