"""Large name lists and English word frequencies, from maintained packages whose data ships with them.

- Given names and surnames of many origins come from Faker's person providers (MIT licence; about 21,000
  given names and 21,000 surnames across some 90 locales: British, Irish, Welsh-English, Nigerian (Hausa,
  Igbo, Yoruba), Ghanaian (Twi), Kenyan, Bangladeshi, Pakistani, Indian, Polish, Romanian, Arabic, Turkish...).
  Only names in Latin letters are kept; everything is read from the installed package, never downloaded.
- How common a word is in English comes from wordfreq (Zipf scale: 7 is "the", 3 is once per million words,
  below 2 rare), so a capitalised word that is rare as an English word can be taken for a name.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import unicodedata
from functools import lru_cache

_GIVEN_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_SURNAME_ATTRIBUTES = ("last_names", "last_names_male", "last_names_female")


def _latin(word: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in word)


def _provider_words(provider: type, attributes: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for attribute in attributes:
        value = provider.__dict__.get(attribute)
        if value is None or isinstance(value, property) or callable(value):
            continue
        for name in (value.keys() if isinstance(value, dict) else value):
            if isinstance(name, str) and _latin(name):
                out.update(part for part in name.lower().replace("\u2019", "'").split() if len(part) > 1)
    return out


@lru_cache(maxsize=1)
def _faker_names() -> tuple[frozenset[str], frozenset[str]]:
    import faker.providers.person as person

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        given |= _provider_words(provider, _GIVEN_ATTRIBUTES)
        surnames |= _provider_words(provider, _SURNAME_ATTRIBUTES)
    return frozenset(given), frozenset(surnames)


def given_names() -> frozenset[str]:
    """Given names of many origins, lower case."""
    return _faker_names()[0]


def surnames() -> frozenset[str]:
    """Surnames of many origins, lower case."""
    return _faker_names()[1]


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """How common a lower-case word is in English, on the Zipf scale (0 when wordfreq has never seen it)."""
    frequency = _frequencies().get(word)
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


@lru_cache(maxsize=4)
def common_english(threshold: float) -> frozenset[str]:
    """Lower-case words at least this common in English: a quick test of whether a text has any other word."""
    floor = 10 ** (threshold - 9)
    return frozenset(word for word, frequency in _frequencies().items() if frequency >= floor)
