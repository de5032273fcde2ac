"""Settings from environment variables, with safe defaults.

One variable, ``YOUSAID_ENV``, picks the configuration class: ``production`` (the default,
so a forgotten setting fails safe), ``development`` or ``testing``. Environment variables
are read when the app is built, not when this module is imported.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

DEMO_SECRET_KEY = "development-only-not-secret"  # noqa: S105 - refused in production
TESTING_SECRET_KEY = "testing-secret-testing-secret-testing"  # noqa: S105 - refused in production
PUBLISHED_SECRET_KEYS = frozenset({DEMO_SECRET_KEY, TESTING_SECRET_KEY})
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1")  # noqa: S104  # nosec B104: refused, never bound

# Environment variable -> (setting, type). Read at create_app time so tests and tools can set them.
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATA_ENCRYPTION_KEY": ("DATA_ENCRYPTION_KEY", str),
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
    "TRIAGE_MODEL_PATH": ("TRIAGE_MODEL_PATH", str),
    "AUDIO_MAX_PER_RESPONSE": ("AUDIO_MAX_PER_RESPONSE", int),
    "AUDIO_MAX_TOTAL_BYTES": ("AUDIO_MAX_TOTAL_BYTES", int),
    "AUDIO_UNSENT_DAYS": ("AUDIO_UNSENT_DAYS", int),
    "COMMENT_IMPORT_MAX_BYTES": ("COMMENT_IMPORT_MAX_BYTES", int),
    "DATABASE_TIMEOUT_SECONDS": ("DATABASE_TIMEOUT_SECONDS", int),
    "SAFEGUARDING_CONTACT_EMAIL": ("SAFEGUARDING_CONTACT_EMAIL", str),
    "SUPPRESSION_THRESHOLD": ("SUPPRESSION_THRESHOLD", int),
    "WORKER_POLL_SECONDS": ("WORKER_POLL_SECONDS", float),
    "OUTBOX_KEEP_DAYS": ("OUTBOX_KEEP_DAYS", int),
    "TWO_FACTOR_REQUIRED": ("TWO_FACTOR_REQUIRED", lambda value: value.lower() in ("1", "true", "yes")),
    "STAFF_IDLE_MINUTES": ("STAFF_IDLE_MINUTES", int),
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
    DATA_ENCRYPTION_KEY: str | None = None  # seals two-factor secrets; derived from SECRET_KEY when unset
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
    TRIAGE_MODEL_PATH: str | None = None  # the triage model retrained from staff decisions; default in instance/
    AUDIO_MAX_BYTES = 10 * 1024 * 1024
    AUDIO_MAX_PER_RESPONSE = 3  # audio messages one respondent may leave (a new one for a question replaces it)
    AUDIO_MAX_TOTAL_BYTES = 20 * 1024 * 1024  # all of one respondent's audio messages together
    AUDIO_UNSENT_DAYS = 7  # audio left in answers never sent is removed after this many days
    COMMENT_IMPORT_MAX_BYTES = 100 * 1024 * 1024  # flask import-comments refuses bigger files (split them)
    DATABASE_TIMEOUT_SECONDS = 5  # wait this long for a locked SQLite database or a PostgreSQL connection
    SAFEGUARDING_CONTACT_EMAIL = ""  # the named safeguarding contact, alerted at once about flagged comments
    WORKER_POLL_SECONDS = 1.0  # how often an idle outbox worker looks for work: alerts leave within seconds
    OUTBOX_KEEP_DAYS = 30  # done outbox items (addresses, message words) are deleted this long after they went
    SUPPRESSION_THRESHOLD = 5  # counts below this show as "fewer than 5" in every table, chart and export
    # Staff accounts (surveys.services.platform.accounts and sign_in).
    TWO_FACTOR_REQUIRED = False  # True in production: roles that can read raw text or safeguarding flags, and admins
    STAFF_IDLE_MINUTES = 30  # a staff session ends after this long without a request
    LOCKOUT_AFTER_FAILURES = 10  # failed sign-ins in a row, from any address, before the account is locked
    LOCKOUT_MINUTES = 15
    SET_PASSWORD_LINK_HOURS = 72  # how long an invitation or reset link works


class DevelopmentConfig(Config):
    """Local development and the demo: the demo password and a fixed secret are allowed."""

    ENV_NAME = "development"
    SECRET_KEY = DEMO_SECRET_KEY
    DEMO_LOGINS_ALLOWED = True


class TestingConfig(Config):
    """The test suite: CSRF stays on so tests see what users see; rate limits off."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = TESTING_SECRET_KEY
    DEMO_LOGINS_ALLOWED = True
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"  # a test that turns limits on starts from empty counters


class ProductionConfig(Config):
    """Live service: secrets must be given, cookies only over HTTPS."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    TWO_FACTOR_REQUIRED = True


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


def engine_options(url: str, timeout: int) -> dict:
    """Check each pooled connection before use (a restarted database is reconnected by itself), and wait at most
    ``timeout`` seconds for a locked SQLite file or a PostgreSQL connection, so a person whose answers cannot be
    saved is told within seconds rather than left waiting."""
    if url.startswith("sqlite"):
        return {"pool_pre_ping": True, "connect_args": {"timeout": timeout}}
    if url.startswith("postgresql"):
        return {"pool_pre_ping": True, "connect_args": {"connect_timeout": timeout}}
    return {"pool_pre_ping": True}


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
    settings["TRIAGE_MODEL_PATH"] = settings["TRIAGE_MODEL_PATH"] or str(Path(instance_path) / "triage_model.npz")
    settings["DATABASE_URL_GIVEN"] = bool(settings["SQLALCHEMY_DATABASE_URI"])
    settings["RATELIMIT_STORAGE_URI"] = (settings["RATELIMIT_STORAGE_URI"]
                                         or f"sqlite:///{Path(instance_path) / 'ratelimits.db'}")
    if not settings["SQLALCHEMY_DATABASE_URI"]:
        settings["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(instance_path) / 'yousaid.db'}"
    settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(settings["SQLALCHEMY_DATABASE_URI"])
    if settings["SUPPRESSION_THRESHOLD"] < 3:
        raise ConfigError("SUPPRESSION_THRESHOLD must be 3 or more: smaller counts could identify a family.")
    check_smtp(settings)
    if name == "production":
        check_production(settings)
    return settings


def check_smtp(settings: dict) -> None:
    """Refuse, in any environment, an SMTP set-up that would send the password (or the messages) unencrypted."""
    if settings["NOTIFIER"] != "smtp" or settings["SMTP_STARTTLS"] or settings["SMTP_PORT"] == 465:
        return
    raise ConfigError("SMTP_STARTTLS is off and SMTP_PORT is not 465 (SMTP over TLS), so mail, and the SMTP "
                      "password, would cross the network unencrypted. Turn SMTP_STARTTLS on or use port 465.")


def check_production(settings: dict) -> None:
    """Refuse to start production with settings that would lose messages or weaken security; name every one."""
    problems = [problem for check in PRODUCTION_CHECKS if (problem := check(settings))]
    if problems:
        raise ConfigError("yousaid will not start in production until these settings are fixed:\n- "
                          + "\n- ".join(problems) + "\nFor local use set YOUSAID_ENV=development.")


def _secret_key_problem(settings: dict) -> str | None:
    key = settings.get("SECRET_KEY")
    if not key:
        return ("SECRET_KEY is not set: set it to a long random value, for example "
                "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')")
    if key in PUBLISHED_SECRET_KEYS or len(key) < 32:
        return "SECRET_KEY is the published development or testing key, or shorter than 32 characters"
    return None


def _encryption_key_problem(settings: dict) -> str | None:
    key = settings.get("DATA_ENCRYPTION_KEY")
    if not key:
        return None
    try:
        from cryptography.fernet import Fernet
        Fernet(key)
    except (ValueError, TypeError):
        return ("DATA_ENCRYPTION_KEY is not a Fernet key: make one with "
                "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'")
    return None


def _notifier_problem(settings: dict) -> str | None:
    if settings.get("NOTIFIER") not in ("smtp", "notify"):
        return "NOTIFIER must be smtp or notify: the file outbox sends nothing to anyone"
    return None


def _safeguarding_problem(settings: dict) -> str | None:
    if not (settings.get("SAFEGUARDING_CONTACT_EMAIL") or "").strip():
        return "SAFEGUARDING_CONTACT_EMAIL is not set: flagged comments would alert nobody"
    return None


def _base_url_problem(settings: dict) -> str | None:
    host = urlsplit(settings.get("PUBLIC_BASE_URL") or "").hostname or ""
    if not host or host in LOCAL_HOSTS or host.endswith(".localhost"):
        return "PUBLIC_BASE_URL is not set to the service's public address: links in messages would point nowhere"
    return None


def _database_problem(settings: dict) -> str | None:
    if not settings.get("DATABASE_URL_GIVEN"):
        return "DATABASE_URL is not set: production needs its database named, not the SQLite file made by default"
    return None


PRODUCTION_CHECKS = (_secret_key_problem, _encryption_key_problem, _notifier_problem, _safeguarding_problem,
                     _base_url_problem, _database_problem)
