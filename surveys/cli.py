"""flask commands: accounts, demo data, themes, imports and publishing."""

import sys

import click
from flask import Flask, current_app

from surveys.models import ROLES
from surveys.transactions import transaction


def register_cli(app: Flask) -> None:
    """Add yousaid's commands to ``flask``."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(scheduler_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(send_reminders_command)
    app.cli.add_command(themes_group)
    app.cli.add_command(import_comments_command)
    app.cli.add_command(publish_command)
    app.cli.add_command(create_api_token_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(sorted(ROLES)), help="What the person does.")
@click.option("--partner", "partner_name", default=None, help="Their organisation (needed for partner leads).")
@click.option("--name", default="", help="Their name, as colleagues know it.")
def create_user_command(email: str, role: str, partner_name: str | None, name: str) -> None:
    """Create a staff account. The password is read from standard input, never from the command line."""
    from surveys.services.platform.accounts import AccountError, create_user

    password = read_password()
    try:
        with transaction():
            user = create_user(email, password, role, partner_name=partner_name, name=name)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.email} ({ROLES[user.role]}).")


@click.command("create-api-token")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. 'Council Power BI dashboard'.")
@click.option("--days", default=90, show_default=True, type=int, help="How many days it works (1 to 366).")
def create_api_token_command(email: str, name: str, days: int) -> None:
    """Make an API token that acts as the account EMAIL and print it (the only time it is shown)."""
    from surveys.services.platform.accounts import find_user_by_email
    from surveys.services.platform.api_tokens import create_token
    from surveys.services.platform.errors import Invalid

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"There is no account for {email}.")
    try:
        with transaction():
            token, plain = create_token(user, name, days=days)
    except Invalid as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created API token '{token.name}' for {user.email}; it works until {token.expires_at:%Y-%m-%d}. "
               "Copy it now, it is not shown again:", err=True)
    click.echo(plain)


def read_password() -> str:
    """Ask twice at a terminal; read one line when piped (for scripts)."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline()
    if not line.strip():
        raise click.ClickException("No password given on standard input.")
    return line.rstrip("\r\n")


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Fill an empty database with a believable demo local area. Safe to run twice."""
    from surveys.services.demo import DemoDataError, seed_demo
    from surveys.services.understand.comments import analyse_pending

    if not current_app.config["DEMO_LOGINS_ALLOWED"]:
        raise click.ClickException("Demo data and demo logins are for development only (set YOUSAID_ENV=development).")
    try:
        with transaction():  # all or nothing: a half-made demo could not be finished by the next run
            report = seed_demo()
    except DemoDataError as error:
        raise click.ClickException(str(error)) from error
    click.echo(report.describe())
    with transaction():
        analysed = analyse_pending()
    if analysed:
        click.echo(f"Analysed {analysed} comments: personal data redacted, safeguarding flagged, sentiment scored.")
    if not report.already_present:
        from surveys.services.understand.themes import run_themes

        with transaction():
            themes = run_themes()
        click.echo(f"Themed the comments: {len(themes)} themes.")
    _publish_demo()


def _publish_demo() -> None:
    """Approve (both sides) and publish a first version, unless one is live already."""
    from surveys.publish_steps import publish_now
    from surveys.services.demo.publication import approve_for_demo
    from surveys.services.report.publications import live_publication

    if live_publication() is not None:
        return
    with transaction():
        approved = approve_for_demo()
    publication, built = publish_now()
    click.echo(f"Approved {approved} tracker entries (co-production lead and forum representative) and published "
               f"version {publication.version}: {len(built.snapshot['themes'])} themes.")


@click.command("scheduler")
def scheduler_command() -> None:
    """Run the scheduled jobs (reminders and more) until stopped. Run exactly one, never in web workers."""
    from surveys.jobs import describe_jobs, run_scheduler

    click.echo("Scheduler starting. Jobs (times in Europe/London):")
    for line in describe_jobs():
        click.echo(f"  {line}")
    run_scheduler(current_app._get_current_object())


@click.command("worker")
@click.option("--once", is_flag=True, help="Do everything due now, then stop (for scripts and catch-ups).")
@click.option("--poll", type=click.FloatRange(0.1, 60), default=None,
              help="Seconds between looks for work when idle (default: WORKER_POLL_SECONDS, 1).")
def worker_command(once: bool, poll: float | None) -> None:
    """Send queued messages and do background analysis from the outbox until stopped. Run one or more."""
    from surveys.worker import drain, run_worker

    if once:
        tally = drain()
        click.echo(", ".join(f"{count} {what}" for what, count in tally.items()))
        return
    click.echo("Outbox worker starting (Ctrl-C to stop).")
    run_worker(current_app._get_current_object(), poll)


@click.command("send-reminders")
def send_reminders_command() -> None:
    """Queue the reminders due now, once (the scheduler does this every day at 10:00); the worker sends them."""
    from surveys.jobs import run_job

    reminded = run_job("send_reminders")
    click.echo(f"Queued reminders to {reminded} {'person' if reminded == 1 else 'people'}; "
               "the outbox worker (flask worker) sends them.")


@click.group("themes")
def themes_group() -> None:
    """Find and keep themes in the comments."""


@themes_group.command("run")
@click.option("--k", type=click.IntRange(2, 60), default=None, help="How many themes (default: chosen from the data).")
def themes_run_command(k: int | None) -> None:
    """Theme every analysed comment, keeping existing themes and every decision people made."""
    from surveys.services.understand.themes import run_themes

    def say(message: str) -> None:
        click.echo(f"  {message}", err=True)

    click.echo("Finding themes...", err=True)
    with transaction():
        summary = run_themes(k=k, progress=say)
    click.echo(f"{'id':>5}  {'status':<9} {'comments':>8}  theme")
    for theme in sorted(summary, key=lambda t: -t.size):
        marker = " (new)" if theme.new else ""
        click.echo(f"{theme.id:>5}  {theme.status:<9} {theme.size:>8}  {theme.label}{marker}")
        if theme.key_terms:
            click.echo(f"{'':>26}{', '.join(theme.key_terms[:6])}")


@themes_group.command("decisions")
def themes_decisions_command() -> None:
    """Turn the summary of every imported decision that has no comment yet into one (safe to run again)."""
    from surveys.services.capture.cases.decision_import import theme_imported_decisions

    with transaction():
        added = theme_imported_decisions()
    click.echo(f"Added {added} {'comment' if added == 1 else 'comments'} from imported decisions.")


@click.command("import-comments")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--text-column", metavar="NAME", help="The column with the free text (without it: list the columns).")
@click.option("--segment", "segments", multiple=True, metavar="FIELD=COLUMN",
              help="locality, journey_stage, need_type, audience, partner (by name) or received_at "
                   "(2025-03-14 or 14/03/2025) from a column. Repeat for each.")
@click.option("--consent-column", metavar="NAME", help="yes, true or 1 there means consent to quote (default: no).")
@click.option("--source", default="import", show_default=True, help="import, practitioner_note or transcript.")
@click.option("--sheet", metavar="NAME", help="The XLSX sheet (default: the first).")
@click.option("--strict", is_flag=True, help="Import nothing if any row has a problem (default: import good rows).")
@click.option("--dry-run", is_flag=True, help="Check the file and report; import nothing.")
@click.option("--errors-csv", type=click.Path(dir_okay=False), help="Also write the rows with problems to this CSV.")
@click.option("--allow-duplicate", is_flag=True, help="Import a file even though the same file was imported before.")
def import_comments_command(file: str, text_column: str | None, segments: tuple[str, ...], consent_column: str | None,
                            source: str, sheet: str | None, strict: bool, dry_run: bool, errors_csv: str | None,
                            allow_duplicate: bool) -> None:
    """Import past free text from a CSV or XLSX file as analysed comments: all of it or nothing."""
    from surveys.services.platform.errors import Invalid
    from surveys.services.understand import comment_import as ci

    try:
        if text_column is None:
            click.echo(f"Columns in {file}:")
            for column in ci.read_columns(file, sheet):
                click.echo(f"  {column}")
            raise click.ClickException("Choose the column with the free text: --text-column NAME.")
        options = ci.ImportOptions(
            text_column=text_column, segments=ci.parse_segment_options(segments), consent_column=consent_column,
            source=source, sheet=sheet, strict=strict, dry_run=dry_run, allow_duplicate=allow_duplicate,
        )
        report = _import_comments(file, options)
    except Invalid as error:
        raise click.ClickException(f"{error}. Nothing was imported.") from error
    except KeyboardInterrupt:
        click.echo("\nStopped: nothing was imported.", err=True)
        raise click.Abort() from None
    for line in report.problem_lines():
        click.echo(line)
    if errors_csv:
        ci.write_problems_csv(report.problems, errors_csv)
        click.echo(f"Wrote {len(report.problems):,} rows with problems to {errors_csv}.")
    for line in report.summary_lines():
        click.echo(line)
    if report.aborted:
        raise click.exceptions.Exit(1)


def _progress_bar(label: str, length: int | None):
    return click.progressbar(length=length or 0, label=label, show_pos=True, file=sys.stderr)


def _import_comments(file: str, options):
    """Check, then analyse with no transaction open (it can take minutes), then save every comment as one."""
    from surveys.services.understand import comment_import as ci
    from surveys.transactions import transaction

    with transaction():
        plan = ci.check_import(file, options, progress=_progress_bar)
    if plan.to_save:
        analysed = ci.analyse_import(plan, progress=_progress_bar)
        with transaction():
            ci.save_import(plan, analysed, progress=_progress_bar)
    return plan.report


@click.command("publish")
@click.option("--preview", is_flag=True, help="Only build the next version and say what it would publish.")
@click.option("--export", "export_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the live version as static files (HTML, CSS, JSON, CSV, feed) under DIR.")
def publish_command(preview: bool, export_dir: str | None) -> None:
    """Publish what both sides approved as the next "you said, we did" version; prints its version number."""
    from surveys.services.report import publishing

    if export_dir:
        _export(export_dir)
    elif preview:
        built = publishing.preview()
        if not built.snapshot["themes"]:
            raise click.ClickException(publishing.nothing_approved_reason(built))
        _describe(built, f"Version {built.snapshot['version']} would publish:")
    else:
        _publish()


def _publish() -> None:
    """Build, commit, then switch; the version number alone on standard output, for scripts."""
    from surveys.publish_steps import publish_now
    from surveys.services.report.publishing import NothingToPublish

    try:
        publication, built = publish_now()
    except NothingToPublish as error:
        raise click.ClickException(error.message) from error
    _describe(built, f"Published version {publication.version}:", err=True)
    click.echo(publication.version)


def _describe(built, heading: str, err: bool = False) -> None:
    """What a version holds, what was held back, and the easy-read lines to look at again."""
    click.echo(heading, err=err)
    for theme in built.snapshot["themes"]:
        click.echo(f"  {theme['title']} ({theme['people']['total']} people, {len(theme['actions'])} actions)", err=err)
    for title, lines in (("Held back:", built.held_back), ("Easy read to look at again:", built.warnings)):
        if lines:
            click.echo(title, err=err)
            for line in lines:
                click.echo(f"  {line}", err=err)


def _export(directory: str) -> None:
    from surveys.public.export import ExportError, export_live
    from surveys.services.report.publications import live_publication

    live = live_publication()
    if live is None:
        raise click.ClickException("Nothing to export: no version is live yet. Publish one first (flask publish).")
    try:
        written = export_live(current_app._get_current_object(), directory)
    except ExportError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Exported version {live.version} to {directory}: {len(written)} files.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path: str) -> None:
    """Back up the whole database to PATH (SQLite: the online backup API; PostgreSQL: pg_dump)."""
    from surveys.services.platform.backups import BackupError, backup

    try:
        written = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up to {written} ({written.stat().st_size:,} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Do not ask: replace the database (for scripts).")
def restore_command(path: str, yes: bool) -> None:
    """Replace everything in the database with the backup at PATH (stop the app and the scheduler first)."""
    from surveys.services.platform.backups import BackupError, restore

    if not yes:
        click.confirm("This replaces everything in the database with the backup. Go on?", abort=True)
    try:
        restore(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored from {path}")
