"""Schemathesis against the generated /api/v1/openapi.json, through WSGI (no server): no server errors, and every
response matches the document. Few examples per operation, so it stays quick inside ``make test``."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from surveys.models import db
from tests.factories import make_api_token, make_comment, make_partner, make_survey, make_theme, make_user

from .conftest import make_action, make_response


@pytest.fixture(params=["admin", "partner_lead"])
def token(request, app_context):
    """A token (an administrator's, then a partner lead's), with a little of everything to read."""
    partner = make_partner("North ICB")
    survey = make_survey()
    make_response(survey, partner, text="Sam waited")
    make_theme("Waiting", comments=[make_comment("The wait"), make_comment("Long wait")])
    make_action(partner)
    _, plain = make_api_token(make_user(request.param, partner=partner if request.param == "partner_lead" else None))
    db.session.remove()
    return plain


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_api_matches_its_document(app, token):
    """Every operation, with generated parameters and bodies (valid and not): no 5xx, every answer as documented.

    (Inline hypothesis over each operation rather than ``schemathesis.pytest.from_fixture``, whose lazy
    parametrisation does not run under this pytest.)"""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        check()
