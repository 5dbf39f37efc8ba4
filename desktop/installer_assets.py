"""What the installer needs besides the code, made when it is built:

    python -m desktop.installer_assets FOLDER

- klassbok.ico (Windows) and klassbok.icns (macOS), drawn by Qt from
  desktop/resources/icons/klassbok.svg: no binary icon is kept in git, and
  the icon cannot drift from the one the app shows;
- version_info.txt, the Windows version resource (product name, version,
  company, copyright) that Explorer's Properties dialog shows.

Both icon formats are containers of PNG images (Windows Vista and later,
macOS 10.7 and later read PNG entries), so no image plugin is needed.
build_installer.spec runs this in a process of its own before PyInstaller.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from desktop.licences import app_version

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: (ICNS type code, pixel size)
ICNS_ENTRIES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size x size pixels, as PNG (a QGuiApplication must exist)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
    buffer.close()
    return bytes(data.data())


def ico_file(images: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG per size (ICONDIR, ICONDIRENTRYs, the images)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        data = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images[size] for size in sizes)


def icns_file(images: dict[bytes, bytes]) -> bytes:
    """An .icns holding PNG entries (type code, big-endian length, data)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in images.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def version_resource(version: str) -> str:
    """PyInstaller's text form of a Windows VS_VERSIONINFO."""
    numbers = [
        int(part) for part in version.split("+", maxsplit=1)[0].split(".")[:3] if part.isdigit()
    ]
    numbers += [0] * (4 - len(numbers))
    quad = tuple(numbers[:4])
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041D04B0', [
      StringStruct('CompanyName', 'Klassbok'),
      StringStruct('FileDescription', 'Klassbok for teachers'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'Klassbok'),
      StringStruct('LegalCopyright', 'Klassbok'),
      StringStruct('OriginalFilename', 'Klassbok.exe'),
      StringStruct('ProductName', 'Klassbok'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x041D, 1200])])
  ]
)
"""


def build(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from desktop import resources

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    svg = resources.resource_path("icons", "klassbok.svg")
    folder.mkdir(parents=True, exist_ok=True)
    sizes = set(ICO_SIZES) | {size for _kind, size in ICNS_ENTRIES}
    png = {size: render_png(svg, size) for size in sorted(sizes)}
    written = {
        folder / "klassbok.ico": ico_file({size: png[size] for size in ICO_SIZES}),
        folder / "klassbok.icns": icns_file({kind: png[size] for kind, size in ICNS_ENTRIES}),
        folder / "klassbok-256.png": png[256],  # for a Linux .desktop entry
        folder / "version_info.txt": version_resource(app_version()).encode("utf-8"),
    }
    for path, data in written.items():
        path.write_bytes(data)
    return list(written)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for path in build(Path(sys.argv[1])):
        print(f"made {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
