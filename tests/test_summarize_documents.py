"""Documents for the summarizer (issue #32 item 3): each format read from a small file the test
writes, a 100-page PDF read page by page and cancelled between pages, and each bad file refused
with its kind (scanned, encrypted, damaged, unknown type)."""

from __future__ import annotations

import docx
import pytest
from pdf_writer import write_pdf

from engine.cli import main as cli_main
from engine.runtime.jobs import Cancelled, JobContext
from engine.summarize.documents import DocumentError, read_document, unwrap_lines

TEXT = "本市今年将新建十座公园，总面积超过三百公顷。新建公园主要分布在城市东部和南部。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_text_files_in_the_encodings_chinese_comes_in(tmp_path, encoding):
    path = tmp_path / "a.txt"
    text = "臺北市政府今天宣布，明年將新建十座公園，總面積超過三百公頃。市民對此表示歡迎。" if encoding == "big5" else TEXT
    path.write_bytes(text.encode(encoding))
    document = read_document(path)
    assert document.text == text and document.format == "text"


def test_markdown_keeps_the_prose_not_the_markup(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 城市公园\n\n本市今年将新建**十座**公园，[详见](http://example.com)\n总面积超过三百公顷。\n\n"
                    "- 东部三座\n- 南部七座\n\n```\ncode = 1\n```\n\n| 区 | 数量 |\n|---|---|\n| 东部 | 3 |\n",
                    encoding="utf-8")
    assert read_document(path).text == "城市公园\n本市今年将新建十座公园，详见总面积超过三百公顷。\n东部三座\n南部七座\n区\t数量\n东部\t3"


def test_html_keeps_the_visible_text_in_its_declared_charset(tmp_path):
    path = tmp_path / "a.html"
    page = ("<html><head><meta charset='gbk'><title>城市公园</title><style>p {color: red}</style>"
            "<script>var x = '不要';</script></head><body><h1>城市公园</h1><p>本市今年将新建\n  十座公园，"
            "总面积超过&nbsp;三百公顷。</p><div>新建公园<b>主要</b>分布在东部。<br>南部也有。</div></body></html>")
    path.write_bytes(page.encode("gbk"))
    assert read_document(path).text == "城市公园\n本市今年将新建十座公园，总面积超过三百公顷。\n新建公园主要分布在东部。\n南部也有。"


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    document.add_heading("城市公园", level=1)
    document.add_paragraph(TEXT)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "东部", "三座"
    document.add_paragraph("市民对此表示欢迎。")
    document.save(tmp_path / "a.docx")
    assert read_document(tmp_path / "a.docx").text == f"城市公园\n{TEXT}\n东部\t三座\n市民对此表示欢迎。"


def test_pdf_text_layer_with_wrapped_lines_joined(tmp_path):
    path = write_pdf(tmp_path / "a.pdf", [["第一章 总则", "本市今年将新建十座公园，总面积超过三百公顷，新建公园", "主要分布在城市东部。"],
                                          ["市民对此表示欢迎。"]])
    document = read_document(path)
    assert document.text == "第一章 总则\n本市今年将新建十座公园，总面积超过三百公顷，新建公园主要分布在城市东部。\n市民对此表示欢迎。"
    assert (document.pages, document.pages_read) == (2, 2)
    assert unwrap_lines("A long line of English text that wraps\nhere.") == "A long line of English text that wraps here."


def test_a_hundred_page_pdf_reports_each_page_and_stops_between_pages_when_cancelled(tmp_path):
    path = write_pdf(tmp_path / "long.pdf", [[f"第{n}页：本市今年将新建十座公园。"] for n in range(1, 101)])
    seen: list[tuple[int, int]] = []
    progress: list[float | None] = []
    document = read_document(path, JobContext(on_progress=lambda f, _m: progress.append(f), on_partial=seen.append))
    assert document.pages == 100 and document.text.count("\n") == 99
    assert seen == [(n, 100) for n in range(100)] and progress[-1] == 0.99

    context = JobContext()
    read: list[tuple[int, int]] = []

    def cancel_at_page_ten(value: tuple[int, int]) -> None:
        read.append(value)
        if value[0] == 10:
            context.cancel_token.cancel()

    context.on_partial = cancel_at_page_ten
    with pytest.raises(Cancelled):
        read_document(path, context)
    assert read[-1] == (10, 100)  # page 11 (index 10) was never read: cancel is honoured between pages


@pytest.mark.parametrize("name, content, kind", [
    ("scan.pdf", "scanned", "scanned"),
    ("locked.pdf", "encrypted", "encrypted"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "damaged"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le"), "encrypted"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "damaged"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "damaged"),
    ("picture.png", b"\x89PNG\r\n\x1a\n", "unknown_type"),
    ("binary.txt", bytes(range(256)) * 4, "not_text"),
    ("blank.md", b"  \n\n", "empty"),
])
def test_bad_files_are_refused_with_their_kind(tmp_path, name, content, kind):
    path = tmp_path / name
    if content == "scanned":
        write_pdf(path, scanned_pages=3)
    elif content == "encrypted":
        write_pdf(path, [["机密。"]], encrypted=True)
    else:
        path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.kind == kind and caught.value.name == name


def test_cli_summarizes_a_document(tmp_path, capsys, one_thread):
    path = write_pdf(tmp_path / "a.pdf", [["本市今年将新建十座公园，总面积超过三百公顷。"],
                                          ["新建公园主要分布在城市东部和南部的居民区附近。市民对此表示欢迎。"]])
    assert cli_main(["summarize", "run", "--file", str(path), "--mode", "extractive", "--length", "short"]) == 0
    out, err = capsys.readouterr()
    assert "公园" in out and "a.pdf: 2 pages" in err
    write_pdf(tmp_path / "scan.pdf", scanned_pages=1)
    assert cli_main(["summarize", "run", "--file", str(tmp_path / "scan.pdf")]) == 1
    assert "scan.pdf has no text layer" in capsys.readouterr().err


def test_a_pdf_longer_than_the_summarizer_takes_is_read_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("engine.summarize.documents.MAX_INPUT_CHARS", 100)
    path = write_pdf(tmp_path / "long.pdf", [[f"第{n}页：本市今年将新建十座公园，总面积超过三百公顷。"] for n in range(1, 11)])
    document = read_document(path)
    assert (document.pages, document.pages_read) == (10, 3) and len(document.text) <= 100
