"""yousaid: feedback and co-production for SEND local area partnerships.

``create_app`` only wires: configuration, extensions, logging, transactions, templates, blueprints, error pages,
CLI.
"""

from pathlib import Path

from flask import Flask

from surveys.config import engine_options, load_config

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: str | dict | None = None) -> Flask:
    """Build the Flask app. ``config`` is an environment name, a dict of overrides, or None for YOUSAID_ENV."""
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    configure(app, config)
    register_extensions(app)
    from surveys.request_log import configure_logging
    from surveys.transactions import register_transactions
    from surveys.web import register_error_pages, register_security_headers, register_templates

    configure_logging(app)
    register_transactions(app)
    register_templates(app)
    register_security_headers(app)
    register_error_pages(app)
    register_blueprints(app)
    from surveys.assets import register_static

    register_static(app)
    from surveys.cli import register_cli

    register_cli(app)
    return app


def configure(app: Flask, config: str | dict | None) -> None:
    """Load settings: a named environment, optionally with overrides (used by the tests)."""
    overrides = config if isinstance(config, dict) else {}
    name = config if isinstance(config, str) else overrides.get("ENV_NAME")
    app.config.update(load_config(name, app.instance_path))
    app.config.update(overrides)
    if "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:  # for the database in use, once overrides have chosen it
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config["SQLALCHEMY_DATABASE_URI"],
                                                                 app.config["DATABASE_TIMEOUT_SECONDS"])
    if any(app.config[uri].startswith("sqlite:///") for uri in ("SQLALCHEMY_DATABASE_URI", "RATELIMIT_STORAGE_URI")):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from analysis.model_files import use_trained_model_at

    use_trained_model_at(app.config["TRIAGE_MODEL_PATH"])  # retrained models go here, never into the package


def register_extensions(app: Flask) -> None:
    """Bind each extension to this app."""
    from surveys.extensions import csrf, db, init_rate_limits, login_manager, migrate
    from surveys.services.platform.accounts import load_user

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    init_rate_limits(app)
    login_manager.init_app(app)
    login_manager.login_view = "staff.login"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)


def register_blueprints(app: Flask) -> None:
    """One blueprint per audience."""
    from surveys.api.views import bp as api_bp
    from surveys.public.views import bp as public_bp
    from surveys.respond import bp as respond_bp
    from surveys.staff import bp as staff_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(respond_bp, url_prefix="/respond")
    app.register_blueprint(staff_bp, url_prefix="/staff")
    app.register_blueprint(api_bp, url_prefix="/api")
    from surveys.api.v1 import register_api_v1

    register_api_v1(app)
