"""Static files: pages link fingerprinted copies, served for a year as immutable, compressed when the browser
accepts it; the build points stylesheets and scripts at each other's copies."""

import re

from surveys.assets import HASHED, build, manifest

YEAR = 365 * 24 * 60 * 60


def linked_assets(page) -> list[str]:
    links = [link["href"] for link in page.select('link[rel="stylesheet"], link[rel="icon"][sizes="48x48"]')]
    return links + [script["src"] for script in page.select("script[src]")]


def max_age(response) -> int:
    return int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))


def test_pages_link_fingerprinted_copies_served_as_immutable(client_request):
    assets = linked_assets(client_request.get("/respond/"))
    assert len(assets) == 4  # stylesheet, icon, GOV.UK Frontend, our init script
    for url in assets:
        assert HASHED.search(url), f"{url} is not fingerprinted"
        response = client_request.client.get(url)
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"] and max_age(response) >= YEAR


def test_plain_names_still_work_but_are_not_cached_for_long(client):
    response = client.get("/static/css/main.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"] and max_age(response) <= 3600


def test_assets_are_compressed_for_browsers_that_accept_it(app, client):
    stylesheet = "/static/" + manifest(app.static_folder)["css/main.css"]
    plain = client.get(stylesheet).get_data()
    for encoding in ("br", "gzip"):
        response = client.get(stylesheet, headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        assert len(response.get_data()) < len(plain) / 3
        assert "Accept-Encoding" in response.headers["Vary"]


def test_build_points_stylesheets_and_scripts_at_the_copies(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "crest.svg").write_text("<svg/>")
    (tmp_path / "main.css").write_text('.a{background:url("/static/images/crest.svg")}')
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "lib.js").write_text("export const x = 1;")
    (tmp_path / "js" / "init.js").write_text('import { x } from "./lib.js";')
    built = build(tmp_path)
    assert f'url("/static/{built["images/crest.svg"]}")' in (tmp_path / built["main.css"]).read_text()
    lib = built["js/lib.js"].rsplit("/", 1)[1]
    assert (tmp_path / built["js/init.js"]).read_text() == f'import {{ x }} from "./{lib}";'
    assert manifest.__wrapped__(str(tmp_path)) == built


def test_a_changed_file_gets_a_new_name_and_the_old_copy_goes(tmp_path):
    (tmp_path / "main.css").write_text(".a{color:red}")
    first = build(tmp_path)["main.css"]
    (tmp_path / "main.css").write_text(".a{color:blue}")
    second = build(tmp_path)["main.css"]
    assert first != second
    assert not (tmp_path / first).exists() and (tmp_path / second).exists()
