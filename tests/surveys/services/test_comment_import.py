"""Importing past free text from CSV and XLSX files: rows checked, analysed like every comment, all or nothing."""

import csv
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from surveys.models import AuditEvent, Comment, CommentTheme, Notification, OutboxItem, db
from surveys.services.platform.uploads import UploadRejected
from surveys.services.understand import comment_analysis, comment_rows
from surveys.services.understand import comment_import as ci
from surveys.services.understand.comment_import import CommentImportError, ImportOptions, import_comments
from surveys.services.understand.comments import analyse_comment
from surveys.transactions import transaction
from surveys.worker import drain
from tests.factories import make_partner

SAFEGUARDING = "He said he wants to kill himself and I am scared"


def write_csv(path, rows, *, delimiter=",", encoding="utf-8", newline="\n"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return path


def write_xlsx(path, rows, *, sheet="Responses", extra_sheet=None):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    if extra_sheet:
        workbook.create_sheet(extra_sheet).append(["nothing", "here"])
    workbook.save(path)
    return path


def comments() -> list[Comment]:
    return list(db.session.scalars(select(Comment).order_by(Comment.id)))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# -- reading, checking and reporting -------------------------------------------------------------------------


def test_good_rows_go_in_and_bad_rows_are_reported_by_spreadsheet_line(app_context, tmp_path):
    make_partner("North Exampleshire ICB")
    path = write_csv(tmp_path / "survey.csv", [
        ["Comment", "Service", "When", "Stage"],
        ["The SENCO listened to us", "north exampleshire icb", "2025-03-14", "Annual review"],  # line 2
        ["Waited a year,\nthen nothing", "Nobody Trust", "", ""],  # line 3: bad partner (and a line break)
        ["   ", "North Exampleshire ICB", "", ""],  # line 4: blank text, skipped
        ["Good in the end", "", "31/02/2025", ""],  # line 5: no such date
        ["x" * 20_001, "", "", ""],  # line 6: too long
        ["Fine", "", "", "Big school"],  # line 7: unknown journey stage
        ["", "", "", ""],  # line 8: an empty row, ignored
        ["Exactly at the limit " + "y" * (20_000 - 21), "", "", "final_plan"],  # line 9
    ])
    options = ImportOptions("Comment", segments={"partner": "Service", "received_at": "When", "journey_stage": "Stage"})
    report = import_comments(path, options)

    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "There is no partner called ‘Nobody Trust’"),
        (5, "Date received ‘31/02/2025’ is not a date like 2025-03-14 or 14/03/2025"),
        (6, "The text must be 20,000 characters or fewer (it has 20,001)"),
        (7, "Journey stage ‘Big school’ is not one of: EHC needs assessment, Final EHC plan issued, Annual review, "
            "Phase transfer, Tribunal, Mediation"),
    ]
    assert (report.rows, report.blank, report.ready, report.imported) == (7, 1, 2, 2)
    stored = comments()
    assert [len(c.raw_text) for c in stored] == [24, 20_000]
    assert stored[0].journey_stage == "annual_review" and stored[1].journey_stage == "final_plan"
    assert {c.source for c in stored} == {"import"}


def test_segments_consent_and_partner_by_name_are_stored(app_context, tmp_path):
    council = make_partner("Exampleshire County Council SEND Service")
    path = write_csv(tmp_path / "survey.csv", [
        ["Text", "Area", "Journey", "Need", "Who", "Organisation", "Received", "May we quote you?"],
        ["Winter comment", "North", "EHC needs assessment", "Autism", "Parents and carers",
         "  EXAMPLESHIRE county council SEND service ", "14/01/2025", "Yes"],
        ["Summer comment", "South", "phase_transfer", "SEMH", "young person", "", "2025-07-01 09:30", "no"],
        ["Undated comment", "", "", "", "practitioner", "", "", "TRUE"],
    ])
    options = ImportOptions("Text", segments={
        "locality": "Area", "journey_stage": "Journey", "need_type": "Need", "audience": "Who",
        "partner": "Organisation", "received_at": "Received"}, consent_column="May we quote you?")
    before = datetime.now(UTC)
    report = import_comments(path, options)

    assert report.problems == [] and report.imported == 3 and report.undated == 1
    winter, summer, undated = comments()
    assert (winter.locality, winter.journey_stage, winter.need_type, winter.audience, winter.partner_id) == (
        "North", "needs_assessment", "Autism", "parent_carer", council.id)
    assert winter.consent_quote is True and summer.consent_quote is False and undated.consent_quote is True
    assert winter.received_at == datetime(2025, 1, 14, 12, 0, tzinfo=UTC)  # a date alone: midday in England (GMT)
    assert summer.received_at == datetime(2025, 7, 1, 8, 30, tzinfo=UTC)  # 09:30 in England is 08:30 UTC (BST)
    assert summer.audience == "young_person" and summer.partner_id is None and undated.audience == "practitioner"
    assert undated.received_at >= before.replace(microsecond=0)


def test_semicolons_byte_order_mark_and_windows_line_endings(app_context, tmp_path):
    path = write_csv(tmp_path / "export.csv", [
        ["Réponse", "Locality"], ["Très bien; merci", "North"], ["", "South"], ["Second, with a comma", "East"],
    ], delimiter=";", encoding="utf-8-sig", newline="\r\n")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    report = import_comments(path, ImportOptions("Réponse", segments={"locality": "Locality"}))
    assert (report.imported, report.blank, report.problems) == (2, 1, [])
    assert [(c.raw_text, c.locality) for c in comments()] == [("Très bien; merci", "North"),
                                                              ("Second, with a comma", "East")]


def test_tab_separated_file_and_column_names_without_case(app_context, tmp_path):
    path = write_csv(tmp_path / "export.tsv", [["Free text", "Area"], ["We felt heard, finally", "West"]],
                     delimiter="\t")
    report = import_comments(path, ImportOptions("free TEXT", segments={"locality": "area"}))
    assert report.imported == 1 and comments()[0].locality == "West"


def test_a_huge_cell_is_a_bad_row_and_the_csv_field_limit_is_put_back(app_context, tmp_path):
    limit = csv.field_size_limit()
    path = write_csv(tmp_path / "huge.csv", [["text"], ["z" * 200_000], ["fine"]])
    report = import_comments(path, ImportOptions("text"))
    assert report.imported == 1 and report.problems[0].line == 2
    assert csv.field_size_limit() == limit


def test_nul_characters_are_dropped(app_context, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_text("comment,area\nbro\x00ken,No\x00rth\n", encoding="utf-8")
    import_comments(path, ImportOptions("comment", segments={"locality": "area"}))
    assert [(c.raw_text, c.locality) for c in comments()] == [("broken", "North")]


def test_a_row_with_more_cells_than_the_header_is_a_problem(app_context, tmp_path):
    path = tmp_path / "unquoted.csv"
    path.write_text("comment,area\nfine,North\nslow, very slow, and rude,South\n", encoding="utf-8")
    report = import_comments(path, ImportOptions("comment"))
    assert report.imported == 1
    assert report.problems[0].line == 3 and "more filled cell(s) than the header" in report.problems[0].reason


def test_xlsx_rows_are_numbered_as_the_sheet_numbers_them(app_context, tmp_path):
    make_partner("North Exampleshire ICB")
    path = write_xlsx(tmp_path / "survey.xlsx", [
        ["Comment", "Partner", "Date", "Consent"],
        ["Good review meeting", "North Exampleshire ICB", datetime(2025, 3, 14), True],  # row 2: a date cell
        ["Bad partner", "Unknown ICB", "14/03/2025", "yes"],  # row 3
        [],  # row 4: empty
        [None, "North Exampleshire ICB", None, None],  # row 5: no text
        [12345, None, "not a date", 1],  # row 6: a number as text, a bad date
        ["Typed date", None, "2025-03-14", 1],  # row 7
    ], extra_sheet="Notes")
    options = ImportOptions("Comment", segments={"partner": "Partner", "received_at": "Date"}, consent_column="Consent")
    report = import_comments(path, options)
    assert [(p.line, p.reason.split("’")[0]) for p in report.problems] == [
        (3, "There is no partner called ‘Unknown ICB"), (6, "Date received ‘not a date"),
    ]
    assert (report.rows, report.blank, report.imported) == (5, 1, 2)
    first, typed = comments()
    assert first.received_at == typed.received_at == datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
    assert first.consent_quote and typed.consent_quote and first.partner_id is not None


def test_xlsx_sheet_by_name_and_unknown_sheet(app_context, tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", [["Other"], ["x"]], extra_sheet="Notes")
    with pytest.raises(UploadRejected, match="no sheet called ‘Missing’. Its sheets are: ‘Responses’, ‘Notes’"):
        import_comments(path, ImportOptions("nothing", sheet="Missing"))
    assert ci.read_columns(path, sheet="Notes") == ["nothing", "here"]
    assert ci.read_columns(path) == ["Other"]


def test_unknown_column_names_the_columns_there_are(app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", [["Comment", "Area"], ["text", "North"]])
    with pytest.raises(UploadRejected) as error:
        import_comments(path, ImportOptions("Feedback"))
    assert str(error.value) == "There is no column called ‘Feedback’ (for the text). The columns are: ‘Comment’, ‘Area’"
    with pytest.raises(UploadRejected, match="called ‘Place’ \\(for locality\\)"):
        import_comments(path, ImportOptions("Comment", segments={"locality": "Place"}))
    assert count(Comment) == 0


def test_files_that_cannot_be_read(app_context, tmp_path):
    unreadable = tmp_path / "unreadable.csv"
    unreadable.write_bytes(b"comment\n\x81\x8d\x8f\x90 was closed\n")
    with pytest.raises(UploadRejected, match="^unreadable.csv must be saved as ‘CSV UTF-8’"):
        import_comments(unreadable, ImportOptions("comment"))
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(UploadRejected, match="is empty"):
        import_comments(empty, ImportOptions("comment"))
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("comment\r\nfine\r\n".encode("utf-16"))
    with pytest.raises(UploadRejected, match="is saved as UTF-16"):
        import_comments(utf16, ImportOptions("comment"))
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(UploadRejected, match="could not be opened as an XLSX workbook"):
        import_comments(fake, ImportOptions("comment"))
    with pytest.raises(CommentImportError, match="source must be one of"):
        import_comments(unreadable, ImportOptions("comment", source="survey"))


# -- analysed like every comment ------------------------------------------------------------------------------


def test_imported_comments_are_redacted_triaged_and_scored_like_any_other(app_context, tmp_path):
    texts = ["Please email me at jo.bloggs@example.com about the review", SAFEGUARDING,
             "The SENCO was wonderful and we are so grateful"]
    path = write_csv(tmp_path / "survey.csv", [["text"], *[[t] for t in texts]])
    report = import_comments(path, ImportOptions("text"))
    assert report.imported == 3 and report.flagged == 1
    email, risk, happy = comments()
    assert "jo.bloggs@example.com" in email.raw_text and "jo.bloggs@example.com" not in email.redacted_text
    assert email.redaction_spans and isinstance(email.redaction_spans[0], dict)
    assert risk.safeguarding_flag and risk.safeguarding_reason and not risk.publishable
    assert happy.sentiment == "positive" and happy.sentiment_score > 0 and not happy.safeguarding_flag
    for stored, text in zip(comments(), texts, strict=True):
        expected = analyse_comment(Comment(raw_text=text))
        for name in ("redacted_text", "redaction_spans", "safeguarding_flag", "safeguarding_reason", "sentiment",
                     "sentiment_score", "emotions"):
            assert getattr(stored, name) == getattr(expected, name), name
        assert stored.analysed_at is not None
    assert count(CommentTheme) == 0  # theming is `flask themes run`'s job


def test_an_imported_flagged_comment_gets_the_immediate_alert(app, app_context, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "team@council.example")
    monkeypatch.setitem(app.config, "OUTBOX_DIR", str(tmp_path / "outbox"))
    path = write_csv(tmp_path / "survey.csv", [["text"], ["The SENCO was wonderful"], [SAFEGUARDING]])
    with transaction():
        import_comments(path, ImportOptions("text"))
    risk = comments()[1]
    [item] = db.session.scalars(select(OutboxItem)).all()
    assert (item.kind, item.payload["comment_id"], item.payload["to"]) == (
        "safeguarding_alert", risk.id, "team@council.example")
    assert drain()["done"] == 1
    [alert] = db.session.scalars(select(Notification)).all()
    assert (alert.kind, alert.comment_id, alert.status) == ("safeguarding_alert", risk.id, "sent")
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_worker_processes_give_the_same_analysis(app_context, monkeypatch):
    texts = ["email jo@example.com", SAFEGUARDING, "so slow", "so slow", "really helpful", "call 07700 900982"] * 3
    serial = comment_analysis.analyse_texts(texts, workers=1)
    monkeypatch.setattr(comment_analysis, "PARALLEL_FROM", 1)
    monkeypatch.setattr(comment_analysis, "CHUNK", 2)
    seen = []

    class Bar:
        def update(self, n):
            seen.append(n)

    parallel = comment_analysis.analyse_texts(texts, workers=2, bar=Bar())
    strip = [{k: v for k, v in fields.items() if k != "analysed_at"} for fields in serial]
    assert [{k: v for k, v in fields.items() if k != "analysed_at"} for fields in parallel] == strip
    assert sum(seen) == len(set(texts))


# -- all or nothing -------------------------------------------------------------------------------------------


def test_nothing_is_imported_when_saving_fails_part_way(app_context, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "survey.csv", [["text"], *[[f"comment number {i}"] for i in range(7)]])
    monkeypatch.setattr(ci, "BATCH", 2)
    real = ci._insert_batch
    calls = []

    def fail_on_third(rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C while saving
        return real(rows)

    monkeypatch.setattr(ci, "_insert_batch", fail_on_third)
    with pytest.raises(KeyboardInterrupt), transaction():
        import_comments(path, ImportOptions("text"))
    assert calls == [2, 2, 2]
    assert count(Comment) == 0 and count(AuditEvent) == 0

    monkeypatch.setattr(ci, "_insert_batch", real)
    report = import_comments(path, ImportOptions("text"))  # and the same file can then be imported
    assert report.imported == 7 and count(Comment) == 7


def test_nothing_is_imported_when_the_audit_event_fails(app_context, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "survey.csv", [["text"], ["one"], ["two"]])

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("surveys.services.platform.audit.record", broken)
    with pytest.raises(RuntimeError), transaction():
        import_comments(path, ImportOptions("text"))
    assert count(Comment) == 0


def test_strict_imports_nothing_when_any_row_is_bad(app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", [["text", "stage"], ["good", "annual review"], ["bad", "nope"]])
    report = import_comments(path, ImportOptions("text", segments={"journey_stage": "stage"}, strict=True))
    assert report.aborted and report.imported == 0 and report.ready == 1
    assert [p.line for p in report.problems] == [3]
    assert count(Comment) == 0 and count(AuditEvent) == 0
    assert "Nothing was imported: 1 row with problems and --strict." in report.summary_lines()


def test_dry_run_checks_and_writes_nothing(app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", [["text", "area"], ["one", ""], ["", "North"], ["two", ""]])
    report = import_comments(path, ImportOptions("text", dry_run=True))
    assert (report.ready, report.blank, report.imported) == (2, 1, 0)
    assert count(Comment) == 0 and count(AuditEvent) == 0
    assert report.summary_lines()[-1] == "Dry run: nothing was imported. 2 comments would be imported."


def test_the_same_file_twice_is_refused_unless_allowed(app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", [["text", "area"], ["one", ""], ["two", ""], ["", "North"]])
    first = import_comments(path, ImportOptions("text"))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import_comments"))
    assert event.user_id is None
    assert event.detail | {} == {
        "file": "survey.csv", "sha256": first.sha256, "rows": 3, "imported": 2, "blank": 1, "bad": 0, "flagged": 0,
        "source": "import", "text_column": "text", "segments": {}, "consent_column": None, "strict": False,
    }
    with pytest.raises(CommentImportError, match="was imported before"):
        import_comments(path, ImportOptions("text"))
    assert count(Comment) == 2
    dry = import_comments(path, ImportOptions("text", dry_run=True))
    assert dry.earlier and any(line.startswith("Warning: the same file") for line in dry.summary_lines())
    again = import_comments(path, ImportOptions("text", allow_duplicate=True))
    assert again.imported == 2 and count(Comment) == 4


def test_problems_csv(tmp_path):
    target = tmp_path / "problems.csv"
    ci.write_problems_csv([ci.RowProblem(3, "There is no partner called ‘X’")], target)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [["line", "reason"], ["3", "There is no partner called ‘X’"]]


def test_the_report_lists_at_most_a_hundred_problems():
    report = ci.ImportReport("f.csv", "0" * 64, problems=[ci.RowProblem(n, "bad") for n in range(2, 152)])
    lines = report.problem_lines()
    assert len(lines) == 101 and lines[0] == "line 2: bad" and lines[-1].startswith("... and 50 more")


# -- values ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-14", datetime(2025, 3, 14, 12, tzinfo=UTC)),
    ("14/03/2025", datetime(2025, 3, 14, 12, tzinfo=UTC)),
    ("4/3/2025", datetime(2025, 3, 4, 12, tzinfo=UTC)),
    ("14.03.2025", datetime(2025, 3, 14, 12, tzinfo=UTC)),
    ("14/06/2025 17:05", datetime(2025, 6, 14, 16, 5, tzinfo=UTC)),
    ("2025-06-14T17:05:00Z", datetime(2025, 6, 14, 17, 5, tzinfo=UTC)),
    (date(2025, 3, 14), datetime(2025, 3, 14, 12, tzinfo=UTC)),
    ("03/14/2025", None), ("14 March 2025", None), ("2025-02-30", None), ("45730", None), ("", None),
])
def test_dates_received(value, expected):
    parsed = comment_rows.parse_received(value)
    assert (parsed.astimezone(UTC) if parsed else None) == expected


def test_segment_options_consent_and_audience():
    assert ci.parse_segment_options(["locality=Area", "Journey-Stage = Stage"]) == {
        "locality": "Area", "journey_stage": "Stage"}
    for bad, message in (("locality", "FIELD=COLUMN"), ("colour=Hue", "no segment called ‘colour’"),
                         ("locality=", "FIELD=COLUMN")):
        with pytest.raises(CommentImportError, match=message):
            ci.parse_segment_options([bad])
    with pytest.raises(CommentImportError, match="more than once"):
        ci.parse_segment_options(["locality=A", "locality=B"])
    assert [comment_rows.parse_consent(v) for v in ("Yes", "y", "TRUE", "1", 1, True)] == [True] * 6
    assert [comment_rows.parse_consent(v) for v in ("no", "", None, "0", "maybe", False)] == [False] * 6
    assert comment_rows.parse_audience("Parent/carer") == "parent_carer"
    assert comment_rows.parse_audience("Young people") == "young_person"
    assert comment_rows.parse_audience("governor") is None
