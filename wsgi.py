"""WSGI entry point: ``gunicorn wsgi:app``."""

from surveys import create_app

app = create_app()
