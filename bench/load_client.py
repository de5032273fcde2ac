"""The respondents of the load benchmark: each completes real surveys through every page over HTTP, as a browser
would (a cookie jar, the CSRF token and version id read from each form, redirects followed one by one).

Kept cheap on purpose (a small HTML scanner, no DOM), because the client shares the machine with the server.
A respondent that meets a dead server (connection refused or reset, 502/503) waits and repeats the same step, as
a person pressing the button again would; only the server's own replies count as answers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

RETRY_PAUSE = 0.25  # seconds between tries while the server is down
GIVE_UP_AFTER = 60.0  # a step that has not had an answer in this long fails the respondent


@dataclass
class Sample:
    """One request: what kind of page, how long it took, its status."""

    kind: str
    seconds: float
    status: int


@dataclass
class Outcome:
    """What one respondent saw: the samples, the surveys acknowledged (their markers) and any failure."""

    samples: list[Sample] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    retries: int = 0


class FormScanner(HTMLParser):
    """The fields of the page's post forms: inputs (with their type and value), textareas and selects."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self.forms.append({"action": attributes.get("action") or "", "fields": []})
        elif not self.forms:
            return
        elif tag == "input":
            self.forms[-1]["fields"].append((attributes.get("type") or "text", attributes.get("name"),
                                             attributes.get("value") or ""))
        elif tag == "textarea":
            self.forms[-1]["fields"].append(("textarea", attributes.get("name"), ""))
        elif tag == "select":
            self._select = attributes.get("name")
        elif tag == "option" and self._select and attributes.get("value"):
            self.forms[-1]["fields"].append(("option", self._select, attributes["value"]))
            self._select = None


def page_form(html: str) -> dict | None:
    """The form that holds the page's questions (the one with a version id), or the first post form."""
    scanner = FormScanner()
    scanner.feed(html)
    for form in scanner.forms:
        if any(name == "version_id" for _, name, _ in form["fields"]):
            return form
    return scanner.forms[0] if scanner.forms else None


def answers(form: dict, marker: str) -> dict:
    """Fill a page as a person might: "no" where offered (so no follow-up needs contact details), otherwise the
    first choice; free text carries the respondent's marker so the stored answer can be found afterwards."""
    data: dict[str, list[str]] = {}
    choices: dict[str, list[str]] = {}
    for kind, name, value in form["fields"]:
        if not name:
            continue
        if kind in ("radio", "checkbox", "option"):
            choices.setdefault(name, []).append(value)
        elif kind == "hidden":
            data[name] = [value]
        elif kind == "textarea":
            data[name] = [f"Bench answer {marker}. The review was late and nobody called back."]
    for name, values in choices.items():
        data[name] = ["no"] if "no" in values else values[:1]
    return data


class Respondent:
    """One person with one browser: completes a survey from its link to the confirmation page."""

    def __init__(self, base: str, outcome: Outcome) -> None:
        self.base = base
        self.http = requests.Session()
        self.outcome = outcome

    def request(self, kind: str, method: str, path: str, data: dict | None = None) -> requests.Response:
        """One request, repeated while the server is down; every answer is recorded as a sample."""
        url = urljoin(self.base, path)
        deadline = time.monotonic() + GIVE_UP_AFTER
        while True:
            started = time.perf_counter()
            try:
                reply = self.http.request(method, url, data=data, allow_redirects=False, timeout=30)
            except requests.RequestException:
                reply = None
            if reply is not None and reply.status_code not in (502, 503):
                self.outcome.samples.append(Sample(kind, time.perf_counter() - started, reply.status_code))
                return reply
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer to {method} {path} in {GIVE_UP_AFTER:.0f} s")
            self.outcome.retries += 1
            time.sleep(RETRY_PAUSE)

    def complete(self, entry: str, marker: str, token: str | None = None) -> None:
        """Follow ``entry`` (an open link or an invitation link) through every page and send the answers."""
        self.http.cookies.clear()
        location = self._expect(self.request("invitation" if token else "open_link", "GET", entry), 302)
        page = self.request("start", "GET", location)
        if page.status_code != 200:
            raise RuntimeError(f"start page answered {page.status_code}")
        path = self._first_page(page.text)
        while "/survey/page/" in path:
            path = self._answer_page(path, marker)
        if not path.endswith("/survey/check"):
            raise RuntimeError(f"pages led to {path}")
        check = self.request("check", "GET", path)
        form = page_form(check.text)
        if check.status_code != 200 or form is None:
            raise RuntimeError(f"check page answered {check.status_code}")
        reply = self.request("submit", "POST", "/respond/survey/submit", answers(form, marker))
        done = self._expect(reply, 302)
        if not done.endswith(("/survey/done", "/survey/already-answered")):
            raise RuntimeError(f"submit led to {done}")
        self.outcome.acknowledged.append(marker)
        if token:
            self.outcome.tokens.append(token)
        self._expect(self.request("done", "GET", done), 200)

    def _answer_page(self, path: str, marker: str) -> str:
        page = self.request("page_get", "GET", path)
        if page.status_code == 302:  # sent on (already answered after a lost reply)
            return page.headers["Location"]
        form = page_form(self._expect_text(page))
        if form is None:
            raise RuntimeError(f"no form on {path}")
        return self._expect(self.request("page_post", "POST", path, answers(form, marker)), 302)

    @staticmethod
    def _first_page(html: str) -> str:
        start = html.find('href="/respond/survey/page/')
        if start < 0:
            raise RuntimeError("the start page has no link to the first page")
        return html[start + 6:html.index('"', start + 6)]

    @staticmethod
    def _expect(reply: requests.Response, status: int) -> str:
        if reply.status_code != status:
            raise RuntimeError(f"{reply.request.method} {reply.request.path_url} answered {reply.status_code}")
        return reply.headers.get("Location", "") if status == 302 else reply.text

    @staticmethod
    def _expect_text(reply: requests.Response) -> str:
        if reply.status_code != 200:
            raise RuntimeError(f"{reply.request.method} {reply.request.path_url} answered {reply.status_code}")
        return reply.text
