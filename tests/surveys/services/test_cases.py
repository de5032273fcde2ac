"""Cases: creation, working-day deadlines, finding, responding, stages, importing decisions, similar responses."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from surveys.models import AuditEvent, Case, Comment, db
from surveys.services.capture.cases import deadlines, decision_import, lifecycle, queries, wording
from surveys.services.capture.cases.queries import CaseFilters
from surveys.services.platform.errors import Invalid
from surveys.services.platform.uploads import UploadRejected
from surveys.services.understand import similarity
from surveys.transactions import transaction
from surveys.worker import drain
from tests.factories import make_case, make_partner, make_user

EASTER_THURSDAY = date(2026, 4, 2)  # Good Friday 3 April and Easter Monday 6 April 2026 follow


@pytest.fixture
def on_easter_thursday(monkeypatch):
    """Pretend today is Thursday 2 April 2026."""
    monkeypatch.setattr(deadlines, "today", lambda: EASTER_THURSDAY)
    return EASTER_THURSDAY


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- create_case -----------------------------------------------------------------------------------


def test_complaint_starts_at_stage_1_and_is_due_in_20_working_days_across_easter(app_context, on_easter_thursday):
    partner = make_partner()
    case = lifecycle.create_case("complaint", "The annual review was late.", partner_id=partner.id)
    assert case.stage == "stage_1"
    assert case.received_on == EASTER_THURSDAY
    assert case.acknowledged_on == EASTER_THURSDAY  # the online form showed the reference
    assert case.due_on == date(2026, 5, 5)  # Good Friday, Easter Monday and 4 May bank holiday skipped
    assert case.reference.startswith("YS-") and len(case.reference) == 9


def test_compliment_is_informal_and_due_in_10_working_days(app_context, on_easter_thursday):
    case = lifecycle.create_case("compliment", "The SENCO was brilliant.")
    assert case.stage == "informal"
    assert case.due_on == date(2026, 4, 20)


def test_due_date_across_christmas_and_boxing_day(app_context):
    case = lifecycle.create_case("comment", "Noted.", received_on=date(2026, 12, 23), channel="phone")
    assert case.due_on == date(2027, 1, 11)  # 25, 28 December (Boxing Day substitute) and 1 January skipped
    assert case.acknowledged_on is None  # phoned in: staff acknowledge it


def test_details_become_an_analysed_comment_linked_to_the_case(app_context):
    partner = make_partner()
    case = lifecycle.create_case(
        "complaint", "Please call me on 07700 900982 about my son.", partner_id=partner.id,
        contact_phone="07700 900982",
    )
    comment = db.session.scalar(select(Comment).where(Comment.case_id == case.id))
    assert comment.source == "case"
    assert comment.partner_id == partner.id
    assert comment.raw_text == "Please call me on 07700 900982 about my son."
    assert comment.analysed_at is None and comment.redacted_text == "", "analysed by the worker, after the commit"
    db.session.commit()
    drain()
    db.session.refresh(comment)
    assert "07700 900982" not in comment.redacted_text
    assert comment.analysed_at is not None


def test_case_is_flushed_for_the_caller_to_commit(app, app_context):
    assert lifecycle.create_case("comment", "Not kept.").id is not None  # flushed: it has its id
    db.session.rollback()
    assert count(Case) == 0
    case_id = lifecycle.create_case("comment", "Saved for good.").id
    db.session.commit()
    db.session.remove()
    assert db.session.get(Case, case_id).details == "Saved for good."


def test_anonymous_case_stores_no_contact_details(app_context):
    case = lifecycle.create_case("complaint", "Late.", contact_name="  ", contact_email="", contact_phone=None)
    assert (case.contact_name, case.contact_email, case.contact_phone) == (None, None, None)


def test_staff_created_case_is_audited(app_context):
    officer = make_user("complaints_officer")
    case = lifecycle.create_case("complaint", "Phoned in.", channel="phone", created_by=officer)
    assert case.created_by_id == officer.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_created"))
    assert event.user_id == officer.id and event.object_id == str(case.id)


def test_public_case_has_no_audit_user(app_context):
    lifecycle.create_case("comment", "Hello.")
    assert count(AuditEvent) == 0


@pytest.mark.parametrize(
    "kwargs", [{"kind": "grumble"}, {"kind": "complaint", "stage": "stage_9"}, {"kind": "comment", "channel": "fax"}]
)
def test_unknown_kind_stage_or_channel_is_refused(app_context, kwargs):
    kind = kwargs.pop("kind")
    with pytest.raises(Invalid):
        lifecycle.create_case(kind, "Words.", **kwargs)
    assert count(Case) == 0


def test_stage_limits_come_from_app_config_merged_over_the_defaults(app, app_context, monkeypatch):
    monkeypatch.setitem(app.config, "CASE_RESPONSE_WORKING_DAYS", {"stage_1": 15})
    assert deadlines.response_working_days()["stage_1"] == 15
    assert deadlines.response_working_days()["stage_2"] == 25  # the default still applies
    assert deadlines.due_date(EASTER_THURSDAY, "stage_1") == date(2026, 4, 27)


def test_reference_already_taken_is_never_reused(app_context, monkeypatch):
    make_case(reference="YS-AAAAAA")
    references = iter(["YS-AAAAAA", "YS-BBBBBB"])
    monkeypatch.setattr(lifecycle, "new_reference", lambda prefix="YS": next(references))
    assert lifecycle.create_case("comment", "Hi.").reference == "YS-BBBBBB"


def test_reference_clash_at_insert_fails_the_whole_unit_of_work(app_context, monkeypatch):
    # Another process took the reference between our check and our insert: the edge rolls everything back.
    make_case(reference="YS-CCCCCC")
    monkeypatch.setattr(lifecycle, "unused_reference", lambda taken=frozenset(): "YS-CCCCCC")
    with pytest.raises(IntegrityError), transaction():
        db.session.add(AuditEvent(action="earlier_work", object_type="", object_id="", detail={}))
        lifecycle.create_case("comment", "Clash.")
    assert (count(Case), count(AuditEvent), count(Comment)) == (1, 0, 0)


# --- Finding cases and workload ---------------------------------------------------------------------

ON = date(2026, 3, 20)


def _cases_for_statuses(partner=None):
    return {
        "overdue": make_case(partner=partner, due_on=date(2026, 3, 19)),
        "due_soon": make_case(partner=partner, due_on=date(2026, 3, 25)),
        "open": make_case(partner=partner, due_on=date(2026, 4, 30)),
        "responded": make_case(partner=partner, due_on=date(2026, 3, 1), responded_on=date(2026, 3, 2)),
    }


@pytest.mark.parametrize("status", ["overdue", "due_soon", "responded"])
def test_filter_by_status(app_context, status):
    cases = _cases_for_statuses()
    officer = make_user("complaints_officer")
    found = queries.find_cases(officer, CaseFilters(status=status), on=ON)
    assert [case.id for case in found.items] == [cases[status].id]
    assert deadlines.case_status(cases[status], ON) == status


def test_open_filter_includes_overdue_and_due_soon_most_urgent_first(app_context):
    cases = _cases_for_statuses()
    officer = make_user("complaints_officer")
    found = queries.find_cases(officer, CaseFilters(status="open"), on=ON)
    assert [case.id for case in found.items] == [cases["overdue"].id, cases["due_soon"].id, cases["open"].id]


def test_filter_by_kind_stage_and_partner(app_context):
    first, second = make_partner(), make_partner()
    compliment = make_case(partner=first, kind="compliment", stage="informal")
    stage_2 = make_case(partner=second, stage="stage_2")
    unassigned = make_case()
    officer = make_user("complaints_officer")

    def ids(**filters):
        return {case.id for case in queries.find_cases(officer, CaseFilters(**filters), on=ON).items}

    assert ids(kind="compliment") == {compliment.id}
    assert ids(stage="stage_2") == {stage_2.id}
    assert ids(partner_id=second.id) == {stage_2.id}
    assert ids(partner_id=0) == {unassigned.id}
    assert ids(kind="nonsense") == {compliment.id, stage_2.id, unassigned.id}  # unknown values mean "all"


def test_partner_lead_finds_only_their_partners_cases(app_context):
    ours, theirs = make_partner(), make_partner()
    mine = make_case(partner=ours)
    make_case(partner=theirs)
    lead = make_user("partner_lead", partner=ours)
    assert [c.id for c in queries.find_cases(lead, CaseFilters(partner_id=theirs.id), on=ON).items] == []
    assert [c.id for c in queries.find_cases(lead, on=ON).items] == [mine.id]


def test_pages_of_cases(app_context):
    for _ in range(5):
        make_case()
    officer = make_user("complaints_officer")
    second = queries.find_cases(officer, on=ON, page=2, per_page=2)
    assert (second.total, second.pages, len(second.items)) == (5, 3, 2)
    assert queries.find_cases(officer, on=ON, page=99, per_page=2).page == 3


def test_workload_counts(app_context):
    _cases_for_statuses()
    officer = make_user("complaints_officer")
    assert queries.workload(officer, on=ON) == queries.Workload(open_cases=3, overdue=1, due_soon=1)


# --- Personal responses ---------------------------------------------------------------------------------


def test_response_opening_quotes_what_they_told_us_in_their_words(app_context):
    partner = make_partner("Council SEND team")
    case = make_case(partner=partner, contact_name="Sam Jones", received_on=date(2026, 3, 3),
                     details="Nobody replied to my emails for six weeks.\n\nI felt ignored.")
    opening = wording.response_opening(case)
    assert opening.startswith("Dear Sam Jones,")
    assert "your complaint about Council SEND team, which we received on 3 March 2026" in opening
    assert case.reference in opening
    assert 'You told us that "Nobody replied to my emails for six weeks. I felt ignored."' in opening


def test_long_details_are_quoted_by_whole_sentences(app_context):
    sentence = "The transport did not arrive again and my daughter missed school. "
    case = make_case(details=sentence * 20)
    quote = wording.quote_from(case.details)
    assert len(quote) <= wording.QUOTE_LIMIT + 2
    assert quote.endswith("school. …")


def test_response_draft_starts_from_the_saved_response_if_there_is_one(app_context):
    case = make_case(response_text="Dear Sam, we are sorry.")
    assert wording.response_draft(case) == "Dear Sam, we are sorry."
    assert wording.response_draft(make_case()).startswith("Hello,")


def test_save_draft_then_record_as_sent(app_context):
    officer = make_user("complaints_officer")
    case = make_case()
    lifecycle.save_response(case, officer, "  Draft words  ")
    assert (case.response_text, case.responded_on, case.is_open) == ("Draft words", None, True)
    lifecycle.save_response(case, officer, "Final words", outcome="partly_upheld", responded_on=date(2026, 3, 20))
    assert (case.outcome, case.responded_on, case.is_open) == ("partly_upheld", date(2026, 3, 20), False)
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["case_response_saved", "case_response_sent"]


def test_unknown_outcome_is_refused(app_context):
    with pytest.raises(Invalid):
        lifecycle.save_response(make_case(), make_user(), "Words", outcome="sort_of")


def test_acknowledge_once(app_context):
    officer = make_user("complaints_officer")
    case = make_case()
    lifecycle.acknowledge(case, officer, on=date(2026, 3, 3))
    lifecycle.acknowledge(case, officer, on=date(2026, 3, 9))
    assert case.acknowledged_on == date(2026, 3, 3)
    assert count(AuditEvent) == 1


def test_move_to_stage_2_recalculates_the_due_date_and_keeps_the_stage_1_response(app_context):
    officer = make_user("complaints_officer")
    case = make_case(stage="stage_1", responded_on=date(2026, 3, 20), outcome="not_upheld",
                     response_text="Our stage 1 answer.")
    lifecycle.move_stage(case, officer, "stage_2", requested_on=EASTER_THURSDAY)
    assert case.stage == "stage_2"
    assert case.due_on == date(2026, 5, 12)  # 25 working days, Easter and early May skipped
    assert case.is_open and case.outcome is None and case.response_text == ""
    page = queries.case_page(case, officer, on=EASTER_THURSDAY)
    assert page.earlier_responses == [{"stage": "stage_1", "responded_on": date(2026, 3, 20),
                                       "outcome": "not_upheld", "response_text": "Our stage 1 answer."}]
    assert [item.what for item in page.history] == ["Moved the case to another stage"]


def test_case_page_shows_redacted_text_to_viewers_and_audits_raw_reads(app_context):
    case = lifecycle.create_case("complaint", "Call Jo Bloggs on 07700 900982.", received_on=ON)
    viewer, officer = make_user("viewer"), make_user("complaints_officer")
    redacted = queries.case_page(case, viewer)
    assert not redacted.shows_raw_text and "07700 900982" not in redacted.details
    assert count(AuditEvent) == 0
    raw = queries.case_page(case, officer)
    assert raw.shows_raw_text and "07700 900982" in raw.details
    assert db.session.scalar(select(AuditEvent.action)) == "view_raw_text"


# --- Similar responses -------------------------------------------------------------------------------------

GENERIC = ("Thank you for contacting us. We are sorry to hear about your experience. We have shared your "
           "concerns with the team and reminded staff of the importance of good communication. We hope this "
           "resolves the matter.")
PERSONAL = ("I have spoken to Mrs Khan at the school. She will hold the missed annual review on 14 April, and "
            "the EHC plan will be amended within four weeks of it. I will ring you on 21 April to check.")


def test_similarity_scores():
    assert similarity.similarity(GENERIC, GENERIC) == 1.0
    assert similarity.similarity(PERSONAL, GENERIC) < 0.1
    assert similarity.similarity("", GENERIC) == 0.0


def test_quoted_words_are_not_counted_as_our_own():
    first = 'Dear Ann, You told us that "the bus never came". ' + GENERIC
    second = 'Dear Bob, You told us that "my son has waited a year for speech therapy". ' + GENERIC
    assert similarity.similarity(first, second) >= 0.9


def test_most_similar_response_names_the_case(app_context):
    earlier = make_case(response_text=GENERIC, responded_on=date(2026, 3, 10))
    make_case(response_text=PERSONAL, responded_on=date(2026, 3, 11))
    officer = make_user("complaints_officer")
    found = similarity.most_similar_response("Dear Sam, " + GENERIC, officer)
    assert found.reference == earlier.reference and found.percent >= 80
    assert similarity.most_similar_response("Dear Sam, " + PERSONAL.replace("14 April", "2 May") + " Sorry.",
                                             officer).reference != earlier.reference
    assert similarity.most_similar_response("Something entirely different, written for this family.", officer) is None


def test_drafts_and_the_case_itself_are_not_compared(app_context):
    make_case(response_text=GENERIC)  # a draft, never sent
    case = make_case(response_text=GENERIC, responded_on=date(2026, 3, 10))
    officer = make_user("complaints_officer")
    assert similarity.similar_to_case_response(case, officer) is None


def test_similarity_threshold_is_configurable(app, app_context, monkeypatch):
    make_case(response_text=GENERIC, responded_on=date(2026, 3, 10))
    officer = make_user("complaints_officer")
    half = GENERIC[: len(GENERIC) // 2] + " " + PERSONAL
    assert similarity.most_similar_response(half, officer) is None
    monkeypatch.setitem(app.config, "CASE_RESPONSE_SIMILARITY_THRESHOLD", 0.25)
    assert similarity.most_similar_response(half, officer) is not None


def test_partner_lead_is_compared_only_with_their_partners_responses(app_context):
    ours, theirs = make_partner(), make_partner()
    make_case(partner=theirs, response_text=GENERIC, responded_on=date(2026, 3, 10))
    lead = make_user("partner_lead", partner=ours)
    assert similarity.most_similar_response(GENERIC, lead) is None


# --- Importing decisions ---------------------------------------------------------------------------------

GOOD_AND_BAD = """kind,stage,received_on,decided_on,outcome,summary,details,partner
complaint,tribunal,2026-01-05,2026-02-20,upheld,Section F appeal,Tribunal ordered speech therapy,council send team
,LGSCO,05/01/2026,,,,"Ombudsman found delay
in issuing the EHC plan",
complaint,stage 9,2026-01-05,,,Bad stage,,
complaint,mediation,not a date,,,Mediation,,
complaint,mediation,2026-02-01,2026-01-01,upheld,Backwards,,
complaint,mediation,2026-02-01,,upheld,No decision date,,
complaint,mediation,2026-02-01,,,Unknown partner,,Nobody Trust

complaint,mediation,2026-02-01,,,,,
compliment,mediation,2026-02-02,2026-02-02,not upheld,Agreed,New school place agreed,Council SEND team
"""


def _import(text: str, user, on=date(2026, 3, 1)):
    return decision_import.import_decisions(text.encode("utf-8"), "decisions.csv", user, on=on)


def test_import_puts_good_rows_in_and_reports_bad_rows_by_line(app_context):
    partner = make_partner("Council SEND team")
    officer = make_user("complaints_officer")
    record = _import(GOOD_AND_BAD, officer)
    problems = {p["line"]: p["reason"] for p in record.detail["problems"]}
    # Lines are spreadsheet rows: the cell with a line break in it (row 3) is one row.
    assert set(problems) == {4, 5, 6, 7, 8, 10}
    assert "stage 'stage 9' is not one of" in problems[4]
    assert "received_on 'not a date' is not a date" in problems[5]
    assert problems[6] == "decided_on is before received_on"
    assert problems[7] == "an outcome needs a decided_on date"
    assert problems[8] == "there is no partner called 'Nobody Trust'"
    assert problems[10] == "give a summary or details"
    assert len(record.detail["created"]) == 3
    tribunal = db.session.scalar(select(Case).where(Case.stage == "tribunal"))
    assert (tribunal.partner_id, tribunal.responded_on, tribunal.outcome) == (partner.id, date(2026, 2, 20), "upheld")
    assert tribunal.channel == "import" and not tribunal.is_open
    ombudsman = db.session.scalar(select(Case).where(Case.stage == "ombudsman"))
    assert ombudsman.kind == "complaint" and ombudsman.received_on == date(2026, 1, 5) and ombudsman.is_open
    assert ombudsman.summary == "Ombudsman decision"
    comments = db.session.scalars(select(Comment.source)).all()
    assert sorted(comments) == ["decision"] * 2 + ["import"] * 3  # two rows had a summary of their own


def test_import_again_leaves_out_rows_already_imported(app_context):
    make_partner("Council SEND team")
    officer = make_user("complaints_officer")
    _import(GOOD_AND_BAD, officer)
    again = _import(GOOD_AND_BAD, officer)
    assert again.detail["created"] == []
    assert sum(p["reason"] == "this decision has already been imported" for p in again.detail["problems"]) == 3
    assert count(Case) == 3


def test_import_crash_leaves_nothing_behind(app_context, monkeypatch):
    make_partner("Council SEND team")
    officer = make_user("complaints_officer")
    calls = []

    def failing_add_comment(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("analysis fell over")

    monkeypatch.setattr(lifecycle, "add_comment", failing_add_comment)
    with pytest.raises(RuntimeError), transaction():
        _import(GOOD_AND_BAD, officer)
    assert (count(Case), count(Comment), count(AuditEvent)) == (0, 0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The selected file is empty"),
        (b"kind,summary\ncomplaint,x\n", "There is no column called ‘stage’. The columns are: ‘kind’, ‘summary’"),
        (b"\x81\x8d\x8f\x90", "must be saved as ‘CSV UTF-8’"),
        (b"stage,received_on\n" + b"x" * (decision_import.IMPORT_MAX_BYTES), "must be smaller than 2MB"),
        (b"stage,received_on\n" + b"tribunal,2026-01-01\n" * (decision_import.IMPORT_MAX_ROWS + 1), "rows or fewer"),
    ],
)
def test_import_file_problems_are_explained_and_nothing_is_imported(app_context, data, message):
    with pytest.raises(UploadRejected, match=message):
        decision_import.import_decisions(data, "bad.csv", make_user("complaints_officer"))
    assert count(Case) == 0


def test_a_huge_cell_is_a_bad_row_and_other_rows_go_in(app_context):
    text = 'stage,received_on,details\ntribunal,2026-01-01,"' + "x" * 140_000 + '"\ntribunal,2026-01-02,Fine\n'
    record = _import(text, make_user("complaints_officer"))
    assert record.detail["problems"] == [{"line": 2, "reason": "details must be 20,000 characters or fewer"}]
    assert len(record.detail["created"]) == 1


def test_a_row_with_an_unquoted_comma_is_a_bad_row(app_context):
    record = _import("stage,received_on,summary\ntribunal,2026-01-02,Late, and rude\n", make_user("complaints_officer"))
    assert "more filled cell(s) than the header" in record.detail["problems"][0]["reason"]


def test_import_reads_excel_csv_in_windows_1252(app_context):
    text = "stage,received_on,summary\ntribunal,2026-01-05,Decision – £ costs\n"
    record = decision_import.import_decisions(text.encode("cp1252"), "excel.csv", make_user("complaints_officer"),
                                           on=date(2026, 3, 1))
    assert len(record.detail["created"]) == 1
    assert db.session.scalar(select(Case.summary)) == "Decision – £ costs"


def test_import_record_is_only_for_the_importer_or_an_admin(app_context):
    officer, other = make_user("complaints_officer"), make_user("complaints_officer")
    record = _import("stage,received_on,summary\ntribunal,2026-01-05,One\n", officer)
    assert decision_import.import_record(record.id, officer) is not None
    assert decision_import.import_record(record.id, other) is None
    assert decision_import.import_record(record.id, make_user("admin")) is not None
