"""The WSGI app the load benchmark serves with gunicorn: yousaid as ``wsgi.py`` builds it, and beside it, under
``/bench-trivial``, a one-route Flask app, so both are served by the same gunicorn, workers and machine in one run.

The trivial app exists only here (bench/ is not part of the installed package or of ``wsgi.py``), so no
configuration of the real service can ever expose it. Settings come from the environment as in production, plus
``BENCH_CONFIG`` (JSON overrides, for example to switch the rate limiter off for a before-and-after comparison).
"""

import json
import os

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from surveys import create_app

yousaid = create_app({"ENV_NAME": os.environ.get("YOUSAID_ENV", "development"),
                      **json.loads(os.environ.get("BENCH_CONFIG") or "{}")})
trivial = Flask("trivial")


@trivial.route("/")
def hello() -> str:
    """The ceiling: the least a Flask request can cost on this gunicorn."""
    return "ok"


application = DispatcherMiddleware(yousaid, {"/bench-trivial": trivial})
