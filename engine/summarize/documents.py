"""Documents the summarizer reads: ``.txt``, ``.md``, ``.html``, ``.docx`` and ``.pdf`` (its text layer).

    document = read_document("report.pdf", ctx)      # ctx: progress per page, cancel between pages
    document.text, document.pages

Each format is read with a well-kept library, chosen for what the format needs:

* ``.txt``: UTF-8 (with or without a BOM) first; anything else is guessed by
  ``charset-normalizer`` among the encodings Chinese text comes in (GB18030 and its GBK/GB2312
  subsets, Big5, UTF-16/32), so a Big5 file is not misread as GB18030, which decodes nearly
  any bytes.
* ``.md``: ``markdown-it-py`` (CommonMark) parses it; the text of headings, paragraphs, list
  items, quotes and tables is kept, one block a line, the markup and code blocks dropped.
* ``.html``: the standard library's ``html.parser`` (tolerant of broken markup, no
  dependency); scripts, styles and the head are dropped, block elements end a line.
* ``.docx``: ``python-docx``; paragraphs and table rows in document order. Word's password
  protection wraps the document in an OLE container (``EncryptionInfo``), recognised before
  parsing.
* ``.pdf``: ``pypdfium2`` (PDFium, the PDF engine of Chrome): fast text extraction that maps
  CJK fonts through their ``ToUnicode`` tables, and it tells a password-protected file from a
  damaged one. Pages are read one at a time, the cancel token checked between them, so a
  100-page file can be stopped at once. Lines a page wrapped in the middle of a sentence are
  joined again (``unwrap_lines``), so key points are whole sentences. A PDF with no text at
  all (a scan) is refused: there is no OCR here.

Every refusal is a :class:`DocumentError` whose ``kind`` says what was wrong, so the app can
say it in the user's language; the English message is for the CLI.
"""

from __future__ import annotations

import re
import statistics
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from engine.runtime.jobs import JobContext
from engine.summarize.text import MAX_FILE_BYTES, MAX_INPUT_CHARS, ends_sentence

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
#: Largest file read, by format: markup and layout take many bytes per character of text.
MAX_BYTES = {"text": MAX_FILE_BYTES, "markdown": MAX_FILE_BYTES, "html": 8 * 2**20,
             "docx": 64 * 2**20, "pdf": 256 * 2**20}
#: Encodings charset-normalizer may choose for a text that is not UTF-8.
CHINESE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_32"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


class DocumentError(ValueError):
    """A file that cannot be read as a document. ``kind`` is one of :data:`DocumentError.KINDS`."""

    KINDS = ("unknown_type", "too_large", "not_text", "encrypted", "damaged", "scanned", "empty")

    def __init__(self, kind: str, name: str, message: str, size: int = 0, limit: int = 0) -> None:
        assert kind in self.KINDS, kind
        super().__init__(message)
        self.kind, self.name = kind, name
        self.size, self.limit = size, limit  # bytes, for too_large


@dataclass(frozen=True)
class Document:
    text: str
    name: str  # the file's name, for messages
    format: str  # a value of FORMATS
    pages: int = 0  # a PDF's pages (0 for other formats)
    pages_read: int = 0  # fewer than ``pages`` when the next page would pass MAX_INPUT_CHARS


def read_document(path: Path | str, ctx: JobContext | None = None) -> Document:
    """The text of the document at ``path``; :class:`DocumentError` if it has none to give."""
    path = Path(path)
    ctx = ctx or JobContext()
    form = FORMATS.get(path.suffix.lower())
    if form is None:
        raise DocumentError("unknown_type", path.name,
                            f"{path.name}: not a document the summarizer reads "
                            f"(it reads {', '.join(sorted(set(FORMATS)))})")
    size = path.stat().st_size  # OSError (missing, a folder, no permission) as is
    if size > MAX_BYTES[form]:
        raise DocumentError("too_large", path.name, f"{path.name} is too large ({size / 2**20:.1f} MB; "
                            f"at most {MAX_BYTES[form] / 2**20:.1f} MB)", size, MAX_BYTES[form])
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    ctx.progress(None, f"Reading {path.name}")
    if form == "pdf":
        return _read_pdf(path, ctx)
    data = path.read_bytes()
    if form == "docx":
        text = _docx_text(path, data, ctx)
    elif form == "html":
        text = html_text(decode_text(data, path.name, _html_charset(data)))
    elif form == "markdown":
        text = markdown_text(decode_text(data, path.name))
    else:
        text = decode_text(data, path.name)
    if not text.strip():
        raise DocumentError("empty", path.name, f"{path.name} has no text")
    return Document(text, path.name, form)


# -- plain text --------------------------------------------------------------------------------
def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Bytes of a text file as text: the declared encoding if it works, UTF-8, else the best of
    :data:`CHINESE_ENCODINGS` by charset-normalizer; ``not_text`` if none fits (a binary file)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    for candidate in (declared, "utf-8"):
        if candidate:
            try:
                return data.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    if b"\x00" not in data:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
        if best is not None:
            return str(best)
    raise DocumentError("not_text", name, f"{name} is not text in an encoding Chinese text comes in "
                        "(UTF-8, GB18030/GBK, Big5, UTF-16)")


# -- Markdown ----------------------------------------------------------------------------------
_MD_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close", "tr_close"}


def markdown_text(source: str) -> str:
    """The prose of a CommonMark text: one block a line, inline markup, links' targets, images
    and code blocks dropped (a table's cells are kept, a row a line, cells apart by tabs)."""
    from markdown_it import MarkdownIt

    lines: list[str] = []
    line = ""
    for token in MarkdownIt("commonmark").enable("table").parse(source):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    line += child.content
                elif child.type in ("softbreak", "hardbreak"):
                    line += "\n" if _keeps_break(line) else ""
        elif token.type in ("th_close", "td_close"):
            line += "\t"
        elif token.type in _MD_BLOCK_ENDS and line.strip():
            lines.append(line.strip())
            line = ""
    if line.strip():
        lines.append(line.strip())
    return "\n".join(lines)


def _keeps_break(line: str) -> bool:
    """A soft break inside Chinese prose joins the lines with nothing between (a space would be
    wrong); after an ended sentence or Latin text it stays a line break."""
    return ends_sentence(line) or not _CJK.match(line[-1:])


# -- HTML --------------------------------------------------------------------------------------
_HTML_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title", "section",
                "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "hr"}
_HTML_SKIPPED = {"script", "style", "noscript", "template", "svg", "head"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HTML_SKIPPED:
            self.skipping += 1
        elif tag in _HTML_BLOCKS:
            self.end_line()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _HTML_BLOCKS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HTML_SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HTML_BLOCKS:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.line.append(data)

    def end_line(self) -> None:
        text = _joined_words(self.line)
        if text:
            self.lines.append(text)
        self.line = []


def _joined_words(pieces: list[str]) -> str:
    """Runs of markup whitespace as one space, none between Chinese characters."""
    text = re.sub(r"\s+", " ", "".join(pieces)).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)


def html_text(source: str) -> str:
    """The visible text of an HTML page: the title, then one block a line."""
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    parser.end_line()
    title = _joined_words(parser.title)
    lines = parser.lines
    if title and (not lines or lines[0] != title):
        lines = [title, *lines]
    return "\n".join(lines)


# -- Word --------------------------------------------------------------------------------------
def _docx_text(path: Path, data: bytes, ctx: JobContext) -> str:
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data:
            raise DocumentError("encrypted", path.name, f"{path.name} is protected by a password")
        raise DocumentError("damaged", path.name, f"{path.name} is not a .docx file (an old Word .doc?)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for number, block in enumerate(document.iter_inner_content()):
            if number % 64 == 0:
                ctx.check()
            if isinstance(block, Table):
                lines.extend("\t".join(cell.text.strip() for cell in row.cells) for row in block.rows)
            else:
                lines.append(block.text.strip())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError("damaged", path.name, f"{path.name} is damaged: {exc}") from exc
    except SyntaxError as exc:  # lxml's XMLSyntaxError
        raise DocumentError("damaged", path.name, f"{path.name} is damaged: {exc}") from exc
    return "\n".join(line for line in lines if line)


# -- PDF ---------------------------------------------------------------------------------------
def _read_pdf(path: Path, ctx: JobContext) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise DocumentError("encrypted", path.name, f"{path.name} is protected by a password") from exc
        raise DocumentError("damaged", path.name, f"{path.name} is damaged: {exc}") from exc
    try:
        pages = len(pdf)
        texts: list[str] = []
        chars = 0
        for number in range(pages):
            ctx.progress(number / pages, f"Reading {path.name}")  # raises Cancelled once asked to stop
            ctx.partial((number, pages))
            page = pdf[number]
            try:
                textpage = page.get_textpage()
                try:
                    text = unwrap_lines(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
            chars += len(text) + 1  # as check_input counts: every character, the line break between pages
            if chars > MAX_INPUT_CHARS and texts:  # the pages before fit what the summarizer takes
                break
            texts.append(text)
        ctx.check()
    finally:
        pdf.close()
    text = "\n".join(t for t in texts if t)
    if not text.strip():
        raise DocumentError("scanned", path.name, f"{path.name} has no text layer (a scan?): "
                            "there is no text to summarize without OCR")
    return Document(text, path.name, "pdf", pages, len(texts))


def unwrap_lines(page_text: str) -> str:
    """A PDF page's lines, with the lines it wrapped in mid-sentence joined again.

    A line is taken as wrapped when it is nearly as long as the page's long lines and does
    not end a sentence; headings and a paragraph's last line are shorter, so they stay lines.
    """
    lines = [line.strip() for line in page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return "".join(lines)
    full = statistics.quantiles([len(line) for line in lines], n=10, method="inclusive")[-1]
    out = [lines[0]]
    for before, line in zip(lines, lines[1:]):
        if len(before) >= 0.8 * full and not ends_sentence(before):
            latin = before[-1].isascii() and before[-1].isalnum() and line[0].isascii() and line[0].isalnum()
            out[-1] += (" " if latin else "") + line
        else:
            out.append(line)
    return "\n".join(out)
