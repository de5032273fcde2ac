"""The easy-read twin of the tracker: short sentences, symbols always with words, links between the versions."""

from tests.html import h1_text, link_hrefs, main_text, text_of
from tests.surveys.public.snapshots import publish


def test_easy_read_shows_the_easy_read_texts(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did/easy-read")
    assert h1_text(page) == "You said, we did: easy read"
    headings = [text_of(h) for h in page.select("main h2")]
    assert headings == ["Waiting to see CAMHS", "Getting to school"]
    text = main_text(page)
    assert "You wait a long time. That is hard." in text
    assert "A phone line about waiting" in text and "You can phone and ask." in text
    assert "Now: In progress." in text
    assert "We did this with the parent carer forum." in text


def test_every_symbol_has_words_beside_it(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did/easy-read")
    symbols = page.select("main svg.app-easy-symbol")
    assert len(symbols) >= 4
    for symbol in symbols:
        assert symbol["aria-hidden"] == "true"
        words = symbol.find_next_sibling(class_="app-easy-row__words")
        assert words is not None and text_of(words), f"a symbol without words: {symbol}"


def test_symbols_are_drawings_not_emoji(client_request):
    publish(3)
    page = client_request.get("/you-said-we-did/easy-read")
    names = [svg["data-symbol"] for svg in page.select("main h2 svg")]
    assert names == ["clock", "talk"]  # an unknown symbol name falls back to the speech bubble
    assert not any(ord(ch) > 0x2600 for ch in main_text(page) if ch not in "“”’‘–")


def test_easy_read_uses_large_text(client_request):
    publish(3)
    main = client_request.get("/you-said-we-did/easy-read").select_one("main")
    paragraphs = main.select("p")
    assert paragraphs and all("govuk-body-l" in p["class"] for p in paragraphs)


def test_the_two_versions_link_to_each_other(client_request):
    publish(3)
    assert "/you-said-we-did" in link_hrefs(client_request.get("/you-said-we-did/easy-read").select_one("main"),
                                            "Read the full version")
    assert "/you-said-we-did/easy-read" in link_hrefs(client_request.get("/you-said-we-did").select_one("main"),
                                                      "Read the easy read version")


def test_earlier_easy_read_version(client_request):
    publish(2, status="superseded")
    publish(3)
    page = client_request.get("/you-said-we-did/v/2/easy-read")
    assert "This is an earlier version." in main_text(page)
    assert "/you-said-we-did/v/2" in link_hrefs(page.select_one("main"), "Read the full version")


def test_easy_read_empty_state(client_request):
    text = main_text(client_request.get("/you-said-we-did/easy-read"))
    assert "We have not put anything here yet." in text
