"""The tracker as data: JSON that validates against its schema, a safe CSV, an Atom feed, and cache headers."""

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from tests.surveys.public.snapshots import camhs_theme, publish, snapshot

SCHEMA = json.loads((Path(__file__).parents[3] / "surveys" / "public" / "tracker.schema.json").read_text())
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def raw(client_request):
    """The raw test client of ``client_request``, for JSON, CSV and XML rather than pages."""
    return client_request.client


def get_json(raw, url: str) -> dict:
    response = raw.get(url)
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_json_validates_against_the_schema(raw):
    publish(3)
    document = get_json(raw, "/you-said-we-did.json")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["version"] == 3 and document["published_at"] == "2026-12-01T09:00:00+00:00"


def test_json_is_the_snapshots_content_as_published(raw):
    publish(3)
    theme = get_json(raw, "/you-said-we-did.json")["themes"][0]
    expected = camhs_theme()
    assert theme["people"] == expected["people"]
    assert theme["quotes"] == expected["quotes"]
    assert theme["actions"][0] == expected["actions"][0]
    assert theme["easy_read"] == expected["easy_read"]


def test_json_carries_only_the_contracts_fields(raw):
    extra = camhs_theme() | {"internal_note": "not for the public"}
    extra["actions"][0]["owner_email"] = "lead@example.com"
    publish(3, themes=[extra])
    document = get_json(raw, "/you-said-we-did.json")
    jsonschema.validate(document, SCHEMA)
    assert "not for the public" not in json.dumps(document) and "lead@example.com" not in json.dumps(document)


def test_schema_refuses_a_document_without_themes():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 1, "published_at": None, "area": "", "changes": []}, SCHEMA)


def test_earlier_version_as_json(raw):
    publish(2, status="superseded", themes=[])
    publish(3)
    document = get_json(raw, "/you-said-we-did/v/2.json")
    jsonschema.validate(document, SCHEMA)
    assert document["version"] == 2 and document["themes"] == []


def test_schema_is_served(raw):
    response = raw.get("/you-said-we-did.schema.json")
    assert response.status_code == 200 and json.loads(response.data)["title"] == "You said, we did"


def read_csv(raw) -> list[dict]:
    response = raw.get("/you-said-we-did.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "you-said-we-did-v3.csv" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_csv_has_one_row_per_theme_and_action(raw):
    publish(3)
    rows = read_csv(raw)
    assert [(row["Theme"], row["Action"]) for row in rows] == [
        ("Waiting for CAMHS", "A CAMHS waiting list helpline"), ("Waiting for CAMHS", "'-1 extra clinic"),
        ("School transport", "")]
    first = rows[0]
    assert first["People"] == "120"
    assert first["By audience"] == "Parents and carers: 100; Young people: fewer than 5; Practitioners: not shown"
    assert first["By locality"] == "North: 40; South: fewer than 5"
    assert first["Status"] == "In progress" and first["Latest update date"] == "2026-11-02"
    assert first["Co-produced with the parent carer forum"] == "Yes"


def test_csv_neutralises_formula_looking_cells(raw):
    publish(3)
    first = read_csv(raw)[0]
    assert first["Quote 1"] == "We waited eighteen months."
    assert first["Quote 3"] == "'=HYPERLINK(\"x\")"


def parse_feed(data: bytes) -> ET.Element:
    """Our own feed, parsed as XML (it fails here if it is not well-formed)."""
    return ET.fromstring(data)  # noqa: S314 - the app's own output, not untrusted input


def test_feed_is_atom_with_the_required_elements(raw):
    publish(2, status="superseded", changes=[{"kind": "new_theme", "theme_id": 12, "action_id": None,
                                              "title": "First", "text": "The first version."}])
    publish(3)
    response = raw.get("/you-said-we-did/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = parse_feed(response.data)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert feed.find(ATOM + required).text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/you-said-we-did/feed.atom")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}updated").text == "2026-12-01T09:00:00+00:00"
    assert entries[1].find(f"{ATOM}summary").text == "The CAMHS helpline is now in progress & open <weekdays>."
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/you-said-we-did/v/3")


def test_feed_entry_ids_are_stable_and_unique_per_version_and_change(raw):
    publish(2, status="superseded")
    publish(3)
    first = [e.text for e in parse_feed(raw.get("/you-said-we-did/feed.atom").data).iter(f"{ATOM}id")]
    again = [e.text for e in parse_feed(raw.get("/you-said-we-did/feed.atom").data).iter(f"{ATOM}id")]
    assert first == again and len(set(first)) == len(first)
    assert first[1].endswith("/you-said-we-did/v/3#change-1")


def test_feed_after_a_rollback_follows_the_live_version(raw):
    publish(2)
    publish(3, status="superseded", changes=[{"kind": "updated", "theme_id": 12, "action_id": 7,
                                              "title": "Rolled back", "text": "This version was rolled back."}])
    feed = parse_feed(raw.get("/you-said-we-did/feed.atom").data)
    assert [e.text for e in feed.iter(f"{ATOM}title")][1:] == ["New: waiting for CAMHS", "Helpline: in progress"]


@pytest.mark.parametrize("url", ["/you-said-we-did", "/you-said-we-did/easy-read", "/you-said-we-did/v/3",
                                 "/you-said-we-did.json", "/you-said-we-did.csv", "/you-said-we-did/feed.atom"])
def test_public_cache_headers_from_the_version(raw, url):
    publish(3)
    response = raw.get(url)
    assert response.headers["ETag"] and response.headers["Last-Modified"] == "Tue, 01 Dec 2026 09:00:00 GMT"
    assert response.cache_control.public and 0 < response.cache_control.max_age <= 600
    assert "Set-Cookie" not in response.headers
    again = raw.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_etag_changes_with_the_version_and_the_filters(raw):
    from surveys.models import Publication, db
    publish(3)
    first = raw.get("/you-said-we-did").headers["ETag"]
    assert raw.get("/you-said-we-did?audience=young_person").headers["ETag"] != first
    db.session.get(Publication, 1).status = "superseded"
    db.session.add(Publication(version=4, status="live", published_at=snapshot_time(), snapshot=snapshot(4)))
    db.session.commit()
    assert raw.get("/you-said-we-did").headers["ETag"] != first


def snapshot_time():
    from tests.surveys.public.snapshots import PUBLISHED
    return PUBLISHED.replace(month=12, day=2)


def test_snapshot_helper_follows_the_contract_itself():
    assert set(snapshot()) == {"version", "published_at", "area", "themes", "changes"}
