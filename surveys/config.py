"""Settings from environment variables, with safe defaults.

One variable, ``YOUSAID_ENV``, picks the configuration class: ``production`` (the default,
so a forgotten setting fails safe), ``development`` or ``testing``. Environment variables
are read when the app is built, not when this module is imported.
"""

import os
from pathlib import Path

DEMO_SECRET_KEY = "development-only-not-secret"  # noqa: S105 - refused in production

# Environment variable -> setting. Read at create_app time so tests and tools can set them.
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "SERVICE_NAME": "SERVICE_NAME",
    "LOCAL_AREA_NAME": "LOCAL_AREA_NAME",
    "OUTBOX_DIR": "OUTBOX_DIR",
}


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says how to fix it."""


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = 8 * 60 * 60  # long forms: a parent may pause for hours
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024  # a short audio message, never more
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True
    SERVICE_NAME = "yousaid"
    LOCAL_AREA_NAME = "Exampleshire SEND Local Area Partnership"
    DEMO_LOGINS_ALLOWED = False
    OUTBOX_DIR: str | None = None


class DevelopmentConfig(Config):
    """Local development and the demo: the demo password and a fixed secret are allowed."""

    ENV_NAME = "development"
    SECRET_KEY = DEMO_SECRET_KEY
    DEMO_LOGINS_ALLOWED = True


class TestingConfig(Config):
    """The test suite: CSRF stays on so tests see what users see; rate limits off."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-testing-secret-testing"  # noqa: S105
    DEMO_LOGINS_ALLOWED = True
    RATELIMIT_ENABLED = False


class ProductionConfig(Config):
    """Live service: secrets must be given, cookies only over HTTPS."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def normalise_database_url(url: str) -> str:
    """Return a SQLAlchemy URL, choosing the psycopg 3 driver for PostgreSQL URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_config(name: str | None, instance_path: str, environ=os.environ) -> dict:
    """Build the settings for the named environment (or ``YOUSAID_ENV``), checking production's needs."""
    name = name or environ.get("YOUSAID_ENV") or "production"
    if name not in CONFIGS:
        raise ConfigError(f"YOUSAID_ENV is {name!r}; use one of: {', '.join(CONFIGS)}.")
    cls = CONFIGS[name]
    settings = {key: getattr(cls, key) for key in dir(cls) if key.isupper()}
    for variable, setting in ENVIRONMENT_SETTINGS.items():
        if environ.get(variable):
            settings[setting] = environ[variable]
    if not settings["SQLALCHEMY_DATABASE_URI"]:
        settings["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(instance_path) / 'yousaid.db'}"
    settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(settings["SQLALCHEMY_DATABASE_URI"])
    if name == "production":
        check_production(settings)
    return settings


def check_production(settings: dict) -> None:
    """Refuse to start production without a real secret key."""
    key = settings.get("SECRET_KEY")
    if not key:
        raise ConfigError(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value, for example "
            "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))'). "
            "For local use set YOUSAID_ENV=development."
        )
    if key == DEMO_SECRET_KEY or len(key) < 32:
        raise ConfigError("SECRET_KEY is the development key or shorter than 32 characters: use a long random value.")
