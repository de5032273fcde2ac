"""The Atom 1.0 feed (RFC 4287) of what changed in each recent version of the tracker.

Written with ElementTree, so every title and sentence is escaped as XML text. Each change is one entry whose id
is its version's page plus its place in that version's list: a version's snapshot never changes, so the id of an
entry stays the same for as long as the version exists, and a feed reader shows each change once.
"""

from xml.etree import ElementTree as ET

from flask import url_for

from surveys.models import Publication

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def atom_feed(publications: list[Publication]) -> bytes:
    """The feed document for ``publications`` (newest first; the first one is live)."""
    latest = publications[0]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", url_for("public.tracker_feed", _external=True))
    _text(feed, "title", "You said, we did: what changed")
    _text(feed, "subtitle", f"Updates to the “you said, we did” tracker of {_area(latest)}")
    _text(feed, "updated", _when(latest))
    _link(feed, url_for("public.tracker_feed", _external=True), rel="self", kind="application/atom+xml")
    _link(feed, url_for("public.tracker", _external=True), rel="alternate", kind="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", _area(latest))
    for item in publications:
        for number, change in enumerate(item.snapshot.get("changes", []), start=1):
            _entry(feed, item, number, change)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, item: Publication, number: int, change: dict) -> None:
    page = url_for("public.tracker_version", version=item.version, _external=True)
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", f"{page}#change-{number}")
    _text(entry, "title", change.get("title") or "An update")
    _text(entry, "updated", _when(item))
    _link(entry, page, rel="alternate", kind="text/html")
    _text(entry, "summary", change.get("text") or "")
    category = ET.SubElement(entry, f"{{{ATOM}}}category")
    category.set("term", change.get("kind") or "updated")


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    link = ET.SubElement(parent, f"{{{ATOM}}}link")
    link.set("rel", rel)
    link.set("type", kind)
    link.set("href", href)


def _when(item: Publication) -> str:
    """When a version went live (when it was built, for a live row that somehow has no publishing time)."""
    return (item.published_at or item.created_at).isoformat()


def _area(item: Publication) -> str:
    return item.snapshot.get("area") or "The local area partnership"
