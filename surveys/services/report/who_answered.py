"""Who answered, and who lives here: the counts the representation page compares (queries only, no writes).

Respondents are submitted responses to surveys for parents and carers or young people (practitioners are not
the population in the baseline). Locality and primary need come from the response (its invitation's context);
ethnic group and sex from the canonical equality answers (``capture.equality``), leaving out "Prefer not to
say". Whether a child has an EHC plan or SEN support is not recorded on a response, so respondents are compared
with the figures for the support level the person chooses.

Categories are matched without case or punctuation mattering ("north" is "North"), and are shown as the baseline
spells them. Ethnic group and sex are stored in baselines as the canonical labels.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from surveys.models import Answer, BaselineFigure, Question, Response, Survey, SurveyVersion, db
from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS
from surveys.services.capture import equality
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.suppression import Cell, suppress_count
from surveys.services.platform.uploads import words
from surveys.services.report.representation import Comparison, Wording, compare, findings, missing_pairs, percent

COMPARED = ("locality", "need_type", "ethnicity", "sex")  # the dimensions respondents carry
EQUALITY_KEYS = {"ethnicity": equality.ETHNICITY, "sex": equality.SEX}
AUDIENCES = {"parent_carer": "families", "young_person": "young people", "both": "families and young people"}
SUPPORT_CHOICES = {**SUPPORT_LEVELS, "all": "EHC plan or SEN support"}
POPULATIONS = {"ehc_plan": "children and young people with EHC plans",
               "sen_support": "children and young people on SEN support",
               "all": "children and young people with EHC plans or on SEN support"}


@dataclass(frozen=True)
class Period:
    """Responses submitted on or after ``since`` (None: all time), and how a sentence says so."""

    name: str
    since: date | None
    phrase: str


def term_start(today: date) -> date:
    """The first day of the school term ``today`` is in, taken as 1 September, 1 January or 1 April.

    Term dates differ between schools and years; these fixed starts keep "this term" simple and say what it means.
    """
    for month in (9, 4, 1):
        if today.month >= month:
            return date(today.year, month, 1)
    return date(today.year, 1, 1)


def period(name: str, today: date) -> Period:
    """The period chosen on the page: this term, the last 12 months, or all time."""
    if name == "term":
        since = term_start(today)
        return Period("term", since, f"since {since.day} {since:%B %Y}")
    if name == "year":
        return Period("year", today - timedelta(days=365), "in the last 12 months")
    return Period("all", None, "")


def _respondents(audience: str, since: date | None):
    """Submitted responses from the chosen audience, since the start of the period (a London date)."""
    audiences = ("parent_carer", "young_person") if audience == "both" else (audience,)
    query = (select(Response.id).join(SurveyVersion, SurveyVersion.id == Response.version_id)
             .join(Survey, Survey.id == SurveyVersion.survey_id)
             .where(Response.status == "submitted", Survey.audience.in_(audiences)))
    if since is not None:
        query = query.where(Response.submitted_at >= datetime.combine(since, time(), LONDON))
    return query


def respondent_counts(dimension: str, audience: str, since: date | None) -> dict[str, int]:
    """Respondents by category of one dimension, the category in ``words`` form (unknown answers left out)."""
    ids = _respondents(audience, since)
    if dimension in EQUALITY_KEYS:
        question = EQUALITY_KEYS[dimension]
        query = (select(Answer.value_text, func.count(func.distinct(Answer.response_id)))
                 .join(Question, Question.id == Answer.question_id)
                 .where(Question.key == question.key, Answer.response_id.in_(ids)).group_by(Answer.value_text))
        return _add_up((words(question.labels().get(value, value)), n) for value, n in db.session.execute(query)
                       if value and value != equality.PREFER_NOT_TO_SAY["value"])
    column = getattr(Response, dimension)
    query = select(column, func.count()).where(Response.id.in_(ids), column.is_not(None)).group_by(column)
    return _add_up((words(value), n) for value, n in db.session.execute(query) if words(value))


def pair_counts(audience: str, since: date | None) -> dict[tuple[str, str], int]:
    """Respondents by locality and primary need together, both in ``words`` form."""
    query = (select(Response.locality, Response.need_type, func.count())
             .where(Response.id.in_(_respondents(audience, since))).group_by(Response.locality, Response.need_type))
    return _add_up(((words(a), words(b)), n) for a, b, n in db.session.execute(query) if a and b)


def _add_up(pairs) -> dict:
    totals: dict = {}
    for key, count in pairs:
        totals[key] = totals.get(key, 0) + count
    return totals


def baseline(dimension: str, support: str) -> dict[str, tuple[str, int]]:
    """The local figures for one dimension: by category in ``words`` form, its spelling and count."""
    query = select(BaselineFigure).where(BaselineFigure.dimension == dimension).order_by(BaselineFigure.category)
    if support != "all":
        query = query.where(BaselineFigure.support == support)
    figures: dict[str, tuple[str, int]] = {}
    for figure in db.session.scalars(query):
        key = words(figure.category)
        spelling, count = figures.get(key, (figure.category, 0))
        figures[key] = (spelling, count + figure.count)
    return figures


def all_figures() -> list[BaselineFigure]:
    """Every baseline figure, by dimension (in the order of BASELINE_DIMENSIONS), category and support level."""
    order = {name: n for n, name in enumerate(BASELINE_DIMENSIONS)}
    figures = db.session.scalars(select(BaselineFigure)).all()
    return sorted(figures, key=lambda f: (order.get(f.dimension, 99), words(f.category), f.support))


def supports_with_figures() -> list[str]:
    """The support levels that have any figures, as SUPPORT_LEVELS orders them."""
    present = set(db.session.scalars(select(BaselineFigure.support).distinct()))
    return [support for support in SUPPORT_LEVELS if support in present]


GROUPS = {
    "locality": {"parent_carer": "Families in the {category} locality",
                 "young_person": "Young people in the {category} locality",
                 "both": "Families and young people in the {category} locality"},
    "need_type": {"parent_carer": "Families of children whose primary need is {lower}",
                  "young_person": "Young people whose primary need is {lower}",
                  "both": "Families and young people where the primary need is {lower}"},
    "ethnicity": dict.fromkeys(AUDIENCES, "People in the ‘{category}’ ethnic group"),
    "sex": dict.fromkeys(AUDIENCES, "People who gave their sex as {lower}"),
}


@dataclass(frozen=True)
class Section:
    """One dimension: each group compared, the sentences about real gaps, and whether there is anything to show."""

    dimension: str
    title: str
    comparisons: list[Comparison]
    sentences: list[str]
    has_baseline: bool
    respondents: Cell


@dataclass(frozen=True)
class Report:
    """The whole comparison for one audience, support level and period."""

    audience: str
    support: str
    period: Period
    sections: list[Section]
    pair_sentences: list[str]

    @property
    def sentences(self) -> list[str]:
        """Every finding, groups together first (the sharpest), then each dimension's."""
        return [*self.pair_sentences, *(s for section in self.sections for s in section.sentences)]


def section(dimension: str, audience: str, support: str, when: Period) -> Section:
    """Compare respondents with the local figures for one dimension."""
    figures = baseline(dimension, support)
    counts = respondent_counts(dimension, audience, when.since)
    comparisons = compare({spelling: counts.get(key, 0) for key, (spelling, _) in figures.items()},
                          {spelling: count for spelling, count in figures.values()})
    wording = Wording(GROUPS[dimension][audience], POPULATIONS[support], when.phrase)
    respondents = suppress_count(comparisons[0].respondents if comparisons else 0)
    return Section(dimension, BASELINE_DIMENSIONS[dimension], comparisons, findings(comparisons, wording),
                   bool(figures), respondents)


def pair_sentences(audience: str, support: str, when: Period) -> list[str]:
    """Sentences for a locality and a primary need together from whom nobody answered, though some were expected."""
    localities, needs = baseline("locality", support), baseline("need_type", support)
    pairs = pair_counts(audience, when.since)
    known = {pair: n for pair, n in pairs.items() if pair[0] in localities and pair[1] in needs}
    missing = missing_pairs(known, {k: n for k, (_, n) in localities.items()}, {k: n for k, (_, n) in needs.items()},
                            sum(known.values()))
    group = GROUPS["need_type"][audience]
    sentences = []
    for pair in missing:
        locality, need = localities[pair.first][0], needs[pair.second][0]
        who = group.format(category=need, lower=need.lower())
        when_text = f" {when.phrase}" if when.phrase else ""
        sentences.append(f"No {who[:1].lower()}{who[1:]} from the {locality} locality answered{when_text}: the local "
                         f"figures suggest about {percent(pair.expected_share)} of responses would be.")
    return sentences


def report(audience: str, support: str, when: Period) -> Report:
    """The comparison of who answered with the local figures, for the page."""
    sections = [section(dimension, audience, support, when) for dimension in COMPARED]
    return Report(audience, support, when, sections, pair_sentences(audience, support, when))
