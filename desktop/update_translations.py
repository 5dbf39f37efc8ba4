"""Regenerate the translation catalogues from the source and compile them.

    .venv/bin/python -m desktop.update_translations

Runs pyside6-lupdate over every desktop/*.py file into
desktop/resources/translations/klassbok_sv.ts (existing translations are kept;
strings no longer in the code are dropped) and klassbok_en.ts (plural forms
only: English source text reads "%n group(s)"), then pyside6-lrelease into
the .qm files the app loads. Commit the .ts and the .qm files together.
New strings arrive as type="unfinished": translate them (Qt Linguist,
pyside6-linguist, or by hand) and run this again; the tests refuse
unfinished Swedish translations.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop"
TRANSLATIONS = SOURCES / "resources" / "translations"


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def source_files() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in SOURCES.rglob("*.py")
        if "__pycache__" not in path.parts
    )


def update(ts_file: Path, *extra: str) -> None:
    subprocess.run(  # noqa: S603 - PySide6's own tool, our own file names
        [_tool("pyside6-lupdate"), *extra, "-no-obsolete", *source_files(), "-ts", str(ts_file)],
        cwd=ROOT,
        check=True,
    )


def release(ts_file: Path) -> None:
    subprocess.run(  # noqa: S603 - PySide6's own tool, our own file names
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    swedish = TRANSLATIONS / "klassbok_sv.ts"
    english = TRANSLATIONS / "klassbok_en.ts"
    update(swedish)
    update(english, "-pluralonly")
    release(swedish)
    release(english)
    return 0


if __name__ == "__main__":
    sys.exit(main())
