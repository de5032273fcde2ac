"""Static files: fingerprinted names, long cache lifetimes and precompressed copies, so a phone on a slow connection
downloads the CSS and scripts once.

``scripts/build-assets`` runs ``python -m surveys.assets build`` after Sass: every file in ``surveys/static`` gets a
copy named by its content (``css/main.3f2a9c81d0e4.css``), stylesheets' ``url(...)`` and scripts' relative
imports are pointed at the fingerprinted names, and ``manifest.json`` maps each name to its copy. Then WhiteNoise's
compressor writes ``.gz`` and ``.br`` beside each file. Templates name assets through one helper, ``asset_url``.

WhiteNoise serves ``/static`` in front of Flask: fingerprinted files with ``Cache-Control: public, max-age=
315360000, immutable`` (a new build has new names, so nothing is ever stale), other files for an hour, and the
Brotli or gzip copy when the browser accepts it, from a list of files it reads once per process rather than a
filesystem lookup per request. Why WhiteNoise: it is small, well kept, used by thousands of Python sites, works
with any WSGI app, and does exactly the serving half (its fingerprinting storage is for Django only, hence ours).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path, PurePosixPath

from flask import Flask, current_app, url_for

MANIFEST = "manifest.json"
HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
COMPRESSED = (".gz", ".br")
CSS_URL = re.compile(r"""url\((?P<quote>["']?)(?P<url>[^)"']+)(?P=quote)\)""")
JS_IMPORT = re.compile(r"""(?P<head>\bfrom\s*|\bimport\s*\(?\s*)(?P<quote>["'])(?P<url>\.{1,2}/[^"']+)(?P=quote)""")
# Files whose text names other assets: fingerprinted after everything they can name.
REWRITTEN = (".css", ".js")


def register_static(app: Flask) -> None:
    """Serve /static with WhiteNoise and give templates ``asset_url``."""
    from whitenoise import WhiteNoise

    app.wsgi_app = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix=app.static_url_path, max_age=3600,
                              immutable_file_test=lambda path, url: bool(HASHED.search(url)))
    app.jinja_env.globals["asset_url"] = asset_url


def asset_url(name: str) -> str:
    """The URL of a static file by its plain name (``css/main.css``): its fingerprinted copy once built."""
    return url_for("static", filename=manifest(current_app.static_folder).get(name, name))


@lru_cache(maxsize=4)
def manifest(static_folder: str) -> dict[str, str]:
    """Plain name -> fingerprinted name, read once per process ({} before the assets are built)."""
    path = Path(static_folder) / MANIFEST
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def hashed_name(name: str, data: bytes) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{fingerprint(data)}{path.suffix}"))


def build(static: Path) -> dict[str, str]:
    """Write a fingerprinted copy of every asset under ``static`` and the manifest; returns the manifest."""
    for old in [p for p in static.rglob("*") if p.is_file() and (HASHED.search(p.name) or p.suffix in COMPRESSED)]:
        old.unlink()  # copies from an earlier build
    names = sorted(p.relative_to(static).as_posix() for p in static.rglob("*")
                   if p.is_file() and p != static / MANIFEST)
    built: dict[str, str] = {}
    for name in _in_dependency_order(static, names):
        data = (static / name).read_bytes()
        if name.endswith(REWRITTEN):
            data = _point_at_copies(data.decode("utf-8"), name, built).encode("utf-8")
        built[name] = hashed_name(name, data)
        (static / built[name]).write_bytes(data)
    (static / MANIFEST).write_text(json.dumps(built, indent=1, sort_keys=True), "utf-8")
    return built


def _in_dependency_order(static: Path, names: list[str]) -> list[str]:
    """Every file after the files it names, so its copy names their copies (a cycle is left as it is)."""
    needs = {name: _named(static, name) & set(names) for name in names}
    ordered: list[str] = []
    while needs:
        ready = [name for name, wanted in needs.items() if wanted <= set(ordered)] or sorted(needs)
        ordered += ready
        for name in ready:
            del needs[name]
    return ordered


def _named(static: Path, name: str) -> set[str]:
    """The static files a stylesheet or a script names."""
    if not name.endswith(REWRITTEN):
        return set()
    text = (static / name).read_text("utf-8")
    if name.endswith(".css"):
        return {m["url"][len("/static/"):] for m in CSS_URL.finditer(text) if m["url"].startswith("/static/")}
    return {_normalise(PurePosixPath(name).parent / m["url"]) for m in JS_IMPORT.finditer(text)}


def _point_at_copies(text: str, name: str, built: dict[str, str]) -> str:
    """Links in a stylesheet (``url(/static/...)``) or a module's relative imports, at the fingerprinted copies."""
    here = PurePosixPath(name).parent

    def css(match: re.Match) -> str:
        url = match["url"]
        if url.startswith("/static/") and url[len("/static/"):] in built:
            url = "/static/" + built[url[len("/static/"):]]
        return f"url({match['quote']}{url}{match['quote']})"

    def js(match: re.Match) -> str:
        target = _normalise(here / match["url"])
        url = match["url"]
        if target in built:
            url = url.rsplit("/", 1)[0] + "/" + PurePosixPath(built[target]).name
        return f"{match['head']}{match['quote']}{url}{match['quote']}"

    return CSS_URL.sub(css, text) if name.endswith(".css") else JS_IMPORT.sub(js, text)


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


if __name__ == "__main__":  # python -m surveys.assets build [folder]
    if sys.argv[1:2] != ["build"]:
        sys.exit("usage: python -m surveys.assets build [surveys/static]")
    folder = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).parent / "static")
    print(f"Fingerprinted {len(build(folder))} files in {folder}")
