"""Word tokens for the name and school finders: the fast tokeniser gives what a plain match-by-match one gives."""

import re

from analysis.redaction.tokens import Token, _strip_possessive, tokens
from tests.analysis.synthetic import comments

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019\-]*")
TRICKY = [
    "", "   ", "1234 !!", "  --Jack's- mum", "O'Neil\u2019s dog\nHe-", "\u00c0\u00c9\u00d7\u00f7 Zo\u00eb's\tcat!",
    "'quoted' - word -- x", "A", "\u00c9-", "x's's", "Mc-", "d\u2019", "MUM'S", "the Smiths\u2019 house",
    "Efua's mum. Then (Grace) said: \"Hodan\"; OK?", "ends with space ", "tab\tthen\r\nnew line",
]


def _reference(text: str) -> list[Token]:
    out: list[Token] = []
    previous_end = 0
    for m in _WORD.finditer(text):
        start = m.start()
        word = _strip_possessive(m.group().rstrip("-"))
        gap = text[previous_end:start]
        tail = gap.rstrip(" \t")
        starts = not out or "\n" in gap or (tail[-1:] in '.!?:;"(' if tail else False)
        out.append(Token(start, start + len(word), word.lower().replace("\u2019", "'"),
                         word[0].isupper(), starts, gap, len(word) > 1 and word.isupper()))
        previous_end = m.end()
    return out


def test_tokens_match_a_plain_tokeniser():
    texts = TRICKY + comments(per_topic=10)[0]
    for text in texts:
        assert tokens(text) == _reference(text), text


def test_token_fields():
    first, second, third = tokens("Efua's mum. Then")
    assert (first.start, first.end, first.lower, first.capitalised, first.starts_sentence) == (0, 4, "efua", True, True)
    assert second.lower == "mum" and not second.starts_sentence and second.gap_before == " "
    assert third.starts_sentence and third.gap_before == ". "
