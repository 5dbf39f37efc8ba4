"""A smaller ICU data library for the Linux bundle (docs/installer.md):

    python -m desktop.installer_icu LIBICUDATA OUTPUT_FOLDER

Qt Core links ICU, and PySide6's `libicudata.so.NN` holds ICU's data for
every locale, script and legacy text codec there is: 32 MB, a fifth of the
bundle. Klassbok needs Swedish and English. This writes a library of the same
name and symbol with ICU's data cut to what Qt uses for those languages
(build_installer.spec puts it in place of PySide6's):

- kept: the core tables (character properties, case mapping, normalization,
  plural rules, likely subtags, time zones and their names), and the root,
  English and Swedish locales of each tree Qt reads: collation (QCollator,
  Swedish sorts Å, Ä, Ö after Z), locale data, time-zone, currency,
  language, region and unit names;
- left out: the other ~800 locales; the legacy converters (`*.cnv`: Qt
  decodes UTF-8, UTF-16 and Latin-1 itself, and Klassbok reads no other
  encoding through Qt; the CSV import is the server's); word-break rules and
  their dictionaries (Qt's text boundaries are its own, not ICU's);
  transliteration, character names and spoof detection, which Qt never calls.

It needs `icupkg` (Debian/Ubuntu: `apt-get install icu-devtools`; Fedora:
`dnf install icu`) and a C compiler to assemble the library. Without them it
says so and the build keeps PySide6's full library. tests/desktop/
test_installer_icu.py checks what Qt does with the result: Swedish and
English collation, case mapping and time-zone names unchanged.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

#: Locales kept in every tree: root, English (and the parents en_GB falls
#: back through) and Swedish (Sweden, Finland, Åland).
KEPT_LOCALES = re.compile(
    r"^(root|en|en_001|en_150|en_GB|en_US|en_US_POSIX|sv|sv_SE|sv_FI|sv_AX)\.res$"
)
#: Trees of per-locale resources: only the kept locales stay.
LOCALE_TREES = ("coll", "curr", "lang", "region", "unit", "zone", "rbnf")
#: Trees Qt never reads.
DROPPED_TREES = ("brkitr", "translit")
DROPPED_FILES = ("unames.icu", "confusables.cfu", "confusablesWholeScript.cfu")
#: Every tree's own files: its key pool and index of locales.
TREE_FILES = ("pool.res", "res_index.res")
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")


class ToolMissing(RuntimeError):
    """icupkg or a C compiler is not installed."""


def tools_present() -> bool:
    return shutil.which("icupkg") is not None and _compiler() is not None


def _compiler() -> str | None:
    return shutil.which("cc") or shutil.which("gcc")


def dropped(item: str) -> bool:
    """Whether the package item (`coll/de.res`, `ibm-943_P15A-2003.cnv`) goes."""
    tree, _, name = item.rpartition("/")
    if name in TREE_FILES:
        return tree in DROPPED_TREES
    if not tree:
        if name.endswith(".cnv") or name in DROPPED_FILES:
            return True
        return bool(LOCALE_NAME.match(name)) and not KEPT_LOCALES.match(name)
    if tree in DROPPED_TREES:
        return True
    if tree in LOCALE_TREES:
        return name.endswith(".res") and not KEPT_LOCALES.match(name)
    return False


def data_symbol(library: bytes) -> tuple[str, bytes]:
    """The exported `icudtNN_dat` symbol's name and bytes, read from the ELF file."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise ValueError("not a little-endian 64-bit ELF library")
    section_offset = struct.unpack_from("<Q", library, 0x28)[0]
    entry_size, count = struct.unpack_from("<HH", library, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", library, section_offset + i * entry_size)
        for i in range(count)
    ]
    symbols = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strings = sections[symbols[6]]  # sh_link: its string table
    for at in range(symbols[4], symbols[4] + symbols[5], 24):
        name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", library, at)
        start = strings[4] + name_at
        name = library[start : library.index(b"\0", start)].decode()
        if re.fullmatch(r"icudt\d+_dat", name):
            section = sections[index]
            offset = section[4] + value - section[3]
            return name, library[offset : offset + size]
    raise ValueError("no icudtNN_dat symbol: not ICU's data library")


def trim(library: Path, output_folder: Path) -> Path:
    """Write the trimmed library into output_folder; return its path."""
    icupkg, compiler = shutil.which("icupkg"), _compiler()
    if icupkg is None or compiler is None:
        raise ToolMissing("icupkg (icu-devtools) and a C compiler are needed")
    symbol, data = data_symbol(library.read_bytes())
    package = symbol.removesuffix("_dat") + "l"  # little-endian, as icupkg names it
    with tempfile.TemporaryDirectory(prefix="klassbok-icu-") as work_folder:
        work = Path(work_folder)
        (work / "full").mkdir()
        (work / "full" / f"{package}.dat").write_bytes(data)
        listing = subprocess.run(  # noqa: S603 - ICU's own tool, our own temporary files
            [icupkg, "-l", str(work / "full" / f"{package}.dat")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        (work / "drop.txt").write_text("\n".join(i for i in listing if dropped(i)) + "\n")
        (work / "kept").mkdir()
        trimmed = work / "kept" / f"{package}.dat"
        full = work / "full" / f"{package}.dat"
        subprocess.run(  # noqa: S603 - ICU's own tool, our own temporary files
            [icupkg, "-r", str(work / "drop.txt"), str(full), str(trimmed)],
            capture_output=True,
            check=True,
        )
        (work / "data.S").write_text(_assembly(symbol, trimmed))
        output_folder.mkdir(parents=True, exist_ok=True)
        output = output_folder / library.name
        subprocess.run(  # noqa: S603 - the system's C compiler, our own temporary files
            [
                *(compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}"),
                *("-Wl,-z,noexecstack", "-o", str(output), str(work / "data.S")),
            ],
            capture_output=True,
            check=True,
        )
    return output


def _assembly(symbol: str, data: Path) -> str:
    # ICU reads its data in place: 16-byte alignment, as ICU's own build gives it.
    return (
        "    .section .rodata\n"
        f"    .globl {symbol}\n"
        f"    .type {symbol}, @object\n"
        "    .balign 16\n"
        f"{symbol}:\n"
        f'    .incbin "{data}"\n'
        f"    .size {symbol}, . - {symbol}\n"
        '    .section .note.GNU-stack,"",@progbits\n'
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    library, folder = Path(argv[0]), Path(argv[1])
    try:
        output = trim(library, folder)
    except ToolMissing as missing:
        print(f"ICU data not trimmed ({missing}); the bundle keeps the full {library.name}")
        return 3
    before, after = library.stat().st_size / 1e6, output.stat().st_size / 1e6
    print(f"ICU data trimmed: {library.name} {before:.1f} MB -> {after:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
