"""`flask publish`: exit codes and messages, --preview, --export, and a publishing process killed midway."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from surveys.assets import manifest
from surveys.models import Publication, db
from surveys.publish_steps import PAUSE_VARIABLE, publish_now
from tests.surveys.services.report.publication_helpers import approve_everything, public_theme

ROOT = Path(__file__).resolve().parents[2]


def statuses() -> dict[int, str]:
    db.session.remove()
    return {p.version: p.status for p in db.session.scalars(select(Publication))}


def test_publish_prints_the_new_version_number(app, app_context):
    public_theme("Waiting for CAMHS")
    approve_everything()
    result = app.test_cli_runner().invoke(args=["publish"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1"
    assert "Published version 1:" in result.stderr and "Waiting for CAMHS" in result.stderr
    assert statuses() == {1: "live"}


def test_publish_with_nothing_approved_fails_with_a_reason(app, app_context):
    public_theme("Waiting for CAMHS")
    result = app.test_cli_runner().invoke(args=["publish"])
    assert result.exit_code == 1
    assert "Nothing to publish: no theme is approved by both" in result.stderr
    assert statuses() == {}


def test_preview_only_builds(app, app_context):
    public_theme("Waiting for CAMHS")
    approve_everything()
    result = app.test_cli_runner().invoke(args=["publish", "--preview"])
    assert result.exit_code == 0, result.output
    assert "Version 1 would publish:" in result.stdout and "Waiting for CAMHS" in result.stdout
    assert statuses() == {}


def test_preview_with_nothing_approved_fails_with_a_reason(app, app_context):
    result = app.test_cli_runner().invoke(args=["publish", "--preview"])
    assert result.exit_code == 1
    assert "Nothing to publish: there is no reviewed theme marked public" in result.stderr


def test_export_writes_the_live_version_as_static_files(app, app_context, tmp_path):
    public_theme("Waiting for CAMHS")
    approve_everything()
    publish_now()
    result = app.test_cli_runner().invoke(args=["publish", "--export", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "Exported version 1" in result.stdout
    site = tmp_path / "site"
    html = (site / "index.html").read_text()
    stylesheet = manifest(app.static_folder)["css/main.css"]  # the fingerprinted copy the pages link to
    assert f'href="static/{stylesheet}"' in html and 'href="/static/' not in html
    assert (site / "static" / stylesheet).is_file()
    assert 'url("/static/' not in (site / "static" / stylesheet).read_text()
    for name in ("you-said-we-did.json", "you-said-we-did.csv", "feed.atom", "easy-read/index.html"):
        exported = site / name
        if exported.exists():  # formats offered by the public pages are exported too
            assert exported.stat().st_size > 0
    if (site / "you-said-we-did.json").exists():
        assert json.loads((site / "you-said-we-did.json").read_text())


def test_export_with_nothing_live_fails_with_a_reason(app, app_context, tmp_path):
    result = app.test_cli_runner().invoke(args=["publish", "--export", str(tmp_path)])
    assert result.exit_code == 1
    assert "no version is live yet" in result.stderr


def test_a_publishing_process_killed_between_build_and_switch_leaves_the_live_version(app, app_context):
    """A real `flask publish` is killed (SIGKILL) after it committed the build and before the switch."""
    public_theme("Waiting for CAMHS")
    approve_everything()
    publish_now()
    env = {**os.environ, "YOUSAID_ENV": "testing", "FLASK_APP": "wsgi", PAUSE_VARIABLE: "120",
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"]}
    process = subprocess.Popen([sys.executable, "-m", "flask", "publish"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while statuses().get(2) != "building":
            assert process.poll() is None, "the publishing process ended before it was killed"
            assert time.monotonic() < deadline, "the publishing process never built version 2"
            time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert statuses() == {1: "live", 2: "building"}
    assert db.session.scalar(select(Publication).where(Publication.status == "live")).version == 1

    publication, _ = publish_now()
    assert publication.version == 3
    assert statuses() == {1: "superseded", 2: "failed", 3: "live"}


def test_exported_links_are_relative_and_the_rest_go_to_the_service(app):
    from surveys.public.export import _rewrite

    page = ('<a href="/you-said-we-did">Tracker</a><a href="http://127.0.0.1:5000/you-said-we-did/easy-read">Easy</a>'
            '<a href="/you-said-we-did?audience=young_person">Filter</a><img src="/static/i.svg">'
            '<form action="/you-said-we-did" method="get"></form><a href="/privacy">Privacy</a>')
    written = _rewrite(page.encode(), "easy-read/index.html", app).decode()
    assert written == ('<a href="../index.html">Tracker</a><a href="index.html">Easy</a>'
                       '<a href="http://127.0.0.1:5000/you-said-we-did?audience=young_person">Filter</a>'
                       '<img src="../static/i.svg"><form action="http://127.0.0.1:5000/you-said-we-did" method="get">'
                       '</form><a href="http://127.0.0.1:5000/privacy">Privacy</a>')
