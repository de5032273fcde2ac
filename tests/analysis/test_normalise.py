"""Normalising: Unicode clean-up, glossary folding, tokens, stems and stop words."""

from analysis.glossary import fold_glossary
from analysis.normalise import clean_text, content_tokens, tokenise


def test_clean_text_straightens_quotes_and_collapses_space():
    assert clean_text("  It\u2019s\u00a0fine \x07\n\n ok ") == "It's fine ok"
    assert clean_text(None) == ""


def test_glossary_folds_variants_of_one_term():
    variants = ["EHCP", "EHC plan", "education, health and care plan", "Education Health & Care Plans"]
    assert {fold_glossary(v) for v in variants} == {"ehcp"}
    assert fold_glossary("SENCo and SENCO") == "senco and senco"
    assert fold_glossary("speech and language therapy") == "salt"
    assert fold_glossary("annual reviews") == "annual_review"


def test_acronyms_that_are_words_fold_only_in_capitals():
    assert fold_glossary("OT visit") == "occupational_therapy visit"
    assert fold_glossary("too much salt") == "too much salt"
    assert fold_glossary("not sure") == "not sure"


def test_content_tokens_stem_and_drop_stop_words():
    tokens = content_tokens("My son's SENCo didn't reply to the emails about waiting for his EHC plan")
    assert tokens == ["senco", "repli", "email", "wait", "ehcp"]


def test_tokenise_keeps_numbers_and_drops_apostrophes():
    assert tokenise("Don't wait 20 weeks") == ["dont", "wait", "20", "weeks"]
