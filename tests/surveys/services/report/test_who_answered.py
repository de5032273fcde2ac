"""Who answered against the local figures, read from the database; and the baseline figures typed or uploaded."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import Workbook

from surveys.models import Answer, BaselineFigure, Question, Response, Survey, SurveyVersion, db
from surveys.services.capture import equality
from surveys.services.platform.errors import Invalid, NotFound
from surveys.services.report import baseline, who_answered

NOW = datetime(2027, 2, 10, 12, tzinfo=UTC)


def survey(audience="parent_carer") -> SurveyVersion:
    version = SurveyVersion(survey=Survey(slug=f"s-{audience}", title="S", audience=audience), number=1)
    version.questions = [Question(position=1, key="equality_ethnicity", kind="equality", prompt="Ethnic group?",
                                  options=list(equality.ETHNICITY.options))]
    db.session.add(version)
    db.session.flush()
    return version


def responses(version, number, locality=None, need=None, ethnicity=None, submitted=NOW, status="submitted"):
    for _ in range(number):
        response = Response(version=version, status=status, submitted_at=submitted, locality=locality,
                            need_type=need)
        if ethnicity:
            response.answers.append(Answer(question=version.questions[0], value_text=ethnicity))
        db.session.add(response)
    db.session.flush()


def figures(dimension, counts, support="ehc_plan"):
    for category, count in counts.items():
        baseline.save_figure(None, dimension, category, support, count)


@pytest.fixture
def parents(app_context):
    return survey()


def test_localities_are_matched_without_case_and_counted_by_audience_and_period(parents):
    young = survey("young_person")
    practitioners = survey("practitioner")
    responses(parents, 92, locality="North")
    responses(parents, 8, locality="south ")
    responses(parents, 5, locality="South", submitted=NOW - timedelta(days=400))
    responses(parents, 3, locality="South", status="in_progress")
    responses(young, 4, locality="South")
    responses(practitioners, 50, locality="South")
    figures("locality", {"North": 79, "South": 21})
    since = date(2026, 2, 1)
    assert who_answered.respondent_counts("locality", "parent_carer", since) == {"north": 92, "south": 8}
    assert who_answered.respondent_counts("locality", "both", None) == {"north": 92, "south": 17}
    section = who_answered.section("locality", "parent_carer", "ehc_plan", who_answered.period("year", NOW.date()))
    assert [(c.category, c.responses, c.baseline) for c in section.comparisons] == [("North", 92, 79),
                                                                                    ("South", 8, 21)]
    assert section.sentences[0] == ("Families in the South locality are under-represented in the last 12 months: "
                                    "8% of responses against 21% of children and young people with EHC plans.")


def test_ethnic_groups_come_from_the_canonical_answers_without_prefer_not_to_say(parents):
    responses(parents, 40, ethnicity="white")
    responses(parents, 10, ethnicity="asian")
    responses(parents, 30, ethnicity="prefer_not_to_say")
    figures("ethnicity", {"white": 70, "Asian or Asian British": 30})
    assert who_answered.respondent_counts("ethnicity", "parent_carer", None) == {"white": 40,
                                                                                 "asian or asian british": 10}
    section = who_answered.section("ethnicity", "parent_carer", "ehc_plan", who_answered.period("all", NOW.date()))
    assert [(c.category, c.responses, c.respondents) for c in section.comparisons] == [
        ("Asian or Asian British", 10, 50), ("White", 40, 50)]


def test_support_all_adds_plans_and_sen_support(parents):
    figures("locality", {"North": 10, "South": 5})
    figures("locality", {"North": 30}, support="sen_support")
    assert who_answered.baseline("locality", "all") == {"north": ("North", 40), "south": ("South", 5)}
    assert who_answered.baseline("locality", "sen_support") == {"north": ("North", 30)}


def test_the_report_names_a_locality_and_need_nobody_answered_from(parents):
    for locality in ("North", "South"):
        responses(parents, 40, locality=locality, need="Autism")
    responses(parents, 20, locality="South", need="Social, emotional and mental health")
    figures("locality", {"North": 50, "South": 50})
    figures("need_type", {"Autism": 80, "Social, emotional and mental health": 20})
    report = who_answered.report("parent_carer", "ehc_plan", who_answered.period("term", NOW.date()))
    assert report.pair_sentences == [
        "No families of children whose primary need is social, emotional and mental health from the North locality "
        "answered since 1 January 2027: the local figures suggest about 10% of responses would be."]
    assert report.sentences[0] == report.pair_sentences[0]


def test_term_starts():
    assert who_answered.term_start(date(2026, 10, 5)) == date(2026, 9, 1)
    assert who_answered.term_start(date(2027, 2, 10)) == date(2027, 1, 1)
    assert who_answered.term_start(date(2027, 6, 1)) == date(2027, 4, 1)


# --- baseline figures ----------------------------------------------------------------------------------------


def test_saving_a_group_again_replaces_its_count(app_context):
    baseline.save_figure(None, "locality", "North", "ehc_plan", 10)
    baseline.save_figure(None, "locality", " north ", "ehc_plan", 12, date(2026, 1, 15))
    baseline.save_figure(None, "locality", "North", "sen_support", 40)
    rows = db.session.scalars(db.select(BaselineFigure).order_by(BaselineFigure.id)).all()
    assert [(f.category, f.support, f.count, f.as_of) for f in rows] == [
        ("north", "ehc_plan", 12, date(2026, 1, 15)), ("North", "sen_support", 40, None)]


def test_ethnic_group_and_sex_are_stored_as_the_canonical_labels(app_context):
    assert baseline.save_figure(None, "ethnicity", "asian", "ehc_plan", 5).category == "Asian or Asian British"
    assert baseline.save_figure(None, "sex", "FEMALE", "ehc_plan", 5).category == "Female"
    with pytest.raises(Invalid, match="Ethnic group must be one of: Asian or Asian British"):
        baseline.save_figure(None, "ethnicity", "Martian", "ehc_plan", 5)


@pytest.mark.parametrize(("value", "message"), [
    ("", "whole number"), ("-3", "whole number"), ("2.5", "whole number"), ("ten", "whole number"),
    ("10000001", "10,000,000 or fewer"),
])
def test_counts_must_be_whole_numbers(value, message):
    with pytest.raises(Invalid, match=message):
        baseline.count_of(value)
    assert baseline.count_of("1,200") == 1200 and baseline.count_of(7.0) == 7


def test_removing_a_figure(app_context):
    figure = baseline.save_figure(None, "locality", "North", "ehc_plan", 10)
    baseline.remove_figure(figure.id)
    assert db.session.scalar(db.select(db.func.count(BaselineFigure.id))) == 0
    with pytest.raises(NotFound):
        baseline.remove_figure(figure.id)


CSV = (b"Dimension,Category,Support,Count,As of\r\n"
       b"Locality,North,EHC plan,79,2026-01-15\r\n"
       b"locality,South,ehc_plan,\"1,021\",15/01/2026\r\n"
       b"Primary need,Autism,SEN support,300,\r\n"
       b"Postcode,AB1,EHC plan,3,\r\n"
       b"Locality,East,EHC plan,lots,\r\n"
       b",,,,\r\n"
       b"Ethnic group,Purple,EHC plan,4,\r\n")


def test_a_csv_upload_saves_good_rows_and_reports_the_others_by_line(app_context):
    result = baseline.import_figures(None, CSV, "figures.csv")
    assert result.saved == 3
    assert result.problems == [
        (5, "Breakdown must be one of: Primary need, Age band, Locality, Ethnic group, Sex"),
        (6, "Number of children and young people must be a whole number, like 120"),
        (8, "Ethnic group must be one of: Asian or Asian British, Black, Black British, Caribbean or African, "
            "Mixed or multiple ethnic groups, White, Another ethnic group"),
    ]
    assert who_answered.baseline("locality", "ehc_plan") == {"north": ("North", 79), "south": ("South", 1021)}


def test_an_xlsx_upload_reads_the_same_figures(app_context):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["dimension", "category", "support", "count", "as of"])
    sheet.append(["Locality", "North", "EHC plan", 79, datetime(2026, 1, 15)])
    sheet.append(["Sex", "male", "SEN support", 120.0, None])
    data = io.BytesIO()
    workbook.save(data)
    result = baseline.import_figures(None, data.getvalue(), "figures.xlsx")
    assert (result.saved, result.problems) == (2, [])
    north = db.session.scalar(db.select(BaselineFigure).where(BaselineFigure.category == "North"))
    assert north.as_of == date(2026, 1, 15)
    assert who_answered.baseline("sex", "sen_support") == {"male": ("Male", 120)}


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"", "empty.csv", "The selected file is empty"),
    (b"category,count\nNorth,3\n", "figures.csv", "There is no column called ‘dimension’"),
    (b"not a workbook", "figures.xlsx", "could not be opened as an XLSX workbook"),
])
def test_a_file_that_cannot_be_used_is_refused_whole(app_context, data, filename, message):
    with pytest.raises(Invalid, match=message):
        baseline.import_figures(None, data, filename)
