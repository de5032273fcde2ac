"""`flask themes run` themes the comments and prints a summary table."""

from sqlalchemy import func, select

from surveys.models import Theme, db
from tests.surveys.services.test_themes import seed_topics


def test_themes_run_prints_a_table(app, app_context):
    seed_topics()
    result = app.test_cli_runner().invoke(args=["themes", "run", "--k", "3"])
    assert result.exit_code == 0, result.output
    assert "comments" in result.stdout and "proposed" in result.stdout
    assert "Finding themes" in result.stderr
    assert db.session.scalar(select(func.count(Theme.id))) >= 3


def test_themes_run_refuses_a_silly_k(app, app_context):
    result = app.test_cli_runner().invoke(args=["themes", "run", "--k", "1"])
    assert result.exit_code != 0 and "--k" in result.output
