"""Any bytes at all, as a CSV or an XLSX: the reader gives rows or one clear rejection, never another error."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from surveys.services.platform.uploads import Column, Limits, UploadRejected, read_table

COLUMNS = (Column("email", labels=("Email address",), required=True), Column("text"))
LIMITS = Limits(max_bytes=50_000, max_rows=200)
CELLS = st.one_of(st.text(max_size=60), st.sampled_from(
    ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1", "\x00\x1b", "<script>", "é,\"quoted\"\n"]))


def read(data: bytes, filename: str):
    try:
        return read_table(data, filename, COLUMNS, limits=LIMITS)
    except UploadRejected as rejected:
        assert str(rejected).strip()  # a message people can act on
        return None


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.binary(max_size=2_000), filename=st.sampled_from(["f.csv", "f.xlsx", "f.txt", "f"]))
def test_random_bytes_are_rows_or_a_clear_rejection(data, filename):
    read(data, filename)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(rows=st.lists(st.lists(CELLS, max_size=4), max_size=12), encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_csv_of_hostile_cells_is_read_as_text(rows, encoding):
    text = "Email address,text\n" + "\n".join(",".join('"' + cell.replace('"', '""') + '"' for cell in row)
                                             for row in rows)
    found = read(text.encode(encoding, errors="surrogatepass"), "f.csv")
    if found is not None:
        assert all(value is None or isinstance(value, str) for row in found.rows for value in row.values.values())


@settings(max_examples=25, deadline=None, derandomize=True)
@given(rows=st.lists(st.lists(st.one_of(CELLS, st.integers(), st.floats(allow_nan=True), st.booleans()),
                              max_size=4), max_size=8))
def test_xlsx_of_hostile_cells_reads_or_rejects(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Email address", "text"])
    for row in rows:
        try:
            sheet.append(row)
        except (ValueError, IllegalCharacterError):  # openpyxl itself refuses control characters in cells
            return
    buffer = io.BytesIO()
    workbook.save(buffer)
    read(buffer.getvalue(), "f.xlsx")
