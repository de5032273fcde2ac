"""`flask backup PATH` and `flask restore PATH`: a backup restored gives back every table as it was (SQLite with
its online backup API, PostgreSQL with pg_dump and pg_restore: the suite runs this on both)."""

from sqlalchemy import inspect, select, text

from surveys.models import Case, Comment, User, db
from tests.factories import make_case, make_comment, make_invitation, make_partner, make_user


def every_table() -> dict[str, list[str]]:
    """Every row of every table in the database (sorted), by table name."""
    db.session.remove()
    with db.engine.connect() as connection:
        names = sorted(inspect(connection).get_table_names())
        return {name: sorted(map(repr, connection.execute(text(f'SELECT * FROM "{name}"')).all()))  # noqa: S608
                for name in names}


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(map(str, args)))


def test_a_restored_backup_gives_back_every_table(app, app_context, tmp_path):
    partner = make_partner("North Exampleshire ICB")
    make_user("partner_lead", partner=partner)
    make_case(partner=partner, contact_email="parent@example.com")
    make_comment("The review was late.")
    make_invitation()
    before = every_table()
    assert before["feedback_case"] and before["alembic_version"]
    path = tmp_path / "backups" / "yousaid.backup"
    result = run(app, "backup", path)
    assert result.exit_code == 0, result.output
    assert "Backed up to" in result.output and path.stat().st_size > 0
    assert not path.with_name(path.name + ".partial").exists()
    # after the backup: a case deleted, a comment added, an account changed
    db.session.delete(db.session.scalar(select(Case)))
    make_comment("Written after the backup.")
    db.session.scalar(select(User)).role = "admin"
    db.session.commit()
    assert every_table() != before
    result = run(app, "restore", path, "--yes")
    assert result.exit_code == 0, result.output
    after = every_table()
    assert after.keys() == before.keys()
    for name in before:
        assert after[name] == before[name], f"table {name} differs after the restore"
    assert db.session.scalar(select(Comment.raw_text).where(Comment.raw_text == "Written after the backup.")) is None


def test_restore_refuses_what_is_not_a_backup(app, app_context, tmp_path):
    path = tmp_path / "not-a-backup.db"
    path.write_bytes(b"hello" * 100)
    make_comment("Still here.")
    db.session.remove()
    result = run(app, "restore", path, "--yes")
    assert result.exit_code == 1 and "Error:" in result.output
    assert db.session.scalar(select(Comment.raw_text)) == "Still here."


def test_restore_asks_first(app, app_context, tmp_path):
    path = tmp_path / "yousaid.backup"
    assert run(app, "backup", path).exit_code == 0
    result = app.test_cli_runner().invoke(args=["restore", str(path)], input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
