"""The real type of an evidence upload, read from its bytes: what is accepted and what is refused."""

import io

import openpyxl
import pytest

from evidence.filecheck import Refused, check

MB = 1024 * 1024


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        ("budget.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("minutes.txt", "Minutes £ – agreed\n".encode(), "text/plain"),
        ("minutes-1252.txt", "Minutes £ agreed\n".encode("cp1252"), "text/plain"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "application/msword"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "application/vnd.ms-excel"),
    ],
)
def test_it_accepts_office_pdf_and_text_documents(name, head, expected):
    assert check(name, head, len(head), MB).content_type == expected


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("empty.pdf", b"", "The selected file is empty"),
        ("tool.exe", b"MZ\x90\x00\x03" + bytes(200), "must be a PDF, Word, Excel, PowerPoint or plain text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "must be a PDF, Word, Excel, PowerPoint or plain text"),
        ("binary.txt", b"abc\x00\x01\x02" * 50, "must be a PDF, Word, Excel, PowerPoint or plain text"),
        ("report.docx", b"%PDF-1.4\n", "content of the selected file is PDF, but its name ends in .docx"),
        ("page.html", b"<html><script>alert(1)</script></html>", "is plain text, but its name ends in .html"),
        ("spreadsheet.pdf", xlsx_bytes(), "is Excel, but its name ends in .pdf"),
    ],
)
def test_it_refuses_empty_forbidden_and_disguised_files(name, head, message):
    with pytest.raises(Refused, match=message):
        check(name, head, len(head), MB)


def test_it_refuses_a_file_over_the_limit():
    with pytest.raises(Refused, match="smaller than 1 MB"):
        check("big.pdf", b"%PDF-1.4\n", MB + 1, MB)
    assert check("edge.pdf", b"%PDF-1.4\n", MB, MB).kind == "PDF"
