"""Exports on known data: formulas neutralised, CSV and XLSX holding the same rows, suppression, redaction."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from surveys.models import Action, Answer, Response, db
from surveys.services.platform.calendar import today
from surveys.services.platform.errors import Invalid, NotFound
from surveys.services.report.exports import BUILDERS, build_export, csv_chunks, sheet_title, xlsx_file
from surveys.services.report.exports_columns import FORMULA_TRIGGERS, cell_value, neutralise
from tests.factories import make_case, make_comment, make_partner, make_survey, make_theme, make_user
from tests.surveys.services.report.helpers import MARCH, add_responses, question_id

# --- Reading an export back, as a spreadsheet would -----------------------------------------------------------


def csv_rows(export) -> list[list[str]]:
    text = "".join(csv_chunks(export))
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def xlsx_cells(export):
    with xlsx_file(export) as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    return list(book.active.iter_rows())


def xlsx_rows(export) -> list[list[str]]:
    """The workbook's values as the CSV writes them (numbers as their digits)."""
    return [["" if cell.value is None else str(cell.value) for cell in row] for row in xlsx_cells(export)]


def same(value: str):
    """A value compared as a spreadsheet reads it: 0.0 and 0 are the same number."""
    try:
        return float(value)
    except ValueError:
        return value


def comparable(rows: list[list[str]]) -> list[list]:
    return [[same(value) for value in row] for row in rows]


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def export_of(name, user, **args):
    return build_export(name, user, args)


# --- Neutralising formulas -------------------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_each_trigger_gets_a_quote_in_front(trigger):
    shown = trigger.replace("\r", "\n")  # a carriage return reads back from a workbook as a line feed
    assert neutralise(f"{trigger}HYPERLINK(\"http://evil\")") == f"'{shown}HYPERLINK(\"http://evil\")"
    assert cell_value(f"{trigger}1+1") == f"'{shown}1+1"


def test_ordinary_text_and_numbers_are_unchanged():
    assert neutralise("Waiting for CAMHS = too long") == "Waiting for CAMHS = too long"
    assert cell_value(12) == 12 and cell_value(0.5) == 0.5 and cell_value(True) == "Yes"
    assert cell_value(-0.4) == "'-0.4"  # one rule without exceptions: a negative number starts with "-"
    assert cell_value(date(2026, 3, 1)) == "2026-03-01"
    assert cell_value(datetime(2026, 7, 14, 23, 30, tzinfo=UTC)) == "2026-07-15 00:30"  # London summer time
    assert neutralise("a\x00b\x1fc") == "abc"  # characters a workbook cannot hold are dropped in both formats
    assert neutralise("one\r\ntwo\rthree") == "one\ntwo\nthree"  # as a workbook reads it back


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_triggers_are_neutralised_in_csv_and_xlsx(app_context, trigger):
    make_comment(f"{trigger}cmd|' /C calc'!A0", locality=f"{trigger}SUM(A1:A9)")
    export = export_of("comments", make_user(role="analyst"))
    shown = trigger.replace("\r", "\n")
    from_csv = as_dicts(csv_rows(export))[0]
    assert from_csv["Comment (redacted)"] == f"'{shown}cmd|' /C calc'!A0"
    assert from_csv["Locality"] == f"'{shown}SUM(A1:A9)"
    cells = xlsx_cells(export)
    headers = [cell.value for cell in cells[0]]
    text = cells[1][headers.index("Comment (redacted)")]
    assert text.value == f"'{shown}cmd|' /C calc'!A0" and text.data_type == "s"
    assert comparable(xlsx_rows(export)) == comparable(csv_rows(export))
    assert all(cell.data_type != "f" for row in cells for cell in row)


def test_csv_and_xlsx_hold_the_same_rows(app_context):
    partner = make_partner("=North ICB")
    for n in range(7):
        make_comment(f"Comment {n}, with \"quotes\"\nand a new line", partner=partner, audience="parent_carer",
                     sentiment="negative", sentiment_score=-0.25 * (n % 3), consent_quote=n % 2 == 0)
    make_theme("Transport", comments=[])
    for name, args in (("comments", {}), ("themes", {"show": "all"})):
        export = export_of(name, make_user(role="coproduction_lead"), **args)
        from_csv, from_xlsx = csv_rows(export), xlsx_rows(export)
        assert comparable(from_csv) == comparable(from_xlsx)
        assert len(from_csv) == export.count + 1
    assert len(from_csv) >= 2


def test_a_sheet_name_excel_accepts():
    assert sheet_title("What is [it]? A/B: a very long survey title indeed") == "What is  it   A B  a very long"
    assert sheet_title("") == "Export"


# --- Suppression ---------------------------------------------------------------------------------------------------


def test_results_export_suppresses_small_counts_and_a_second_cell(app_context):
    survey = make_survey()
    add_responses(survey, 3, {"overall": "1"})
    add_responses(survey, 6, {"overall": "4"})
    add_responses(survey, 10, {"overall": "5"})
    rows = as_dicts(csv_rows(export_of("results", make_user(role="analyst"), survey=str(survey.id))))
    overall = {row["Answer"]: (row["Count"], row["Share"]) for row in rows
               if row["Table"] == "All responses" and row["Question"] == "overall"}
    assert overall["1"] == ("fewer than 5", "")
    assert overall["4"] == ("not shown", "")  # secondary: the total would give the first away
    assert overall["5"] == ("10", "53%")
    assert {"Table": "Summary", "Answer": "Responses", "Count": "19"}.items() <= rows[0].items()


def test_results_export_breaks_down_as_the_page_does(app_context):
    survey = make_survey()
    add_responses(survey, 6, {"overall": "5"}, locality="North")
    add_responses(survey, 2, {"overall": "5"}, locality="South")
    rows = as_dicts(csv_rows(export_of("results", make_user(role="analyst"), survey=str(survey.id),
                                       by="locality")))
    south = {row["Answer"]: row["Count"] for row in rows if row["Table"] == "By locality" and row["Group"] == "South"}
    assert south["5"] == "fewer than 5" and south["Total"] == "fewer than 5"


def test_theme_counts_are_suppressed_and_leave_out_flagged_comments(app_context):
    small = [make_comment(f"small {n}") for n in range(3)]
    large = [make_comment(f"large {n}", sentiment_score=0.5) for n in range(6)]
    large.append(make_comment("flagged", safeguarding_flag=True, safeguarding_reason="harm"))
    make_theme("Small theme", comments=small)
    make_theme("Large theme", comments=large)
    rows = as_dicts(csv_rows(export_of("themes", make_user(role="viewer"))))
    counts = {row["Theme"]: (row["Comments"], row["Mean sentiment (-1 to 1)"]) for row in rows}
    assert counts == {"Large theme": ("6", "0.5"), "Small theme": ("fewer than 5", "")}


def test_log_export_suppresses_the_counts_behind_impact(app_context):
    start = today() - timedelta(days=60)
    before = datetime.combine(start - timedelta(days=10), datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    after = before + timedelta(days=15)
    members = [make_comment(f"before {n}", received_at=before, sentiment_score=0.5) for n in range(4)]
    members += [make_comment(f"after {n}", received_at=after, sentiment_score=0.1) for n in range(6)]
    theme = make_theme("Transport", comments=members)
    db.session.add(Action(title="Transport line", partner=make_partner(), start_date=start, impact_window_days=30,
                          impact_kind="theme_sentiment", impact_theme_id=theme.id))
    db.session.commit()
    row = as_dicts(csv_rows(export_of("log", make_user(role="viewer"))))[0]
    assert row["Before: counts"] == "fewer than 5 comments" and row["Before"] in ("", "not shown")
    assert row["After"] == "'+0.10"  # a signed figure is neutralised like any other cell


# --- What a role may read --------------------------------------------------------------------------------------


def test_comments_export_only_redacted_text_and_flagged_only_for_reviewers(app_context):
    make_comment("Call Zebedee Bloggs on 07700 900123", redacted_text="Call [name] on [phone]")
    make_comment("He hurts me", redacted_text="He hurts me", safeguarding_flag=True, safeguarding_reason="harm")
    analyst = "".join(csv_chunks(export_of("comments", make_user(role="analyst"))))
    assert "Call [name] on [phone]" in analyst
    assert "Zebedee Bloggs" not in analyst and "07700" not in analyst and "hurts" not in analyst
    admin = as_dicts(csv_rows(export_of("comments", make_user(role="admin"))))
    assert [row["Flagged for safeguarding review"] for row in admin] == ["No", "Yes"]
    assert all("Zebedee Bloggs" not in value for row in admin for value in row.values())


def test_cases_export_no_contact_details_nor_raw_words(app_context):
    case = make_case(make_partner("Council"), contact_name="Zebedee Bloggs", contact_email="jo@example.com",
                     contact_phone="07700 900123", summary="Zebedee's plan was late",
                     details="Zebedee Bloggs at 1 High Street: the plan was late.", response_text="Dear Zebedee Bloggs")
    make_comment(case.details, source="case", case_id=case.id, redacted_text="[name] at [address]: the plan was late.")
    text = "".join(csv_chunks(export_of("cases", make_user(role="viewer"))))
    for secret in ("Zebedee", "example.com", "07700", "High Street"):
        assert secret not in text
    row = as_dicts(csv_rows(export_of("cases", make_user(role="complaints_officer"))))[0]
    assert row["What the person told us (redacted)"] == "[name] at [address]: the plan was late."
    assert row["Reference"] == case.reference and row["Status"] in ("Overdue", "Responded", "Open", "Due soon")


def test_responses_export_answers_without_contact_details_or_raw_text(app_context):
    survey = make_survey()
    response = add_responses(survey, 1, {"overall": "4", "better": "Ring me, Zebedee, on 07700 900123"},
                             contact_email="jo@example.com", contact_phone="07700 900123",
                             supported_by="Zebedee's aunt", consent_contact=True)[0]
    text_answer = next(a for a in response.answers if a.question_id == question_id(survey, "better"))
    make_comment(text_answer.value_text, source="survey", answer_id=text_answer.id, response_id=response.id,
                 redacted_text="Ring me, [name], on [phone]")
    export = export_of("responses", make_user(role="analyst"), survey=str(survey.id))
    text = "".join(csv_chunks(export))
    assert "Zebedee" not in text and "07700" not in text and "example.com" not in text
    answers = {row["Question"]: row["Answer"] for row in as_dicts(csv_rows(export))}
    assert answers == {"overall": "4", "better": "Ring me, [name], on [phone]"}


def test_equality_answers_are_not_exported_row_by_row(app_context):
    from surveys.models import Question

    survey = make_survey()
    survey.current_version.questions.append(Question(position=3, key="ethnicity", kind="equality",
                                                     prompt="Ethnicity", options=[]))
    db.session.commit()
    db.session.add(Response(version_id=survey.current_version.id, status="submitted", submitted_at=MARCH,
                            answers=[Answer(question_id=question_id(survey, "ethnicity"), value_text="white")]))
    db.session.commit()
    assert export_of("responses", make_user(role="analyst")).count == 0


def test_partner_lead_rows_are_their_partners_only(app_context):
    ours, theirs = make_partner("Ours"), make_partner("Theirs")
    make_case(ours, reference="YS-OURS")
    make_case(theirs, reference="YS-THEIRS")
    lead = make_user(role="partner_lead", partner=ours)
    assert [row["Reference"] for row in as_dicts(csv_rows(export_of("cases", lead)))] == ["YS-OURS"]
    assert export_of("cases", lead, partner=str(theirs.id)).count == 0


# --- Filters ---------------------------------------------------------------------------------------------------


def test_filters_narrow_the_rows(app_context):
    north = make_partner("North")
    make_comment("March", received_at=MARCH, partner=north, audience="parent_carer", locality="Leeds")
    make_comment("April", received_at=MARCH + timedelta(days=30), audience="young_person")
    user = make_user(role="analyst")
    assert export_of("comments", user, **{"from": "2026-03-01", "to": "2026-03-31"}).count == 1
    assert export_of("comments", user, partner=str(north.id)).count == 1
    assert export_of("comments", user, partner="none").count == 1
    assert export_of("comments", user, audience="young_person").count == 1
    assert export_of("comments", user, locality="Leeds").count == 1
    assert export_of("comments", user, partner="").count == 2  # "All" sends an empty value


@pytest.mark.parametrize("name, args, message", [
    ("comments", {"from": "31/02/2026"}, "Enter the start date as a real date"),
    ("comments", {"to": "2026-03-01"}, "Enter a start date"),
    ("comments", {"partner": "north"}, "The partner must be a number"),
    ("responses", {"audience": "aliens"}, "The audience must be one of"),
    ("cases", {"status": "lost"}, "The status must be one of"),
    ("actions", {"theme": "1 OR 1=1"}, "The theme must be a number"),
    ("actions", {"partner": "none"}, "The partner must be a number"),
    ("log", {"rag": "blue"}, "The RAG status must be one of"),
    ("themes", {"show": "everything"}, "The show must be one of"),
    ("results", {}, "Say which survey"),
    ("results", {"survey": "1", "by": "shoe_size"}, "Select what to break the results down by"),
])
def test_bad_filters_are_refused_with_a_message(app_context, name, args, message):
    with pytest.raises(Invalid) as refused:
        build_export(name, make_user(), args)
    assert message in refused.value.message


def test_results_of_no_such_survey(app_context):
    with pytest.raises(NotFound):
        build_export("results", make_user(), {"survey": "999"})


def test_every_export_builds_when_empty(app_context):
    survey = make_survey()
    for name in BUILDERS:
        export = build_export(name, make_user(), {"survey": str(survey.id)} if name == "results" else {})
        assert csv_rows(export)[0] == export.headers
