"""Regenerate the translation catalogues from the source and compile them.

    .venv/bin/python -m desktop.update_translations

Runs pyside6-lupdate over every desktop/*.py file into
desktop/resources/translations/klassbok_sv.ts (existing translations are kept;
strings no longer in the code are dropped) and klassbok_en.ts (plural forms
only: English source text reads "%n group(s)"), then pyside6-lrelease into
the .qm files the app loads. Commit the .ts and the .qm files together.
New strings arrive as type="unfinished": translate them (Qt Linguist,
pyside6-linguist, or by hand) and run this again; the tests refuse
unfinished translations in both catalogues.

Plurals: pyside6-lupdate reads self.tr(text, "", n) as a plural but not
QCoreApplication.translate(context, text, "", n) with a variable n, and
files it as a plain message (and -pluralonly then drops it from English).
So every message whose source has %n is made a plural here after lupdate,
keeping the forms it had; a new one arrives unfinished.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def update(ts_file: Path, *, quiet: bool = False) -> None:
    subprocess.run(  # noqa: S603 - PySide6's own tool, our own file names
        [_tool("pyside6-lupdate"), "-no-obsolete", *source_files(), "-ts", str(ts_file)],
        cwd=ROOT,
        check=True,
        capture_output=quiet,
    )


PluralForms = dict[tuple[str, str], list[str]]


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def plural_forms(ts_file: Path) -> PluralForms:
    """The finished plural forms of a catalogue, by (context, source)."""
    if not ts_file.exists():
        return {}
    forms: PluralForms = {}
    root = ET.parse(ts_file).getroot()  # noqa: S314 - our own catalogue
    for context, message in _messages(root):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None or translation.get("type"):
            continue
        forms[(context, message.findtext("source") or "")] = [
            form.text or "" for form in translation.findall("numerusform")
        ]
    return forms


def repair_plurals(ts_file: Path, known: PluralForms, *, plurals_only: bool) -> None:
    """Make every %n message a plural with its known forms (see the module doc);
    with plurals_only, drop the rest (the English catalogue)."""
    tree = ET.parse(ts_file)  # noqa: S314 - our own catalogue
    root = tree.getroot()
    for context in root.findall("context"):
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            if "%n" not in source:
                if plurals_only:
                    context.remove(message)
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            forms = known.get((context.findtext("name") or "", source))
            if message.get("numerus") == "yes" and forms is None:
                continue  # lupdate saw it as a plural: its forms are in place
            message.set("numerus", "yes")
            single = translation.text or ""
            translation.clear()
            translation.text = None
            if forms is None:
                translation.set("type", "unfinished")
                forms = [single.strip(), single.strip()]
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        if not context.findall("message"):
            root.remove(context)
    ts_file.write_text(_as_lupdate_writes(root), encoding="utf-8")


def _as_lupdate_writes(root: ET.Element) -> str:
    """The catalogue in lupdate's own layout, so the next run's diff is small."""
    ET.indent(root, space="    ")
    lines = ET.tostring(root, encoding="unicode").splitlines()
    body = "\n".join(line.removeprefix("    ") for line in lines)
    body = body.replace(" />", "/>")
    body = re.sub(r">([^<]*)<", lambda m: ">" + _escape_text(m.group(1)) + "<", body)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'


def _escape_text(text: str) -> str:
    return text.replace("'", "&apos;").replace('"', "&quot;")


def release(ts_file: Path) -> None:
    subprocess.run(  # noqa: S603 - PySide6's own tool, our own file names
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )


def main(translations: Path = TRANSLATIONS, *, compile_qm: bool = True, quiet: bool = False) -> int:
    """Update the catalogues in translations (the tests pass a copy)."""
    translations.mkdir(parents=True, exist_ok=True)
    swedish = translations / "klassbok_sv.ts"
    english = translations / "klassbok_en.ts"
    known_swedish, known_english = plural_forms(swedish), plural_forms(english)
    update(swedish, quiet=quiet)
    repair_plurals(swedish, known_swedish, plurals_only=False)
    update(english, quiet=quiet)  # not -pluralonly: it would drop the plurals lupdate missed
    repair_plurals(english, known_english, plurals_only=True)
    if compile_qm:
        release(swedish)
        release(english)
    return 0


if __name__ == "__main__":
    sys.exit(main())
