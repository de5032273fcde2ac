"""Public pages: the "you said, we did" tracker and the service's statements. No login.

One blueprint; each area keeps its views in its own module, imported here so they register.
"""

from flask import Blueprint

bp = Blueprint("public", __name__)

from surveys.public import tracker_views, views  # noqa: E402,F401 - routes
