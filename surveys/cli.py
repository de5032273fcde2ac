"""flask commands: accounts and demo data."""

import sys

import click
from flask import Flask, current_app

from surveys.models import ROLES


def register_cli(app: Flask) -> None:
    """Add yousaid's commands to ``flask``."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(sorted(ROLES)), help="What the person does.")
@click.option("--partner", "partner_name", default=None, help="Their organisation (needed for partner leads).")
@click.option("--name", default="", help="Their name, as colleagues know it.")
def create_user_command(email: str, role: str, partner_name: str | None, name: str) -> None:
    """Create a staff account. The password is read from standard input, never from the command line."""
    from surveys.services.accounts import AccountError, create_user

    password = read_password()
    try:
        user = create_user(email, password, role, partner_name=partner_name, name=name)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.email} ({ROLES[user.role]}).")


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
    from surveys.services.demo import seed_demo

    if not current_app.config["DEMO_LOGINS_ALLOWED"]:
        raise click.ClickException("Demo data and demo logins are for development only (set YOUSAID_ENV=development).")
    report = seed_demo()
    click.echo(report.describe())
