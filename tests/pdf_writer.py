"""A minimal PDF writer for tests: pages of Chinese text (a Type0 font, Identity-H, with a
ToUnicode map so a reader gets the characters back; no glyphs embedded), a page with only an
image (a scan), and the Standard security handler's dictionary (a password-protected file)."""

from __future__ import annotations

from pathlib import Path


def _text_stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "14 TL", "40 800 Td"]
    for line in lines:
        ops.append(f"<{''.join(f'{ord(ch):04X}' for ch in line)}> Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


_ROWS = [0x00, 0x20, 0x30, *range(0x4E, 0xA0), 0xFF]  # ASCII, punctuation, CJK, full-width forms
_TO_UNICODE = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
               "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
               "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
               f"{len(_ROWS)} beginbfrange\n"
               + "".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>\n" for h in _ROWS)
               + "endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end\n")


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)}{extra} >>\nstream\n".encode("ascii") + data + b"\nendstream"


def write_pdf(path: Path, pages: list[list[str]] | None = None, scanned_pages: int = 0,
              encrypted: bool = False) -> Path:
    """Write a PDF of ``pages`` (each a list of text lines), or of ``scanned_pages`` image-only
    pages; ``encrypted`` adds an /Encrypt dictionary whose user password is not empty."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # 2: the page tree, below
    font = len(objects) + 1
    objects += [
        f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        f"/DescendantFonts [{font + 1} 0 R] /ToUnicode {font + 3} 0 R >>".encode("ascii"),
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDToGIDMap /Identity /DW 1000 "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {font + 2} 0 R >>".encode("ascii"),
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        _stream(_TO_UNICODE.encode("ascii")),
        _stream(bytes([128]), " /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                "/BitsPerComponent 8"),
    ]
    image = font + 4
    kids = []
    contents = [_text_stream(lines) for lines in pages or []]
    contents += [b"q 500 0 0 700 40 60 cm /Im1 Do Q"] * scanned_pages
    for content in contents:
        objects.append(_stream(content))
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {image} 0 R >> >> >>"
                       .encode("ascii"))
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    trailer = f"/Size {len(objects) + 1} /Root 1 0 R"
    if encrypted:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -4 >>")
        trailer += f" /Encrypt {len(objects)} 0 R /ID [<{'00' * 16}> <{'00' * 16}>]"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    out += f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    Path(path).write_bytes(bytes(out))
    return Path(path)
