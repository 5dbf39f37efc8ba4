"""The Linux bundle's trimmed ICU data (desktop/installer_icu.py): what goes,
and that Qt does with the trimmed library what it does with PySide6's whole
one for Swedish and English (sorting, capitals, time-zone names)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import installer_icu

#: What Qt does with ICU's data that the app could meet, one line each.
QT_WITH_ICU = r"""
import functools, sys
from PySide6.QtCore import QCollator, QCoreApplication, QDateTime, QLocale, QTimeZone
app = QCoreApplication(sys.argv)
names = ["Östen", "Zoe", "Ärla", "Åsa", "adam", "Émile", "Anna", "Ølund", "ängel"]
for locale in ("sv_SE", "sv_FI", "en_GB", "en_US"):
    collator = QCollator(QLocale(locale))
    print(locale, sorted(names, key=functools.cmp_to_key(collator.compare)))
    print(locale, QLocale(locale).toUpper("åäö straße"), QLocale(locale).toLower("ÅÄÖ"))
winter = QDateTime.fromString("2026-12-07T10:00:00", "yyyy-MM-ddTHH:mm:ss")
zone = QTimeZone(b"Europe/Stockholm")
for locale in ("sv_SE", "en_GB"):
    for kind in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName):
        print(locale, zone.displayName(winter, kind, QLocale(locale)))
print(QLocale("sv_SE").toString(winter, QLocale.FormatType.LongFormat))
"""


@pytest.mark.parametrize(
    "item",
    [
        "coll/de.res",
        "zone/fr_CA.res",
        "de.res",
        "ibm-943_P15A-2003.cnv",
        "brkitr/root.res",
        "brkitr/cjdict.dict",
        "translit/root.res",
        "unames.icu",
        "lang/ja.res",
    ],
)
def test_other_languages_codecs_and_break_rules_go(item: str) -> None:
    assert installer_icu.dropped(item)


@pytest.mark.parametrize(
    "item",
    [
        "coll/sv.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "zone/sv_SE.res",
        "zone/pool.res",
        "sv.res",
        "en_GB.res",
        "en_001.res",
        "root.res",
        "uprops.icu",
        "ucase.icu",
        "nfc.nrm",
        "cnvalias.icu",
        "zoneinfo64.res",
        "metaZones.res",
        "plurals.res",
        "likelySubtags.res",
        "res_index.res",
        "pool.res",
        "curr/sv.res",
        "unit/en.res",
    ],
)
def test_swedish_english_and_the_core_tables_stay(item: str) -> None:
    assert not installer_icu.dropped(item)


def _pyside_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 carries no ICU data library")
    return found[0]


def _qt_output(preload: Path | None) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if preload is not None:
        # The loader reuses an already loaded library of the same soname for
        # libicuuc's dependency: Qt runs on the trimmed data.
        env["LD_PRELOAD"] = str(preload)
    result = subprocess.run(
        [sys.executable, "-c", QT_WITH_ICU],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the trimming is Linux's")
@pytest.mark.skipif(not installer_icu.tools_present(), reason="icupkg (icu-devtools) is missing")
def test_qt_sorts_and_names_as_before_on_the_trimmed_data(tmp_path: Path) -> None:
    full = _pyside_icu_data()
    trimmed = installer_icu.trim(full, tmp_path)
    assert trimmed.name == full.name
    assert trimmed.stat().st_size < full.stat().st_size / 5
    before, after = _qt_output(None), _qt_output(trimmed)
    assert after == before
    swedish = "sv_SE ['adam', 'Anna', 'Émile', 'Zoe', 'Åsa', 'ängel', 'Ärla', 'Ølund', 'Östen']"
    assert swedish in after.splitlines()
    assert "centraleuropeisk normaltid" in after


def test_a_library_that_is_not_icus_data_is_refused() -> None:
    with pytest.raises(ValueError, match="ELF"):
        installer_icu.data_symbol(b"not a library")
