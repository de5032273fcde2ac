"""Reading uploaded CSV and XLSX files: encodings, the header, limits, the report by line, cells kept as text."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from surveys.services.platform.uploads import (
    READ_BLOCK,
    Column,
    Limits,
    RowProblem,
    UploadRejected,
    as_text,
    lookup,
    read_header,
    read_table,
    words,
)

COLUMNS = (Column("email", labels=("Email address", "e-mail"), required=True), Column("area"))


def table(data: bytes, filename="people.csv", **kwargs):
    return read_table(data, filename, kwargs.pop("columns", COLUMNS), **kwargs)


def values(found) -> list[tuple[int, dict]]:
    return [(row.line, row.values) for row in found.rows]


def xlsx(rows, *, title="People") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = title
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_utf8_rows_come_back_by_field_name_with_spreadsheet_line_numbers():
    found = table("Email,Area,Name\njo@example.com, Nörth ,Jo\n\n\"sam@example.com\",\"South\nEast\",Sam\n".encode())
    assert values(found) == [(2, {"email": "jo@example.com", "area": "Nörth"}),
                             (4, {"email": "sam@example.com", "area": "South\nEast"})]
    assert found.ignored == ["Name"] and found.has("area") and found.problems == []


def test_utf8_with_a_byte_order_mark_and_windows_line_endings():
    found = table("\ufeffE-mail,Area\r\njo@example.com,Café\r\n".encode())
    assert values(found) == [(2, {"email": "jo@example.com", "area": "Café"})]


def test_windows_1252_from_excel_is_read():
    found = table("Email address;Area\njo@example.com;Caf\u00e9 – £5\n".encode("cp1252"))
    assert found.rows[0].values["area"] == "Café – £5"


@pytest.mark.parametrize("data", ["email\nfine\n".encode("utf-16"), b"email\n\x81\x8d\x8f"])
def test_text_that_cannot_be_read_says_how_to_save_it(data):
    with pytest.raises(UploadRejected, match="must be saved as ‘CSV UTF-8’. In Excel, choose File, Save a copy"):
        table(data)


def test_nul_characters_are_dropped():
    assert table(b"email,area\na@example.com,No\x00rth\n").rows[0].values["area"] == "North"


def test_an_xlsx_workbook_gives_values_with_sheet_row_numbers():
    data = xlsx([["Email", "Area", "Joined"], ["jo@example.com", 7700900982, None], [], [None, None, None],
                 ["sam@example.com", "South", True]])
    found = table(data, filename="people.xlsx")
    assert values(found) == [(2, {"email": "jo@example.com", "area": 7700900982}),
                             (5, {"email": "sam@example.com", "area": "South"})]
    assert found.rows[0].text("area") == "7700900982" and found.ignored == ["Joined"]
    assert values(table(data, filename="upload.csv")) == values(found)  # known by its content too
    assert read_header(data, "people.xlsx") == ["Email", "Area", "Joined"]


def test_an_xlsx_sheet_by_name():
    data = xlsx([["email"], ["a@example.com"]])
    with pytest.raises(UploadRejected, match="no sheet called ‘Other’. Its sheets are: ‘People’"):
        table(data, filename="people.xlsx", sheet="Other")
    assert table(data, filename="people.xlsx", sheet="People").rows[0].line == 2


@pytest.mark.parametrize("data", [b"", b"\r\n \r\n,,\r\n", xlsx([])])
def test_an_empty_file(data):
    with pytest.raises(UploadRejected, match="^The selected file is empty$"):
        table(data, filename="people.xlsx" if data.startswith(b"PK") else "people.csv")


def test_a_file_over_the_size_cap_is_refused_before_it_is_read():
    with pytest.raises(UploadRejected, match="must be smaller than 2MB. Split it into smaller files"):
        table(b"email\n" + b"x" * 2 * 1024 * 1024, limits=Limits(max_bytes=2 * 1024 * 1024))
    stream = io.BytesIO(b"email\n" + b"a@example.com\n" * 100)
    with pytest.raises(UploadRejected, match="smaller than 1KB"):
        read_table(stream, "people.csv", COLUMNS, limits=Limits(max_bytes=1024))


def test_too_many_rows_is_refused_but_blank_rows_do_not_count():
    rows = b"email\n" + b"a@example.com\n\n" * 3
    assert len(table(rows, limits=Limits(max_rows=3)).rows) == 3
    with pytest.raises(UploadRejected, match="must have 2 rows or fewer. Split it into smaller files"):
        table(rows, limits=Limits(max_rows=2))


def test_a_missing_required_header_names_the_columns_there_are():
    with pytest.raises(UploadRejected) as error:
        table(b"Name,Area\nJo,North\n")
    assert str(error.value) == "There is no column called ‘Email address’. The columns are: ‘Name’, ‘Area’"
    purpose = Column("text", labels=("Feedback",), required=True, purpose="the text")
    with pytest.raises(UploadRejected, match=r"called ‘Feedback’ \(for the text\)"):
        table(b"Comment\nfine\n", columns=[purpose])
    assert not table(b"email\na@example.com\n").has("area")  # an optional column may be missing


def test_a_column_found_twice_is_refused():
    with pytest.raises(UploadRejected, match="more than one ‘Email address’ column. Remove or rename one of them"):
        table(b"email,E-Mail\na@example.com,b@example.com\n")


def test_semicolons_and_tabs_are_found_from_the_header():
    assert table(b"email;area\na@example.com;North, East\n").rows[0].values["area"] == "North, East"
    assert table(b"email\tarea\na@example.com\tNorth\n").rows[0].values["area"] == "North"


def test_a_row_with_more_filled_cells_than_the_header_is_a_problem_but_empty_extra_cells_are_not():
    found = table(b"email,area\na@example.com,North,,\nb@example.com,North, East\n")
    assert [row.line for row in found.rows] == [2]
    assert found.problems == [RowProblem(3, "The row has 1 more filled cell(s) than the header has columns: "
                                            "check that text with commas or semicolons is in quotes")]


def test_a_huge_cell_is_read_as_a_cell():
    assert len(table(b'email,area\na@example.com,"' + b"x" * 200_000 + b'"\n').rows[0].values["area"]) == 200_000


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+44 7700 900982", "-5", "@SUM(A1:A2)", "=1+2"]


def test_formula_looking_csv_cells_are_kept_as_the_text_typed():
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["email", "area"], *([f"a{n}@example.com", v] for n, v in enumerate(FORMULAS))])
    data = buffer.getvalue().encode()
    assert [row.values["area"] for row in table(data).rows] == FORMULAS
    tabbed = table(b"email,area\na@example.com,\"\t=1+2\r\"\n").rows[0].values["area"]
    assert tabbed == "=1+2"  # outer white space is trimmed as in every cell; the rest stays text


def test_formula_looking_xlsx_text_is_text_and_real_formulas_are_never_evaluated():
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(["email", "area"])
    for n, value in enumerate(FORMULAS, start=2):
        worksheet.cell(n, 1, f"a{n}@example.com")
        worksheet.cell(n, 2).value = value
        worksheet.cell(n, 2).data_type = "s"  # typed as text, as Excel stores '=1+2
    worksheet.append(["formula@example.com", "=1+2"])  # a real formula, never calculated by Excel: no value
    buffer = io.BytesIO()
    workbook.save(buffer)
    found = table(buffer.getvalue(), filename="people.xlsx")
    assert [row.values["area"] for row in found.rows] == [*FORMULAS, None]


def test_other_spreadsheets_and_broken_workbooks_are_refused_clearly():
    with pytest.raises(UploadRejected, match="is not a CSV or XLSX file. Save it as ‘Excel Workbook"):
        table(b"whatever", filename="old.xls")
    with pytest.raises(UploadRejected, match="could not be opened as an XLSX workbook"):
        table(b"not a workbook", filename="fake.xlsx")


def test_a_path_and_a_subject_for_messages(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"")
    with pytest.raises(UploadRejected, match="^people.csv is empty$"):
        read_table(path, path.name, COLUMNS, subject=path.name)
    path.write_bytes(b"email\na@example.com\n")
    assert read_table(path, path.name, COLUMNS).rows[0].values == {"email": "a@example.com"}


def test_words_lookup_and_text():
    assert words(" Final EHC-plan_issued ") == "final ehc plan issued"
    assert lookup({"stage_1": "Stage 1"}, {"first": "stage_1"}) == {"stage 1": "stage_1", "first": "stage_1"}
    assert [as_text(v) for v in (None, 3.0, 2.5, True, " a\r\nb\x00 ")] == ["", "3", "2.5", "TRUE", "a\nb"]


class Endless(io.RawIOBase):
    """A stream that never ends, counting what was read from it."""

    def __init__(self):
        self.read_so_far = 0

    def readable(self):
        return True

    def read(self, size=-1):
        size = 1 << 16 if size is None or size < 0 else size
        self.read_so_far += size
        return b"a," * (size // 2)


def test_a_stream_is_read_only_up_to_the_cap():
    stream = Endless()
    with pytest.raises(UploadRejected, match="must be smaller than 1MB. Split it into smaller files"):
        read_table(stream, "big.csv", [Column("a")], limits=Limits(max_bytes=1024 * 1024))
    assert stream.read_so_far <= 1024 * 1024 + READ_BLOCK


def test_a_file_on_disk_over_the_cap_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(b"text\n" + b"x" * 3000)
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("a file over the cap was opened"))
    with pytest.raises(UploadRejected, match="big.csv must be smaller than 2KB"):
        read_table(path, "big.csv", [Column("text")], limits=Limits(max_bytes=2048), subject="big.csv")
