"""Render resources/icons/wenqi.svg into the icon files the installers need, with Qt only.

    python build/make_icons.py build/work/icons

writes ``png/wenqi-<N>.png`` (16…1024 px, the Linux hicolor sizes among them), ``wenqi.ico``
(PNG-compressed entries, Windows Vista and later) and, on macOS, ``wenqi.icns`` through
``iconutil`` from a ``wenqi.iconset`` folder. build/wenqi.spec picks the .ico/.icns up from
this folder (``WENQI_ICON_DIR``).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "wenqi.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs(out: Path) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        files[size] = out / f"wenqi-{size}.png"
        if not image.save(str(files[size])):
            raise SystemExit(f"cannot write {files[size]}")
    return files


def write_ico(pngs: dict[int, Path], target: Path) -> None:
    """An ICO is a directory of images; since Vista each image may be a whole PNG file."""
    blobs = [(size, pngs[size].read_bytes()) for size in ICO_SIZES]
    offset = 6 + 16 * len(blobs)
    header = struct.pack("<HHH", 0, 1, len(blobs))
    entries = b""
    for size, data in blobs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    target.write_bytes(header + entries + b"".join(data for _, data in blobs))


def write_icns(pngs: dict[int, Path], target: Path) -> None:
    iconset = target.with_suffix(".iconset")
    iconset.mkdir(exist_ok=True)
    for size in (16, 32, 128, 256, 512):
        shutil.copy(pngs[size], iconset / f"icon_{size}x{size}.png")
        shutil.copy(pngs[size * 2], iconset / f"icon_{size}x{size}@2x.png")
    subprocess.run(["iconutil", "-c", "icns", str(iconset), "-o", str(target)], check=True)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "work" / "icons")
    pngs = render_pngs(out / "png")
    write_ico(pngs, out / "wenqi.ico")
    if sys.platform == "darwin":
        write_icns(pngs, out / "wenqi.icns")
    print(f"icons written to {out}")


if __name__ == "__main__":
    main()
