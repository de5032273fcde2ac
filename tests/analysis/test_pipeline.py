"""The whole pipeline: every step per comment, and nothing unsafe published."""

from analysis import run_pipeline
from tests.analysis.synthetic import comments


def test_every_comment_gets_every_step():
    texts, _ = comments(per_topic=15)
    texts[0] = "My son Jack (07700 900123) is hurting himself and the EHC plan is late"
    result = run_pipeline(texts, k=4, consent=[True] * len(texts), workers=1)
    assert len(result.comments) == len(texts)
    first = result.comments[0]
    assert "[name]" in first.redaction.text and "[phone]" in first.redaction.text
    assert first.triage.flagged and first.publishable_text is None and first.needs_review
    assert first.sentiment.label in {"negative", "neutral", "positive"}
    assert all(c.theme_id for c in result.comments)
    quoted = " ".join(q.text for t in result.themes for q in t.quotes)
    assert "hurting himself" not in quoted and "07700" not in quoted


def test_duplicates_are_analysed_once_and_kept_in_order():
    texts = ["Nothing", "Transport late", "Nothing"] * 5
    result = run_pipeline(texts, workers=1)
    assert [c.redaction.text for c in result.comments] == texts


def test_workers_give_what_one_process_gives(monkeypatch):
    from analysis import pipeline

    texts, _ = comments(per_topic=8)
    texts += ["My son Jack (07700 900123) is hurting himself", "Mrs Patel at Oakfield Primary School was kind"]
    serial = pipeline.analyse_texts(texts, workers=1)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10)
    monkeypatch.setattr(pipeline, "CHUNK", 7)
    parallel = pipeline.analyse_texts(texts, workers=2)
    assert parallel == serial
    assert any(r.spans for r, _, _, _ in parallel) and any(t.flagged for _, t, _, _ in parallel)
