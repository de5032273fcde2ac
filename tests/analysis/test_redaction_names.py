"""Redaction of names of many origins and of home addresses, part by part, without touching places, services,
conditions, benefits or job titles."""

import pytest

from analysis.redaction import PARTS, redact
from analysis.redaction.addresses import find_addresses
from analysis.redaction.lexicon import given_names, surnames, zipf


@pytest.mark.parametrize(("text", "expected"), [
    # listed names of many origins, at the start of a sentence and before a bracket
    ("Abdirahman gets bullied on the bus.", "[name] gets bullied on the bus."),
    ("Siobhan from the Local Offer team was lovely.", "[name] from the Local Offer team was lovely."),
    ("Wojciech (year 6) needs a reader.", "[name] (year 6) needs a reader."),
    ("We asked Chiamaka about it.", "We asked [name] about it."),
    # hyphenated and double-barrelled
    ("Kwame Asante-Mensah needs a reader.", "[name] needs a reader."),
    ("Smith-Jones family were told nothing.", "[name] family were told nothing."),
    # staff after titles (after a role word the title goes too)
    ("Mrs Kowalczyk never replies.", "Mrs [name] never replies."),
    ("The SENCO Mrs Kowalczyk never replies.", "The SENCO [name] never replies."),
])
def test_names_of_many_origins(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("i am chidi and i am 14", "i am [name] and i am 14"),
    ("I'm Wojciech and my son needs help", "I'm [name] and my son needs help"),
    ("Name: Zainab Begum", "Name: [name]"),
    ("my name is Hodan", "my name is [name]"),
    ("Efua's EHCP review was cancelled.", "[name]'s EHCP review was cancelled."),
    ("my nan bridie takes me to school", "my nan [name] takes me to school"),
    ("my daughter is called Faith", "my daughter is called [name]"),
])
def test_context_says_a_person(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "i am knackered and i am fuming",
    "i am autistic",
    "I'm Worried about the review",
])
def test_self_introductions_need_a_name_like_word(text):
    assert redact(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Hodan has been waiting two years.", "[name] has been waiting two years."),
    ("The social worker told Nkiruka she could stay.", "The social worker told [name] she could stay."),
])
def test_rare_capitalised_words_in_a_persons_place(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "He goes to the clinic in Keighley every Tuesday.",
    "We moved from Dewsbury to Rotherham.",
    "We went to Bingham Health Centre.",
    "We applied for Universal Credit and DLA.",
    "We get Disability Living Allowance and Carer's Allowance.",
    "CAMHS and the SENCO agreed a plan.",
    "The paediatrician prescribed Melatonin.",
    "He was given Aripiprazole and it helped his Tendonitis.",
    "Parent Carer Forum meetings are useful.",
    "My son goes to a Welsh-medium school.",
    "The HCAs and OTs were kind.",
    "The Educational Psychology Service report came back.",
])
def test_places_services_conditions_benefits_and_job_titles_stay(text):
    assert redact(text).text == text


@pytest.mark.parametrize(("text", "address"), [
    ("We moved to 22 Fenwick Terrace in March.", "22 Fenwick Terrace"),
    ("Send letters to Flat 3, 14 High Street please.", "Flat 3, 14 High Street"),
    ("I live at 7a Station Road.", "7a Station Road"),
    ("our house is 5 glebe crescent", "5 glebe crescent"),
])
def test_house_numbers_with_street_names(text, address):
    found = [text[s:e] for s, e, _ in find_addresses(text)]
    assert found == [address]
    assert "[address]" in redact(text).text


@pytest.mark.parametrize("text", [
    "We waited 3 hours on the road.", "He has 2 big brothers.", "It took 40 weeks for the plan.",
    "Year 6 Close to the end of term",
])
def test_numbers_that_are_not_addresses(text):
    assert list(find_addresses(text)) == []


def test_each_part_can_be_switched_off_and_matters():
    # rarity: "Hodan" (not listed); context: "i'm chidi" (lower case); lexicon: "Kwame" (too common to be rare)
    text = "Hodan has been waiting. i'm chidi. We asked Kwame. We live at 22 Fenwick Terrace."
    full = redact(text)
    assert full.text == "[name] has been waiting. i'm [name]. We asked [name]. We live at [address]."
    for part in PARTS:
        assert redact(text, parts=PARTS - {part}).text != full.text, part


def test_name_lists_are_large_and_of_many_origins():
    assert len(given_names()) > 10_000 and len(surnames()) > 10_000
    for name in ("siobhan", "chiamaka", "kwame", "wojciech", "ioana", "abdirahman", "niamh", "rhys"):
        assert name in given_names()
    for name in ("okafor", "mensah", "popescu", "begum", "mcdonagh"):
        assert name in surnames()
    assert zipf("the") > 7 > zipf("hodan")
