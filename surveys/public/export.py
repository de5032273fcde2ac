"""The live tracker as static files, for any static web server or the Local Offer website to host.

The public pages are fetched through the app itself (its test client: no server, no network), exactly as a visitor
would get them, and written under one folder with the stylesheets, scripts and images. Links between the exported
pages and to the assets become relative, so the folder works from any address; links to the rest of the service
(giving feedback, the privacy notice) point at the service's public address.
"""

import re
import shutil
from pathlib import Path, PurePosixPath
from posixpath import relpath
from urllib.parse import urlsplit

from flask import Flask

# Public address -> file under the export folder.
PAGES = {
    "/you-said-we-did": "index.html",
    "/you-said-we-did/easy-read": "easy-read/index.html",
    "/you-said-we-did.json": "you-said-we-did.json",
    "/you-said-we-did.csv": "you-said-we-did.csv",
    "/you-said-we-did/feed.atom": "feed.atom",
}
REQUIRED = "/you-said-we-did"
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action)=")(?P<url>/[^"]*)"')
_CSS_URL = re.compile(r'url\((?P<quote>["\']?)(?P<url>/[^)"\']*)(?P=quote)\)')


class ExportError(Exception):
    """The live tracker could not be exported (nothing is live, or a page failed)."""


def export_live(app: Flask, directory: str | Path) -> list[str]:
    """Write the live tracker under ``directory``; the files written, relative to it."""
    target = Path(directory)
    client = app.test_client()
    written = []
    for url, name in PAGES.items():
        response = client.get(url, base_url=app.config["PUBLIC_BASE_URL"])  # absolute links name the service
        if response.status_code == 404 and url != REQUIRED:
            continue  # a format this version of the service does not offer
        if response.status_code != 200:
            raise ExportError(f"{url} answered {response.status_code}: nothing is exported until it works.")
        _write(target / name, _rewrite(response.get_data(), name, app))
        written.append(name)
    written += _copy_static(app, target)
    return written


def _write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def _rewrite(body: bytes, name: str, app: Flask) -> bytes:
    """Links in an exported HTML page made relative to where it is written (a feed keeps its absolute links)."""
    if not name.endswith(".html"):
        return body
    here = str(PurePosixPath(name).parent)
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    text = body.decode("utf-8").replace(f'="{base}/', '="/')
    return _LINK.sub(lambda m: m["attr"] + _relative(m["attr"], m["url"], here, app) + '"', text).encode("utf-8")


def _relative(attr: str, url: str, here: str, app: Flask) -> str:
    """A site-absolute link as it works from the exported file's folder: the exported pages and the assets are
    beside it; anything else (a filter's query, a form, the rest of the service) is on the service itself."""
    parts = urlsplit(url)
    static = app.static_url_path.rstrip("/") + "/"
    if parts.path in PAGES and not parts.query and not attr.startswith("action"):
        return relpath(PAGES[parts.path], here) + (f"#{parts.fragment}" if parts.fragment else "")
    if parts.path.startswith(static):
        return relpath("static/" + parts.path[len(static):], here)
    return app.config["PUBLIC_BASE_URL"].rstrip("/") + url


def _copy_static(app: Flask, target: Path) -> list[str]:
    """The app's static files under ``static/``, stylesheets' own links made relative."""
    source = Path(app.static_folder)
    destination = target / "static"
    shutil.copytree(source, destination, dirs_exist_ok=True)
    static = app.static_url_path.rstrip("/") + "/"
    for css in destination.rglob("*.css"):
        here = str(PurePosixPath(css.relative_to(target).as_posix()).parent)
        css.write_text(_relative_css(css.read_text("utf-8"), static, here), "utf-8")
    return [path.relative_to(target).as_posix() for path in destination.rglob("*") if path.is_file()]


def _relative_css(text: str, static: str, here: str) -> str:
    """A stylesheet with its links to the static folder made relative to where it is written."""

    def relative(match: re.Match) -> str:
        url = match["url"]
        if url.startswith(static):
            url = relpath("static/" + url[len(static):], here)
        return f"url({match['quote']}{url}{match['quote']})"

    return _CSS_URL.sub(relative, text)
