"""Every route declares who may use it, menus and links follow the same declarations, and every route that changes
state refuses a request without a CSRF token.

Walks the URL map: a new route without ``roles_required``, ``signed_in`` or ``public`` (or in a public blueprint)
fails here.
"""

import pytest
from sqlalchemy import func, select
from werkzeug.routing import AnyConverter, IntegerConverter

from surveys import create_app
from surveys.models import ROLES, db
from surveys.staff.access import PUBLIC_BLUEPRINTS, declared_access
from tests.factories import make_partner
from tests.html import main_text, parse_page

PUBLIC_STAFF_ROUTES = {"staff.login", "staff.two_factor_code", "staff.two_factor_setup", "staff.set_password"}
POST = "POST"


def undeclared(app) -> list[str]:
    """Endpoints outside the public blueprints whose view declares nobody."""
    return sorted(rule.endpoint for rule in app.url_map.iter_rules()
                  if rule.endpoint != "static" and rule.endpoint.split(".")[0] not in PUBLIC_BLUEPRINTS
                  and declared_access(app.view_functions[rule.endpoint]) is None)


def test_every_route_declares_who_may_use_it(app):
    assert undeclared(app) == []


def test_a_new_route_without_a_declaration_fails(tmp_path):
    fresh = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    fresh.add_url_rule("/staff/forgotten", "staff.forgotten", lambda: "anyone can see this")
    assert undeclared(fresh) == ["staff.forgotten"]


def test_the_public_staff_routes_are_only_the_sign_in_steps(app):
    public = {rule.endpoint for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("staff.") and declared_access(app.view_functions[rule.endpoint]) == "public"}
    assert public == PUBLIC_STAFF_ROUTES


def sample_url(rule) -> str:
    """A URL for ``rule`` with a plausible value in each part (an id, the first of a choice, a word)."""
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            values[name] = 1
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "x"
    return rule.build(values)[1]


def post_rules(app):
    return [rule for rule in app.url_map.iter_rules() if POST in (rule.methods or ())]


def test_every_state_changing_route_refuses_a_request_without_a_csrf_token(client_request, app):
    rules = post_rules(app)
    assert len(rules) > 40  # the walk sees the workspace, not an empty map
    client_request.sign_in_as("admin")
    before = row_counts()
    for rule in rules:
        response = client_request.client.post(sample_url(rule), data={"anything": "1"})
        # API routes read no cookie, so they need no CSRF token: without a bearer token they refuse with 401.
        refused = 401 if getattr(app.view_functions[rule.endpoint], "api_token_required", False) else 400
        assert response.status_code == refused, f"{rule.rule} answered {response.status_code} without a token"
        assert row_counts() == before, f"{rule.rule} stored something without a CSRF token"
    response = client_request.client.post("/staff/logout")
    assert "timed out" in main_text(parse_page(response.get_data(as_text=True)))


def row_counts() -> dict[str, int]:
    db.session.rollback()
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_workspace_links_only_to_pages_the_role_may_open(client_request, role):
    partner = make_partner()
    client_request.sign_in_as(role, partner=partner if role == "partner_lead" else None)
    home = client_request.get("/staff/")
    links = {a["href"].split("#")[0] for a in home.select("a[href^='/staff/']")}
    assert links, "the workspace home links somewhere"
    refused = [href for href in sorted(links) if client_request.client.get(href).status_code == 403]
    assert refused == []
