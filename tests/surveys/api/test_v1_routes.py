"""Every /api/v1 route says who may use it: token routes carry ``api_token_required`` and their roles; the
document and the reference page are marked public."""


def test_every_api_v1_route_declares_who_may_use_it(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")]
    assert len(rules) >= 15
    for rule in rules:
        view = app.view_functions[rule.endpoint]
        if rule.endpoint in ("api_v1_docs.docs", "api-docs.openapi_json"):
            assert view.public_access is True, rule.rule
            continue
        assert getattr(view, "api_token_required", False) is True, rule.rule
        assert view.allowed_roles, rule.rule
