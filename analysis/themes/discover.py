"""Discover themes in a body of comments, keeping existing themes, their ids and manual decisions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.preprocessing import normalize

from analysis.normalise import content_tokens
from analysis.redaction import redact
from analysis.sentiment import score_sentiment
from analysis.themes import cluster
from analysis.themes.codebook import CodebookEntry
from analysis.themes.features import FeatureSpace
from analysis.themes.identity import MATCH_AT, match_profiles, new_theme_id, profile_similarity
from analysis.themes.label import distinctive_terms, key_phrases, surface_forms
from analysis.themes.model import SHORT_ANSWER_KIND, Assignment, Decisions, Theme, ThemeRun
from analysis.themes.phrases import label_groups
from analysis.themes.quotes import pick_quotes
from analysis.themes.refine import refine
from analysis.themes.short_answers import is_short_answer
from analysis.triage import triage

SHORT_ANSWER_LABEL = "Nothing to add or change"
MIN_SHORT_GROUP = 3
MIN_NEW_GROUP = 10
REVIEW_BELOW = 0.2
RADIUS_PERCENTILE = 5
# With a codebook: at least this many themes beyond it when k is chosen, and a seeded cluster keeps the
# codebook's name while its final centre is at least this similar to where its phrases started it.
EXTRA_THEMES = 2
SEED_KEPT_AT = 0.5
REFINE_ROUNDS = 0  # iterative classification after k-means (0: off); see bench/THEMES.md

Progress = Callable[[str], None]


@dataclass
class _Corpus:
    """Everything a run computes once about its comments."""

    texts: Sequence[str]
    keys: list[int | str]
    consent: list[bool]
    flagged: list[bool] | None
    space: FeatureSpace
    weighted: object
    x: np.ndarray
    overall: np.ndarray
    short: np.ndarray
    compounds: np.ndarray


def _prepare(texts: Sequence[str], keys: Sequence[int | str] | None, consent: Sequence[bool] | None,
             flagged: Sequence[bool] | None, tokens: Sequence[list[str]] | None,
             compounds: Sequence[float] | None, seed: int) -> _Corpus:
    docs = list(tokens) if tokens is not None else [content_tokens(t) for t in texts]
    if compounds is None:
        compounds = [score_sentiment(t).compound for t in texts]
    space = FeatureSpace(seed=seed)
    weighted = space.fit(docs)
    compounds = np.asarray(compounds, dtype=np.float32)
    x = normalize(space.embed(weighted, compounds))
    return _Corpus(
        texts, list(keys) if keys is not None else list(range(len(texts))),
        list(consent) if consent is not None else [False] * len(texts),
        list(flagged) if flagged is not None else None, space, weighted, x,
        np.asarray(weighted.mean(axis=0)).ravel(),
        _short_answers(texts), compounds,
    )


def _short_answers(texts: Sequence[str]) -> np.ndarray:
    """is_short_answer for every text, worked out once per distinct text."""
    seen: dict[str, bool] = {}
    for text in texts:
        if text not in seen:
            seen[text] = is_short_answer(text)
    return np.array([seen[t] for t in texts], dtype=bool)


def _resolve(theme_id: str, decisions: Decisions) -> str:
    """Follow merges to the surviving theme id."""
    seen = set()
    while theme_id in decisions.merged and theme_id not in seen:
        seen.add(theme_id)
        theme_id = decisions.merged[theme_id]
    return theme_id


def _theme_vector(theme: Theme, corpus: _Corpus) -> np.ndarray:
    """Where an existing theme sits in this run's space: its examples' centre, else its term profile."""
    if theme.examples:
        docs = [content_tokens(t) for t in theme.examples]
        compounds = np.array([score_sentiment(t).compound for t in theme.examples])
        centre = corpus.space.embed(corpus.space.tfidf(docs), compounds).mean(axis=0)
    else:
        centre = corpus.space.embed_profile(theme.term_weights, theme.sentiment)
    return normalize(centre[None, :])[0]


def _pin(corpus: _Corpus, decisions: Decisions, assignments: list[Assignment | None]) -> None:
    for i, key in enumerate(corpus.keys):
        if key in decisions.pinned:
            assignments[i] = Assignment(_resolve(decisions.pinned[key], decisions), 1.0, pinned=True)


def _short_theme(corpus: _Corpus, active: list[Theme], rejected: list[Theme], taken: set[str],
                 assignments: list[Assignment | None]) -> Theme | None:
    free = [i for i in np.flatnonzero(corpus.short) if assignments[i] is None]
    existing = next((t for t in active if t.kind == SHORT_ANSWER_KIND), None)
    was_rejected = any(t.kind == SHORT_ANSWER_KIND for t in rejected)
    if existing is None and (len(free) < MIN_SHORT_GROUP or was_rejected):
        return None
    theme = existing or Theme(new_theme_id({"_short_answer": 1.0}, taken), SHORT_ANSWER_LABEL,
                              kind=SHORT_ANSWER_KIND, term_weights={"_short_answer": 1.0})
    for i in free:
        assignments[i] = Assignment(theme.id, 1.0)
    return theme


def _explain(corpus: _Corpus, themes: list[Theme], assignments: list[Assignment | None]) -> None:
    """Give each free comment to the existing theme that explains it (similarity within its radius)."""
    topical = [t for t in themes if t.kind != SHORT_ANSWER_KIND]
    free = np.array([i for i, a in enumerate(assignments) if a is None], dtype=int)
    if not topical or not len(free):
        return
    centres = np.vstack([_theme_vector(t, corpus) for t in topical])
    sims = corpus.x[free] @ centres.T
    best = sims.argmax(axis=1)
    for row, i in enumerate(free):
        theme, sim = topical[best[row]], float(sims[row, best[row]])
        if sim >= theme.radius:
            assignments[i] = Assignment(theme.id, round(max(0.0, sim), 4), needs_review=sim < REVIEW_BELOW)


def _nearest_existing(corpus: _Corpus, themes: list[Theme], free: np.ndarray,
                      assignments: list[Assignment | None]) -> None:
    topical = [t for t in themes if t.kind != SHORT_ANSWER_KIND] or themes
    centres = np.vstack([_theme_vector(t, corpus) for t in topical])
    sims = corpus.x[free] @ centres.T
    for row, i in enumerate(free):
        j = int(sims[row].argmax())
        assignments[i] = Assignment(topical[j].id, round(max(0.0, float(sims[row, j])), 4), needs_review=True)


def _propose(corpus: _Corpus, k: int | None, active: list[Theme], rejected: list[Theme], taken: set[str],
             assignments: list[Assignment | None], seed: int, codebook: Sequence[CodebookEntry] = (),
             joinable: list[Theme] | None = None) -> list[Theme]:
    """Cluster what no existing theme explains into new themes (or fold it into a matching theme).

    joinable (default: active) are the themes a cluster with the same profile joins, keeping their ids.
    """
    free = np.array([i for i, a in enumerate(assignments) if a is None], dtype=int)
    if not len(free):
        return []
    if active and len(free) < MIN_NEW_GROUP:
        _nearest_existing(corpus, active, free, assignments)
        return []
    known = {t.label.lower() for t in active}
    entries = [e for e in codebook if e.name.lower() not in known][:max(0, len(free) // MIN_NEW_GROUP - 1)]
    if k is not None:
        n_clusters = max(1, k - len(active), len(entries) + 1 if entries else 1)
    else:
        n_clusters = max(cluster.choose_k(corpus.x[free], seed), len(entries) + EXTRA_THEMES if entries else 1)
    names: list[str] = []
    if entries:
        seeds = _seed_centres(corpus, entries)
        labels, centres = cluster.seeded_kmeans(corpus.x[free], seeds, n_clusters - len(entries), seed)
        kept = [float(normalize(centres[c][None, :])[0] @ seeds[c]) >= SEED_KEPT_AT for c in range(len(entries))]
        names = [e.name if keep else "" for e, keep in zip(entries, kept, strict=True)]
    else:
        labels, _centres = cluster.kmeans(corpus.x[free], n_clusters, seed)
    if REFINE_ROUNDS:
        labels = refine(corpus.weighted[free], corpus.x[free], labels, seed, rounds=REFINE_ROUNDS)
    present = np.unique(labels)
    groups = [free[labels == c] for c in present]
    group_names = [names[c] if c < len(names) else "" for c in present]
    profiles = [distinctive_terms(corpus.weighted, g, corpus.overall, corpus.space.terms) for g in groups]
    return _name_groups(corpus, groups, profiles, active if joinable is None else joinable, rejected, taken,
                        assignments, group_names)


def _seed_centres(corpus: _Corpus, entries: Sequence[CodebookEntry]) -> np.ndarray:
    """Where each codebook theme sits in this run's space: the mean of its name and phrases, embedded."""
    rows = []
    for entry in entries:
        docs = [content_tokens(p) for p in [entry.name, *entry.phrases]]
        embedded = corpus.space.embed(corpus.space.tfidf(docs), np.zeros(len(docs), dtype=np.float32))
        rows.append(normalize(embedded.mean(axis=0)[None, :])[0])
    return np.vstack(rows).astype(corpus.x.dtype)


def _name_groups(corpus: _Corpus, groups: list[np.ndarray], profiles: list[dict[str, float]],
                 active: list[Theme], rejected: list[Theme], taken: set[str],
                 assignments: list[Assignment | None], names: list[str]) -> list[Theme]:
    """Turn clusters into themes: a cluster like a rejected theme stays unthemed; like an active
    unreviewed theme, it joins it; otherwise it becomes a new proposed theme."""
    topical = [t for t in active if t.kind != SHORT_ANSWER_KIND]
    joins = match_profiles(profiles, [t.term_weights for t in topical])
    new_themes = []
    for g, (members, profile) in enumerate(zip(groups, profiles, strict=True)):
        if any(profile_similarity(profile, t.term_weights) >= MATCH_AT for t in rejected):
            theme_id = None
        elif g in joins:
            theme_id = topical[joins[g]].id
        else:
            theme = Theme(new_theme_id(profile, taken), names[g], term_weights=profile, from_codebook=bool(names[g]))
            taken.add(theme.id)
            new_themes.append(theme)
            theme_id = theme.id
        for i in members:
            assignments[i] = Assignment(theme_id, 0.0, needs_review=theme_id is None)
    return new_themes


SafeText = Callable[[int], str | None]


def _describe(theme: Theme, members: np.ndarray, corpus: _Corpus, safe_text: SafeText) -> None:
    """Fill in size, profile, key terms, label (existing labels are kept), radius and quotes."""
    theme.size = len(members)
    if not len(members):
        return
    if theme.kind != SHORT_ANSWER_KIND:
        theme.term_weights = distinctive_terms(corpus.weighted, members, corpus.overall, corpus.space.terms)
    centre = normalize(corpus.x[members].mean(axis=0)[None, :])[0]
    closeness = corpus.x[members] @ centre
    theme.sentiment = round(float(corpus.compounds[members].mean()), 4)
    surface = surface_forms([corpus.texts[i] for i in members])
    short = theme.kind == SHORT_ANSWER_KIND
    theme.key_terms = ["nothing"] if short else key_phrases(theme.term_weights, surface)
    if theme.kind != SHORT_ANSWER_KIND:
        profile = corpus.space.embed_profile(theme.term_weights, theme.sentiment)
        sims = corpus.x[members] @ normalize(profile[None, :])[0]
        theme.radius = round(float(np.clip(np.percentile(sims, RADIUS_PERCENTILE), 0.1, 0.8)), 4)
    theme.quotes = pick_quotes(members, closeness, corpus.keys, corpus.consent, safe_text)


def _safe_text(corpus: _Corpus, known_names: Sequence[str], known_schools: Sequence[str]) -> SafeText:
    def safe(i: int) -> str | None:
        text = corpus.texts[i]
        flagged = corpus.flagged[i] if corpus.flagged is not None else triage(text).flagged
        if flagged or not text or not text.strip():
            return None
        return redact(text, known_names, known_schools).text.strip()
    return safe


def discover_themes(
    texts: Sequence[str], k: int | None = None, existing_themes: Sequence[Theme] = (),
    decisions: Decisions | None = None, consent: Sequence[bool] | None = None,
    keys: Sequence[int | str] | None = None, flagged: Sequence[bool] | None = None,
    tokens: Sequence[list[str]] | None = None, compounds: Sequence[float] | None = None,
    known_names: Sequence[str] = (), known_schools: Sequence[str] = (), seed: int = 0,
    progress: Progress | None = None, redacted: Sequence[str] | None = None,
    codebook: Sequence[CodebookEntry] = (), regroup: bool = False,
) -> ThemeRun:
    """Themes of texts and one assignment per text.

    existing_themes come from earlier runs (as stored by the app); they keep their ids and labels,
    and only comments none of them explains are clustered into new themes. decisions (pinned
    comments, merges, rejections) are applied first and never overridden. keys identify comments
    in decisions.pinned (default: their index). flagged, tokens and compounds may be passed when
    already computed (by the pipeline); flagged comments are never quoted. k fixes the number of
    themes (including existing ones); otherwise it is chosen from the data. redacted (the texts with
    personal data removed, when the caller has them) is what labels are drawn from; otherwise texts.
    codebook (expected themes with example phrases) seeds the clustering: a cluster that stays near its
    seed is named after it (from_codebook), and other clusters are proposed as usual. regroup clusters the
    comments of unreviewed themes again (to reach a k people asked for); reviewed themes keep theirs.
    """
    say = progress or (lambda _msg: None)
    decisions = decisions or Decisions()
    if not texts:
        return ThemeRun(list(existing_themes), [])
    say(f"preparing {len(texts)} comments")
    corpus = _prepare(texts, keys, consent, flagged, tokens, compounds, seed)
    merged_away = set(decisions.merged)
    rejected = [t for t in existing_themes if t.id in decisions.rejected]
    active = [t for t in existing_themes if t.id not in decisions.rejected and t.id not in merged_away]
    for theme in active:
        theme.is_new = False
    taken = {t.id for t in existing_themes} | set(decisions.merged.values()) | set(decisions.rejected)
    assignments: list[Assignment | None] = [None] * len(texts)
    _pin(corpus, decisions, assignments)
    short = _short_theme(corpus, active, rejected, taken, assignments)
    if short is not None and short not in active:
        active.append(short)
    say("matching existing themes")
    # regroup: only reviewed themes (and the "nothing to add" group) hold their comments; the rest are
    # clustered again at the k asked for, and a cluster like an unreviewed theme keeps that theme's id.
    holding = [t for t in active if t.reviewed or t.kind == SHORT_ANSWER_KIND] if regroup else active
    _explain(corpus, holding, assignments)
    say("clustering")
    found = _propose(corpus, k, holding, rejected, taken, assignments, seed, codebook, joinable=active)
    themes = active + [t for t in found if t not in active]
    say("labelling themes")
    final = [a or Assignment(None, 0.0, needs_review=True) for a in assignments]
    known = {t.id for t in themes}
    for theme_id in dict.fromkeys(a.theme_id for a in final if a.pinned):
        if theme_id not in known and theme_id is not None:
            themes.append(Theme(theme_id, "", is_new=False))  # pinned to a theme the app made by hand
            known.add(theme_id)
    safe = _safe_text(corpus, known_names, known_schools)
    ids = np.array([a.theme_id or "" for a in final], dtype=object)
    members = {theme.id: np.flatnonzero(ids == theme.id) for theme in themes}
    for theme in themes:
        _describe(theme, members[theme.id], corpus, safe)
    _label(themes, members, list(redacted) if redacted is not None else list(texts), seed)
    return ThemeRun(themes, final)


def _label(themes: list[Theme], members: dict[str, np.ndarray], texts: list[str], seed: int) -> None:
    """Give every theme without a label a distinct phrase its own comments use (existing labels are kept)."""
    unnamed = [t for t in themes if not t.label]
    taken = [t.label for t in themes if t.label]
    groups = [[texts[i] for i in members[t.id]] for t in unnamed]
    for theme, label in zip(unnamed, label_groups(groups, texts, taken, seed), strict=True):
        theme.label = label
