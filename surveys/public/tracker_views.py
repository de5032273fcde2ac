"""The "you said, we did" tracker: the live version and earlier ones, as a page, an easy-read page, JSON, CSV and an
Atom feed. Everything comes from a publication's snapshot (see surveys/services/report/public_tracker.py).

URLs are a contract (the Local Offer links to them, feed readers follow them): keep them stable.

Caching: a version never changes, so each response carries an ETag made from what it shows (the version, the
address with its filters, the next date) and Last-Modified from when it was published, and may be kept by
browsers and proxies for a short while (5 minutes), so a new version shows soon after it goes live.
"""

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

from flask import Response, jsonify, render_template, request, send_file

from surveys.formatters import local_date
from surveys.models import Publication
from surveys.public import bp
from surveys.public.feed import atom_feed
from surveys.services.platform.errors import NotFound
from surveys.services.report import public_tracker
from surveys.services.report.public_tracker import Filters

MAX_AGE = 300
SCHEMA = Path(__file__).with_name("tracker.schema.json")


@bp.route("/you-said-we-did")
def tracker():
    """The live tracker, or an honest empty state before the first publication."""
    return _page("public/tracker.html", public_tracker.publication())


@bp.route("/you-said-we-did/v/<int:version>")
def tracker_version(version: int):
    """An earlier version, exactly as it was published."""
    return _page("public/tracker.html", public_tracker.publication(version))


@bp.route("/you-said-we-did/easy-read")
def tracker_easy_read():
    """The easy-read twin of the live tracker, for young people."""
    return _page("public/tracker_easy_read.html", public_tracker.publication())


@bp.route("/you-said-we-did/v/<int:version>/easy-read")
def tracker_version_easy_read(version: int):
    """The easy-read twin of an earlier version."""
    return _page("public/tracker_easy_read.html", public_tracker.publication(version))


@bp.route("/you-said-we-did.json")
def tracker_json():
    """The live version's content as JSON (shape: surveys/public/tracker.schema.json)."""
    return _json(_published(public_tracker.publication()))


@bp.route("/you-said-we-did/v/<int:version>.json")
def tracker_version_json(version: int):
    """An earlier version's content as JSON."""
    return _json(public_tracker.publication(version))


@bp.route("/you-said-we-did.schema.json")
def tracker_schema():
    """The JSON Schema that documents the shape of the JSON versions."""
    return send_file(SCHEMA, mimetype="application/schema+json", max_age=MAX_AGE)


@bp.route("/you-said-we-did.csv")
def tracker_csv():
    """The live version as a spreadsheet: one row per theme and action."""
    item = _published(public_tracker.publication())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(public_tracker.CSV_HEADERS)
    writer.writerows(public_tracker.csv_rows(item))
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="you-said-we-did-v{item.version}.csv"'
    return _cached(response, item)


@bp.route("/you-said-we-did/feed.atom")
def tracker_feed():
    """An Atom feed of what changed in the live version and the few before it."""
    item = _published(public_tracker.publication())
    feed = atom_feed(public_tracker.recent_publications(item))
    return _cached(Response(feed, mimetype="application/atom+xml"), item)


def render_tracker(template: str, item: Publication | None, *, earlier: bool | None = None,
                   next_date: date | None = None) -> str:
    """The HTML of a tracker page for ``item`` (also for a staff preview or a static export of a version).

    ``earlier`` marks the page as an earlier version (by default: when ``item`` is not live); the filters come
    from the request's query string."""
    if item is None:
        return render_template(template, item=None, next_date=next_date)
    filters = Filters.read(request.args, item.snapshot)
    return render_template(
        template, item=item, snapshot=item.snapshot, earlier=item.status != "live" if earlier is None else earlier,
        next_date=next_date, filters=filters, themes=public_tracker.chosen_themes(item.snapshot, filters),
        audiences=public_tracker.audiences(item.snapshot), localities=public_tracker.localities(item.snapshot),
        audience_names=public_tracker.AUDIENCE_NAMES, people_rows=public_tracker.people_rows, day=_day)


def _page(template: str, item: Publication | None):
    next_date = public_tracker.next_publication_date()
    html = render_tracker(template, item, next_date=next_date)
    if item is None:
        return html
    return _cached(Response(html, mimetype="text/html"), item, next_date)


def _json(item: Publication):
    return _cached(jsonify(public_tracker.public_content(item)), item)


def _published(item: Publication | None) -> Publication:
    if item is None:
        raise NotFound("Nothing has been published yet.")
    return item


def _cached(response: Response, item: Publication, *also) -> Response:
    """Cache headers from the version: an ETag for this address and version, Last-Modified, public, short-lived."""
    seed = "|".join(str(part) for part in (item.version, item.status, request.full_path, *also))
    response.set_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])
    response.last_modified = item.published_at
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response.make_conditional(request)


def _day(iso_day: str | None) -> str:
    """A snapshot's ISO date ("2026-11-02") as people read it ("2 November 2026")."""
    return local_date(date.fromisoformat(iso_day)) if iso_day else ""
