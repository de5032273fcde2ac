"""Backups: ``flask backup PATH`` and ``flask restore PATH``.

SQLite is copied with its online backup API (``sqlite3.Connection.backup``): a consistent copy while the app runs,
written to a temporary file beside PATH and renamed into place, so a failed backup never leaves half a file.
PostgreSQL uses ``pg_dump --format=custom`` and ``pg_restore --clean --single-transaction`` (all or nothing), found
on the PATH or in /usr/lib/postgresql/<version>/bin (the newest, as ``scripts/test-postgres`` finds them); the
password goes to them in the environment, never on a command line. Restoring replaces what the database holds
with the backup: the app's connections are closed first, and a restore is refused unless the file is a yousaid
backup that passes its integrity check.
"""

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump and pg_restore with fixed arguments, never a shell
from pathlib import Path

from sqlalchemy.engine import make_url

from surveys.models import db


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why."""


def backup(url: str, path: str | os.PathLike) -> Path:
    """Write a backup of the database at ``url`` to ``path``; returns the path."""
    target = Path(path)
    if target.is_dir():
        raise BackupError(f"{target} is a folder: give a file name for the backup")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if _is_sqlite(url):
            _sqlite_copy(_sqlite_file(url), partial)
        else:
            _run(_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", url=url)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def restore(url: str, path: str | os.PathLike) -> None:
    """Replace what the database at ``url`` holds with the backup at ``path``."""
    source = Path(path)
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}")
    db.session.remove()
    db.engine.dispose()  # no connection of ours may hold a lock while the database is replaced
    if _is_sqlite(url):
        _check_sqlite_backup(source)
        _sqlite_copy(source, Path(_sqlite_file(url)))
    else:
        _run(_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", str(source), url=url, database_option=True)


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_file(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("The database is in memory: there is nothing on disk to back up")
    return database


def _sqlite_copy(source: str | Path, target: Path) -> None:
    """Copy one SQLite database into another, page by page, with the online backup API."""
    with sqlite3.connect(source) as source_db, sqlite3.connect(target, timeout=30) as target_db:
        source_db.backup(target_db)
    source_db.close()
    target_db.close()


def _check_sqlite_backup(source: Path) -> None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db:
            result = backup_db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in backup_db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        backup_db.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite backup ({error})") from error
    if result != "ok":
        raise BackupError(f"{source} fails its integrity check: {result}")
    if "alembic_version" not in tables:
        raise BackupError(f"{source} is not a yousaid backup (it has no alembic_version table)")


def _tool(name: str) -> str:
    """The newest pg_dump or pg_restore on this machine."""
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                      key=lambda found: [int(part) for part in found.parts[-3].split(".") if part.isdigit()],
                      reverse=True)
    for candidate in [*map(str, versions), shutil.which(name)]:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(f"{name} is not installed: install the PostgreSQL client (apt-get install postgresql-client)")


def _run(tool: str, *arguments: str, url: str, database_option: bool = False) -> None:
    """Run a PostgreSQL tool against ``url``, connection details and password in its environment."""
    parts = make_url(url)
    environment = os.environ | {key: str(value) for key, value in {
        "PGHOST": parts.host, "PGPORT": parts.port, "PGUSER": parts.username, "PGPASSWORD": parts.password,
        "PGDATABASE": parts.database}.items() if value}
    command = [tool, *arguments]
    if database_option:
        command.insert(1, f"--dbname={parts.database}")
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise BackupError(f"{Path(tool).name} failed: {finished.stderr.strip()[-2000:]}")
