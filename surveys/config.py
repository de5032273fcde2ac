"""Settings from environment variables, with safe defaults.

One variable, ``YOUSAID_ENV``, picks the configuration class: ``production`` (the default,
so a forgotten setting fails safe), ``development`` or ``testing``. Environment variables
are read when the app is built, not when this module is imported.
"""

import os
from pathlib import Path

DEMO_SECRET_KEY = "development-only-not-secret"  # noqa: S105 - refused in production

# Environment variable -> (setting, type). Read at create_app time so tests and tools can set them.
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "SERVICE_NAME": ("SERVICE_NAME", str),
    "LOCAL_AREA_NAME": ("LOCAL_AREA_NAME", str),
    "PUBLIC_BASE_URL": ("PUBLIC_BASE_URL", str),
    "NOTIFIER": ("NOTIFIER", str),
    "OUTBOX_DIR": ("OUTBOX_DIR", str),
    "SMTP_HOST": ("SMTP_HOST", str),
    "SMTP_PORT": ("SMTP_PORT", int),
    "SMTP_USERNAME": ("SMTP_USERNAME", str),
    "SMTP_PASSWORD": ("SMTP_PASSWORD", str),
    "SMTP_FROM": ("SMTP_FROM", str),
    "SMTP_STARTTLS": ("SMTP_STARTTLS", lambda value: value.lower() in ("1", "true", "yes")),
    "NOTIFY_API_KEY": ("NOTIFY_API_KEY", str),
    "NOTIFY_EMAIL_TEMPLATE_ID": ("NOTIFY_EMAIL_TEMPLATE_ID", str),
    "NOTIFY_SMS_TEMPLATE_ID": ("NOTIFY_SMS_TEMPLATE_ID", str),
    "INVITATION_VALID_DAYS": ("INVITATION_VALID_DAYS", int),
    "REMINDER_AFTER_DAYS": ("REMINDER_AFTER_DAYS", int),
    "MAX_REMINDERS": ("MAX_REMINDERS", int),
    "AUDIO_DIR": ("AUDIO_DIR", str),
    "SAFEGUARDING_CONTACT_EMAIL": ("SAFEGUARDING_CONTACT_EMAIL", str),
    "SUPPRESSION_THRESHOLD": ("SUPPRESSION_THRESHOLD", int),
    "TRUSTED_PROXY_HOPS": ("TRUSTED_PROXY_HOPS", int),
    **{name: (name, str) for name in (
        "RATELIMIT_SIGN_IN_ADDRESS", "RATELIMIT_SIGN_IN_ACCOUNT", "RATELIMIT_OPEN_LINK", "RATELIMIT_INVITATION_LINK",
        "RATELIMIT_SURVEY_PAGES", "RATELIMIT_SURVEY_SUBMIT", "RATELIMIT_COMMENT_FORM", "RATELIMIT_UNSUBSCRIBE",
    )},
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
    # Rate limits. The store is shared by every worker: by default a SQLite file in the instance folder (one
    # machine, no extra server); several machines set redis:// or memcached://. Thresholds are "N per period".
    RATELIMIT_STORAGE_URI: str | None = None  # default: sqlite:///instance/ratelimits.db
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True
    TRUSTED_PROXY_HOPS = 0  # proxies in front of the app whose X-Forwarded-For/-Proto to believe; 0 believes none
    RATELIMIT_SIGN_IN_ADDRESS = "20 per minute; 200 per hour"  # sign-in attempts per address
    RATELIMIT_SIGN_IN_ACCOUNT = "5 per minute; 30 per hour"  # sign-in attempts per account, from any address
    RATELIMIT_OPEN_LINK = "300 per 10 minutes"  # new open-link responses per address (a school may share one)
    RATELIMIT_INVITATION_LINK = "300 per 10 minutes"  # invitation links opened per address
    RATELIMIT_SURVEY_PAGES = "120 per minute"  # survey pages per respondent session, never per address
    RATELIMIT_SURVEY_SUBMIT = "30 per minute"  # sends and choices per respondent session
    RATELIMIT_COMMENT_FORM = "20 per hour"  # comments sent from the public form per address
    RATELIMIT_UNSUBSCRIBE = "30 per hour"  # unsubscribe presses per address
    SERVICE_NAME = "yousaid"
    LOCAL_AREA_NAME = "Exampleshire SEND Local Area Partnership"
    DEMO_LOGINS_ALLOWED = False
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"  # links in messages to respondents
    # Messages: "outbox" writes files (works offline), "smtp", or "notify" (GOV.UK Notify).
    NOTIFIER = "outbox"
    OUTBOX_DIR: str | None = None  # default: instance/outbox
    SMTP_HOST = "localhost"
    SMTP_PORT = 587
    SMTP_USERNAME = ""
    SMTP_PASSWORD = ""
    SMTP_FROM = "yousaid@localhost"
    SMTP_STARTTLS = True
    NOTIFY_API_KEY = ""
    NOTIFY_EMAIL_TEMPLATE_ID = ""
    NOTIFY_SMS_TEMPLATE_ID = ""
    INVITATION_VALID_DAYS = 42
    REMINDER_AFTER_DAYS = 7
    MAX_REMINDERS = 2
    AUDIO_DIR: str | None = None  # default: instance/audio (private, never served as static)
    AUDIO_MAX_BYTES = 10 * 1024 * 1024
    SAFEGUARDING_CONTACT_EMAIL = ""  # the named safeguarding contact, alerted at once about flagged comments
    SUPPRESSION_THRESHOLD = 5  # counts below this show as "fewer than 5" in every table, chart and export


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
    RATELIMIT_STORAGE_URI = "memory://"  # a test that turns limits on starts from empty counters


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
    for variable, (setting, convert) in ENVIRONMENT_SETTINGS.items():
        if environ.get(variable):
            try:
                settings[setting] = convert(environ[variable])
            except ValueError as error:
                raise ConfigError(f"{variable} is {environ[variable]!r}, which is not valid: {error}") from error
    settings["OUTBOX_DIR"] = settings["OUTBOX_DIR"] or str(Path(instance_path) / "outbox")
    settings["AUDIO_DIR"] = settings["AUDIO_DIR"] or str(Path(instance_path) / "audio")
    settings["RATELIMIT_STORAGE_URI"] = (settings["RATELIMIT_STORAGE_URI"]
                                         or f"sqlite:///{Path(instance_path) / 'ratelimits.db'}")
    if not settings["SQLALCHEMY_DATABASE_URI"]:
        settings["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(instance_path) / 'yousaid.db'}"
    settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(settings["SQLALCHEMY_DATABASE_URI"])
    if settings["SUPPRESSION_THRESHOLD"] < 3:
        raise ConfigError("SUPPRESSION_THRESHOLD must be 3 or more: smaller counts could identify a family.")
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
