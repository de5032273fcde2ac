"""The app factory builds a working app for each environment and refuses unsafe production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from surveys import create_app
from surveys.config import DEMO_SECRET_KEY, TESTING_SECRET_KEY, ConfigError, load_config, normalise_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_development_config_allows_demo_logins(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/d.db"})
    assert app.config["ENV_NAME"] == "development"
    assert app.config["DEMO_LOGINS_ALLOWED"] is True
    assert app.config["SECRET_KEY"] == DEMO_SECRET_KEY


def test_testing_config(app):
    assert app.config["TESTING"] is True
    assert app.config["WTF_CSRF_ENABLED"] is not False


PRODUCTION = {
    "SECRET_KEY": "x" * 40,
    "NOTIFIER": "notify",
    "SAFEGUARDING_CONTACT_EMAIL": "safeguarding@example.gov.uk",
    "PUBLIC_BASE_URL": "https://yousaid.example.gov.uk",
}


def production_environment(monkeypatch, tmp_path, **changes) -> None:
    for name, value in {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db", **changes}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def test_production_config_with_every_setting(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    app = create_app("production")
    assert app.config["ENV_NAME"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["DEMO_LOGINS_ALLOWED"] is False
    assert app.config["TWO_FACTOR_REQUIRED"] is True


@pytest.mark.parametrize(("changes", "named"), [
    ({"NOTIFIER": None}, "NOTIFIER must be smtp or notify"),
    ({"NOTIFIER": "outbox"}, "NOTIFIER must be smtp or notify"),
    ({"SAFEGUARDING_CONTACT_EMAIL": None}, "SAFEGUARDING_CONTACT_EMAIL is not set"),
    ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL is not set"),
    ({"PUBLIC_BASE_URL": "http://localhost:5000"}, "PUBLIC_BASE_URL is not set"),
    ({"DATABASE_URL": None}, "DATABASE_URL is not set"),
    ({"SECRET_KEY": TESTING_SECRET_KEY}, "published development or testing key"),
    ({"DATA_ENCRYPTION_KEY": "not-a-key"}, "DATA_ENCRYPTION_KEY is not a Fernet key"),
])
def test_production_refuses_each_unsafe_setting(monkeypatch, tmp_path, changes, named):
    production_environment(monkeypatch, tmp_path, **changes)
    with pytest.raises(ConfigError, match=named):
        create_app("production")


def test_production_names_every_missing_setting_in_one_error(monkeypatch, tmp_path):
    for name in (*PRODUCTION, "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError) as refused:
        create_app("production")
    for name in ("SECRET_KEY", "NOTIFIER", "SAFEGUARDING_CONTACT_EMAIL", "PUBLIC_BASE_URL", "DATABASE_URL"):
        assert name in str(refused.value)


def test_smtp_without_tls_is_refused_at_start_up():
    with pytest.raises(ConfigError, match="SMTP_STARTTLS is off"):
        load_config("development", "/tmp", environ={"NOTIFIER": "smtp", "SMTP_STARTTLS": "false"})
    load_config("development", "/tmp", environ={"NOTIFIER": "smtp", "SMTP_STARTTLS": "false", "SMTP_PORT": "465"})
    load_config("development", "/tmp", environ={"NOTIFIER": "smtp"})


def test_production_without_secret_key_fails_clearly(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app("production")


def test_production_refuses_the_development_key(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, SECRET_KEY=DEMO_SECRET_KEY)
    with pytest.raises(ConfigError, match="development or testing key"):
        create_app("production")


def test_production_is_the_default(monkeypatch):
    monkeypatch.delenv("YOUSAID_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_unknown_environment_name():
    with pytest.raises(ConfigError, match="use one of"):
        load_config("staging", "/tmp", environ={})


def test_default_database_is_sqlite_under_instance():
    settings = load_config("development", "/srv/yousaid/instance", environ={})
    assert settings["SQLALCHEMY_DATABASE_URI"] == "sqlite:////srv/yousaid/instance/yousaid.db"


def test_database_url_from_environment_chooses_psycopg():
    settings = load_config("development", "/tmp", environ={"DATABASE_URL": "postgres://u:p@db/yousaid"})
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/yousaid"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_wsgi_in_production_without_secret_exits_with_a_message():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "YOUSAID_ENV")}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_blueprints_are_registered(app):
    assert {"public", "respond", "staff", "api"} <= set(app.blueprints)


def test_security_headers(client_request):
    page = client_request.get("/")
    headers = client_request.response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert [script for script in page.select("script") if script.get("nonce") == nonce]
